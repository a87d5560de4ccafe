import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { before, describe, it } from 'node:test';
import { INITIAL, parseRawGrammar, Registry } from 'vscode-textmate';
import type { IGrammar } from 'vscode-textmate';
import { loadWASM, OnigScanner, OnigString } from 'vscode-oniguruma';

/**
 * The injection grammars in syntaxes/, run the way VS Code runs them: injected into VS Code's own
 * YAML grammar (test/fixtures/grammars) by vscode-textmate with the Oniguruma WebAssembly build.
 */
const root = resolve(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  contributes: { grammars: { scopeName: string; path: string; injectTo: string[] }[] };
};
const yamlGrammars: Record<string, string> = {
  'source.yaml': 'yaml.tmLanguage.json',
  'source.yaml.1.0': 'yaml-1.0.tmLanguage.json',
  'source.yaml.1.1': 'yaml-1.1.tmLanguage.json',
  'source.yaml.1.2': 'yaml-1.2.tmLanguage.json',
  'source.yaml.1.3': 'yaml-1.3.tmLanguage.json',
  'source.yaml.embedded': 'yaml-embedded.tmLanguage.json',
};

async function loadYaml(): Promise<IGrammar> {
  const wasm = readFileSync(join(root, 'node_modules/vscode-oniguruma/release/onig.wasm'));
  await loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const ours = new Map(manifest.contributes.grammars.map((g) => [g.scopeName, join(root, g.path)]));
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new OnigScanner(patterns),
      createOnigString: (text: string) => new OnigString(text),
    }),
    loadGrammar: (scope: string) => {
      const yaml = yamlGrammars[scope];
      const path = ours.get(scope) ?? (yaml ? join(root, 'test/fixtures/grammars', yaml) : undefined);
      return Promise.resolve(path ? parseRawGrammar(readFileSync(path, 'utf8'), path) : null);
    },
    getInjections: (scope: string) =>
      manifest.contributes.grammars.filter((g) => g.injectTo.includes(scope)).map((g) => g.scopeName),
  });
  const grammar = await registry.loadGrammar('source.yaml');
  assert.ok(grammar);
  return grammar;
}

/** The innermost scope of each token, keyed by its text, line by line. */
function tokenize(grammar: IGrammar, text: string): Map<string, string[]>[] {
  let state = INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    const tokens = new Map<string, string[]>();
    for (const token of result.tokens) tokens.set(line.slice(token.startIndex, token.endIndex), token.scopes);
    return tokens;
  });
}

function scopeOf(lines: Map<string, string[]>[], line: number, token: string): string {
  const scopes = lines[line]?.get(token);
  assert.ok(
    scopes,
    `no token ${JSON.stringify(token)} on line ${line}: ${JSON.stringify([...(lines[line]?.keys() ?? [])])}`,
  );
  return scopes[scopes.length - 1] ?? '';
}

const file = [
  'apiVersion: v1', // 0
  'kind: Service',
  'spec:',
  '  clusterIP: 10.0.0.1',
  '  ports: [{port: 80}]',
  '---', // 5
  'apiVersion: discovery.k8s.io/v1',
  'kind: EndpointSlice',
  'addressType: IPv6',
  'endpoints:',
  '  - addresses: ["2001:db8::1", 10.1.2.3]', // 10
  '  - addresses:',
  '      - fd00::1 # a comment 10.9.9.9',
  'ports:',
  '  - name: http',
  '    port: 8080', // 15
  '    protocol: UDP',
  '---',
  'kind: "Endpoints"',
  'subsets:',
  '  - addresses: [{ip: 10.2.0.1}]', // 20
  '    ports: [{name: dns, port: 53, protocol: TCP}]',
].join('\n');

describe('TextMate injection grammars', () => {
  let lines: Map<string, string[]>[] = [];
  before(async () => {
    lines = tokenize(await loadYaml(), file);
  });

  it('are contributed as injections into source.yaml', () => {
    assert.deepEqual(
      manifest.contributes.grammars.map((g) => [g.scopeName, g.injectTo]),
      [
        ['endpointslices.document.injection', ['source.yaml']],
        ['endpointslices.values.injection', ['source.yaml']],
      ],
    );
  });

  it('highlight IPv4 and IPv6 addresses in block and flow lists, quoted or not', () => {
    assert.equal(scopeOf(lines, 10, '2001:db8::1'), 'constant.numeric.ip-address.ipv6.endpointslices');
    assert.equal(scopeOf(lines, 10, '10.1.2.3'), 'constant.numeric.ip-address.ipv4.endpointslices');
    assert.equal(scopeOf(lines, 12, 'fd00::1'), 'constant.numeric.ip-address.ipv6.endpointslices');
    assert.equal(scopeOf(lines, 20, '10.2.0.1'), 'constant.numeric.ip-address.ipv4.endpointslices');
  });

  it('highlight ports, protocols and the address type, keeping the keys YAML keys', () => {
    assert.equal(scopeOf(lines, 15, '8080'), 'constant.numeric.integer.port.endpointslices');
    assert.equal(scopeOf(lines, 15, 'port'), 'entity.name.tag.yaml');
    assert.equal(scopeOf(lines, 16, 'UDP'), 'constant.language.protocol.endpointslices');
    assert.equal(scopeOf(lines, 8, 'IPv6'), 'constant.language.address-type.endpointslices');
    assert.equal(scopeOf(lines, 21, '53'), 'constant.numeric.integer.port.endpointslices');
    assert.equal(scopeOf(lines, 21, 'TCP'), 'constant.language.protocol.endpointslices');
  });

  it('leave other kinds and comments alone, and keep YAML highlighting in our documents', () => {
    assert.equal(scopeOf(lines, 3, '10.0.0.1'), 'string.unquoted.plain.out.yaml');
    assert.ok(!scopeOf(lines, 4, '80').includes('endpointslices'));
    assert.ok(!scopeOf(lines, 12, ' a comment 10.9.9.9').includes('endpointslices'));
    assert.equal(scopeOf(lines, 14, 'name'), 'entity.name.tag.yaml');
    assert.equal(scopeOf(lines, 14, 'http'), 'string.unquoted.plain.out.yaml');
    assert.ok(lines[7]?.get('kind')?.includes('meta.document.endpointslices'));
    assert.ok(!lines[3]?.get('clusterIP')?.includes('meta.document.endpointslices'));
  });
});
