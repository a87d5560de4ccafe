import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { relativeImportsOf, typeScriptFiles } from '../helpers/sources';

/**
 * The pure service's layers, lowest first (ARCHITECTURE.md, "Layers"). A module may import its
 * own folder and any folder of a lower layer; never a folder of its own layer or above. So the
 * folders cannot form a cycle, and a building block never reaches up to what is built on it.
 * Files at the service's root are placed one by one: the shared types at the bottom, the facade
 * at the top. A new folder fails the test until it is given a layer here.
 */
const layers: readonly (readonly string[])[] = [
  ['types.ts', 'settings.ts'],
  ['languageTypes.ts'],
  ['protocol.ts', 'fileProtocol.ts'],
  ['k8s', 'source'],
  ['yaml'],
  ['decode'],
  ['templates', 'validation'],
  ['rules', 'yamlText', 'routing'],
  ['store'],
  ['pipeline', 'workspace', 'symbols'],
  ['completion', 'migration'],
  ['hover', 'codeActions'],
  ['languageService.ts'],
  ['index.ts'],
];

const servicePrefix = 'server/src/service/';

/** The folder of a service file (`yaml`), or the file itself at the service's root (`types.ts`). */
function placeOf(file: string): string {
  const inside = file.slice(servicePrefix.length);
  const slash = inside.indexOf('/');
  return slash < 0 ? inside : inside.slice(0, slash);
}

function layerOf(place: string): number {
  const layer = layers.findIndex((names) => names.includes(place));
  assert.notEqual(
    layer,
    -1,
    `server/src/service/${place} has no layer: add it to test/unit/layering.test.ts`,
  );
  return layer;
}

/** Every file-level import cycle among `files`, each as the files around it. */
function cyclesAmong(files: readonly string[], importsOf: (file: string) => string[]): string[][] {
  const edges = new Map(files.map((f) => [f, importsOf(f).filter((t) => files.includes(t))]));
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of edges.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push(stack.slice(stack.indexOf(next)));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of files) if (!state.has(file)) visit(file);
  return cycles;
}

/** Every import of a service file into another folder of its own layer or of a higher one. */
function upwardImports(files: readonly string[], importsOf: (file: string) => string[]): string[] {
  const upward: string[] = [];
  for (const file of files) {
    const from = placeOf(file);
    for (const target of importsOf(file)) {
      assert.ok(target.startsWith(servicePrefix), `${file} imports ${target}, outside the pure service`);
      const to = placeOf(target);
      if (to !== from && layerOf(to) >= layerOf(from)) upward.push(`${file} → ${target}`);
    }
  }
  return upward;
}

describe('layering', () => {
  it('no service module imports its own layer or one above it', () => {
    assert.deepEqual(upwardImports(typeScriptFiles('server/src/service'), relativeImportsOf), []);
  });

  it('no import cycle between files of the server, the CLI or the client', () => {
    const files = [...typeScriptFiles('server/src'), ...typeScriptFiles('client/src')];
    const cycles = cyclesAmong(files, relativeImportsOf).map((cycle) => cycle.join(' → '));
    assert.deepEqual(cycles, []);
  });

  it('finds an upward import and a cycle when there is one', () => {
    const rule = `${servicePrefix}rules/endpoints.ts`;
    const pipeline = `${servicePrefix}pipeline/objectValidation.ts`;
    assert.deepEqual(
      upwardImports([rule], () => [pipeline]),
      [`${rule} → ${pipeline}`],
    );
    assert.deepEqual(
      upwardImports([pipeline], () => [rule]),
      [],
    );
    const sameLayer = `${servicePrefix}workspace/summarize.ts`;
    assert.equal(upwardImports([pipeline], () => [sameLayer]).length, 1);
    const cycle = cyclesAmong(['a.ts', 'b.ts', 'c.ts'], (f) =>
      f === 'a.ts' ? ['b.ts'] : f === 'b.ts' ? ['a.ts'] : [],
    );
    assert.deepEqual(cycle, [['a.ts', 'b.ts']]);
  });
});
