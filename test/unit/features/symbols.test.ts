import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLanguageService } from '../../../server/src/service';
import type { DocumentSymbol } from '../../../server/src/service';

const service = createLanguageService();

function outline(symbols: DocumentSymbol[], depth = 0): string[] {
  return symbols.flatMap((s) => [
    `${'  '.repeat(depth)}${s.name}${s.detail ? ` (${s.detail})` : ''}`,
    ...outline(s.children ?? [], depth + 1),
  ]);
}

const contains = (outer: DocumentSymbol, inner: DocumentSymbol['range']): boolean =>
  (outer.range.start.line < inner.start.line ||
    (outer.range.start.line === inner.start.line && outer.range.start.character <= inner.start.character)) &&
  (outer.range.end.line > inner.end.line ||
    (outer.range.end.line === inner.end.line && outer.range.end.character >= inner.end.character));

const file = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata: {name: skipped}',
  '---',
  'apiVersion: discovery.k8s.io/v1',
  'kind: EndpointSlice',
  'metadata:',
  '  name: web-1',
  'addressType: IPv4',
  'endpoints:',
  '  - addresses: [10.0.0.1, 10.0.0.2]',
  '    nodeName: n1',
  '  - addresses: [10.0.0.3]',
  '    conditions: {ready: false}',
  'ports:',
  '  - {name: http, port: 8080}',
  '---',
  'apiVersion: v1',
  'kind: Endpoints',
  'metadata: {name: legacy}',
  'subsets:',
  '  - addresses: [{ip: 10.1.0.1}]',
  '    notReadyAddresses: [{ip: 10.1.0.2}]',
  '    ports: [{port: 80, protocol: UDP}]',
  '',
].join('\n');

describe('document symbols', () => {
  it('outlines both kinds with endpoints, readiness, subsets and ports, and skips other kinds', () => {
    assert.deepEqual(outline(service.documentSymbols(file)), [
      'EndpointSlice web-1 (IPv4 · 2 endpoints)',
      '  endpoints (2)',
      '    10.0.0.1 +1 (ready on n1)',
      '    10.0.0.3 (not ready)',
      '  ports (1)',
      '    http (8080/TCP)',
      'Endpoints legacy (1 subset)',
      '  subsets (1)',
      '    subset 0',
      '      addresses (1)',
      '        10.1.0.1 (ready)',
      '      notReadyAddresses (1)',
      '        10.1.0.2 (not ready)',
      '      ports (1)',
      '        (unnamed) (80/UDP)',
    ]);
  });

  it('gives every symbol a selection inside its range, in file lines', () => {
    const check = (symbol: DocumentSymbol): void => {
      assert.ok(contains(symbol, symbol.selectionRange), symbol.name);
      symbol.children?.forEach(check);
    };
    const [slice, endpoints] = service.documentSymbols(file);
    assert.ok(slice && endpoints);
    [slice, endpoints].forEach(check);
    assert.equal(slice.selectionRange.start.line, 7);
    assert.equal(endpoints.range.start.line, 17);
  });
});
