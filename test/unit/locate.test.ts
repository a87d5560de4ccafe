import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { createLanguageService } from '../../server/src/service';
import type { EndpointDiagnostic, Range, ServiceSettings } from '../../server/src/service';
import { kindSpecs } from '../../server/src/service/k8s/schema';
import { decode } from '../../server/src/service/decode/decode';
import { parseChunk } from '../../server/src/service/yaml/yamlDocument';
import { locate } from '../../server/src/service/pipeline/locate';

/**
 * Where diagnostics point. The apiserver's path says which field; the range says what to
 * underline, which can be narrower (the element of a list-level error) or a fallback (a missing
 * field), and never spans more than one line.
 */

const settings: ServiceSettings = {
  kubernetesVersion: '1.37',
  fieldValidation: 'Strict',
  advisories: false,
  maxEndpointsPerSlice: 100,
};

function diagnostics(lines: string[]): EndpointDiagnostic[] {
  return createLanguageService().validate(`${lines.join('\n')}\n`, settings).diagnostics;
}

/** The range of the first occurrence of `text` on line `line` of `lines`. */
function rangeOf(lines: string[], line: number, text: string): Range {
  const character = lines[line]?.indexOf(text) ?? -1;
  assert.ok(character >= 0, `"${text}" is not on line ${line}`);
  return { start: { line, character }, end: { line, character: character + text.length } };
}

const head = [
  'apiVersion: discovery.k8s.io/v1',
  'kind: EndpointSlice',
  'metadata:',
  '  name: s',
  '  labels:',
  '    kubernetes.io/service-name: svc',
];

describe('ranges of EndpointSlice errors', () => {
  it('the wrong-family error reports the list path but highlights the element', () => {
    const lines = [
      ...head,
      'addressType: IPv4',
      'endpoints:',
      '- addresses:',
      '  - "10.1.2.3"',
      '  - "2001:db8::1"',
    ];
    const [error, ...rest] = diagnostics(lines);
    assert.deepEqual(rest, []);
    assert.equal(error?.field, 'endpoints[0].addresses');
    assert.equal(
      error?.message,
      'endpoints[0].addresses: Invalid value: "2001:db8::1": must be an IPv4 address',
    );
    assert.deepEqual(error?.range, rangeOf(lines, 10, '"2001:db8::1"'));
  });

  it('a missing addressType points at one line: the kind', () => {
    const lines = [...head, 'endpoints:', '- addresses: ["10.1.2.3"]'];
    const [error, ...rest] = diagnostics(lines);
    assert.deepEqual(rest, []);
    assert.equal(error?.field, 'addressType');
    assert.equal(error?.reason, 'FieldValueRequired');
    assert.deepEqual(error?.range, rangeOf(lines, 1, 'kind'));
  });

  it('a missing field inside a list element points at the first line of the element', () => {
    const lines = [...head, 'addressType: IPv4', 'endpoints:', '- hostname: web', '  zone: a'];
    const [error] = diagnostics(lines);
    assert.equal(error?.field, 'endpoints[0].addresses');
    assert.deepEqual(error?.range, rangeOf(lines, 8, 'hostname: web'));
  });

  it('label errors point at the offending key or value, reported at metadata.labels', () => {
    const lines = [
      'apiVersion: discovery.k8s.io/v1',
      'kind: EndpointSlice',
      'metadata:',
      '  name: s',
      '  labels:',
      `    ok: ${'v'.repeat(64)}`,
      '    -bad: x',
      'addressType: IPv4',
    ];
    const errors = diagnostics(lines);
    assert.deepEqual(
      errors.map((d) => [d.field, d.range]),
      [
        ['metadata.labels', rangeOf(lines, 5, 'v'.repeat(64))],
        ['metadata.labels', rangeOf(lines, 6, '-bad')],
      ],
    );
  });

  it('two unnamed ports clash on the second port itself, the name being absent', () => {
    const lines = [...head, 'addressType: IPv4', 'ports:', '- port: 80', '- port: 443'];
    const [error] = diagnostics(lines);
    assert.equal(error?.field, 'ports[1].name');
    assert.deepEqual(error?.range, rangeOf(lines, 9, 'port: 443'));
  });
});

describe('ranges of Endpoints errors and warnings', () => {
  it('a subset without addresses points at the first line of the subset only', () => {
    const lines = [
      'apiVersion: v1',
      'kind: Endpoints',
      'metadata: {name: e}',
      'subsets:',
      '- ports:',
      '  - port: 80',
    ];
    const found = diagnostics(lines);
    const error = found.find((d) => d.severity === 'error');
    assert.equal(error?.field, 'subsets[0]');
    assert.deepEqual(error?.range, rangeOf(lines, 4, 'ports:'));
    const deprecation = found.find((d) => d.code === 'endpoints-deprecated');
    assert.deepEqual(deprecation?.range, rangeOf(lines, 1, 'Endpoints'));
  });

  it('an address without ip points at the address; a bad ip at the value', () => {
    const lines = [
      'apiVersion: v1',
      'kind: Endpoints',
      'metadata: {name: e}',
      'subsets:',
      '- addresses:',
      '  - hostname: web',
      '  - ip: 10.1.2.300',
    ];
    const errors = diagnostics(lines).filter((d) => d.severity === 'error');
    assert.deepEqual(
      errors.map((d) => [d.field, d.range]),
      [
        ['subsets[0].addresses[0].ip', rangeOf(lines, 5, 'hostname: web')],
        ['subsets[0].addresses[1].ip', rangeOf(lines, 6, '10.1.2.300')],
        ['subsets[0].addresses[0].ip', rangeOf(lines, 5, 'hostname: web')],
        ['subsets[0].addresses[1].ip', rangeOf(lines, 6, '10.1.2.300')],
      ].sort(),
    );
  });
});

describe('locate', () => {
  const text =
    'apiVersion: v1\r\nkind: Endpoints\r\nmetadata:\r\n  name: e\r\nsubsets:\r\n- addresses:\r\n  - ip: 10.1.2.3\r\n';
  const chunk = parseChunk(text);
  const { locations } = decode(chunk.doc, kindSpecs.Endpoints);

  it('keeps a multi-line value to its first line, without the CR of a CRLF file', () => {
    assert.deepEqual(locate(chunk, locations, 'subsets[0]'), {
      start: { line: 5, character: 2 },
      end: { line: 5, character: 12 },
    });
    assert.deepEqual(locate(chunk, locations, 'metadata'), {
      start: { line: 3, character: 2 },
      end: { line: 3, character: 9 },
    });
  });

  it('prefers the key when asked, and the value otherwise', () => {
    assert.deepEqual(locate(chunk, locations, 'metadata.name'), {
      start: { line: 3, character: 8 },
      end: { line: 3, character: 9 },
    });
    assert.deepEqual(locate(chunk, locations, 'metadata.name', true), {
      start: { line: 3, character: 2 },
      end: { line: 3, character: 6 },
    });
  });

  it('falls back to the nearest present ancestor, marking its key', () => {
    assert.deepEqual(locate(chunk, locations, 'subsets[0].addresses[0].nodeName'), {
      start: { line: 6, character: 4 },
      end: { line: 6, character: 16 },
    });
    assert.deepEqual(locate(chunk, locations, 'subsets[0].notReadyAddresses[3].ip'), {
      start: { line: 5, character: 2 },
      end: { line: 5, character: 12 },
    });
    assert.deepEqual(locate(chunk, locations, 'metadata.labels'), {
      start: { line: 2, character: 0 },
      end: { line: 2, character: 8 },
    });
  });
});
