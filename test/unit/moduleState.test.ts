import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import * as ts from 'typescript';
import { repoRoot, typeScriptFiles } from '../helpers/sources';

/**
 * The pure layers keep no state in a module: whatever they remember belongs to an instance (a
 * language service, its document store, a cluster model), so two of them in one process share
 * nothing and a test never sees what the previous one left behind. This reads every module's
 * top-level declarations and fails on one that can change: a `let` or `var`, an instance of a
 * class (a cache, a parser), or a collection the module itself adds to. Constant tables built
 * once (`new Set([...])` never added to, a RegExp) are fine.
 */
const pureLayers = ['server/src/service', 'client/src/cluster/model'];

/** Collections a module may build once at load, if it never changes them afterwards. */
const constantTables = new Set(['Set', 'Map', 'RegExp', 'Intl.Collator']);

/**
 * Left for the work that owns those files (issue 15 moved the engine, not the cluster view):
 * memos keyed by the model's objects, which live as long as the objects do.
 */
const known = new Set([
  'client/src/cluster/model/serviceView.ts: keyedCache (new WeakMap)',
  'client/src/cluster/model/serviceView.ts: mergedCache (new WeakMap)',
  'client/src/cluster/model/routingView.ts: cache (new WeakMap)',
]);
const mutators = ['add', 'set', 'delete', 'clear', 'push', 'pop', 'shift', 'unshift', 'splice'];

/** Every top-level declaration of `text` that holds state, as `name (reason)`. */
export function moduleState(text: string): string[] {
  const file = ts.createSourceFile('module.ts', text, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const list = statement.declarationList;
    const constant = (list.flags & ts.NodeFlags.Const) !== 0;
    for (const declaration of list.declarations) {
      const name = declaration.name.getText(file);
      if (!constant) {
        found.push(`${name} (let or var)`);
        continue;
      }
      const reason = stateIn(declaration.initializer, name, text);
      if (reason) found.push(`${name} (${reason})`);
    }
  }
  return found;
}

function stateIn(initializer: ts.Expression | undefined, name: string, text: string): string | undefined {
  if (initializer === undefined) return undefined;
  const mutated = mutators.some((m) => text.includes(`${name}.${m}(`)) || text.includes(`${name}[`);
  if (ts.isNewExpression(initializer)) {
    const made = initializer.expression.getText();
    if (!constantTables.has(made)) return `new ${made}`;
    return mutated ? `a ${made} the module changes` : undefined;
  }
  const literal = ts.isArrayLiteralExpression(initializer) || ts.isObjectLiteralExpression(initializer);
  if (literal && mutators.some((m) => text.includes(`${name}.${m}(`))) return 'a literal the module changes';
  return undefined;
}

describe('no module-level mutable state in the pure layers', () => {
  it('no module of server/src/service or the cluster model declares state at its top level', () => {
    const found = pureLayers
      .flatMap((dir) => typeScriptFiles(dir))
      .flatMap((file) =>
        moduleState(readFileSync(resolve(repoRoot, file), 'utf8')).map((s) => `${file}: ${s}`),
      );
    assert.deepEqual(
      found.filter((f) => !known.has(f)),
      [],
    );
  });

  it('finds a top-level let, a cache instance and a table the module adds to', () => {
    const text = [
      'let last: string | undefined;',
      'const recent = new LruCache<string>(2);',
      'const seen = new Set<string>();\nexport function see(s: string) { seen.add(s); }',
      "const fixed = new Set(['a', 'b']);",
      'const pattern = new RegExp("x");',
      'function inside() { let local = 1; const cache = new Map(); return [local, cache]; }',
    ].join('\n');
    assert.deepEqual(moduleState(text), [
      'last (let or var)',
      'recent (new LruCache)',
      'seen (a Set the module changes)',
    ]);
  });
});
