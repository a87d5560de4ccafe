import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { createLanguageService } from '../../server/src/service';
import type { ServiceSettings } from '../../server/src/service';
import { kindSpecs } from '../../server/src/service/k8s/schema';
import { decode } from '../../server/src/service/decode/decode';
import type { Decoded } from '../../server/src/service/decode/decode';
import { parseChunk } from '../../server/src/service/yaml/yamlDocument';

/**
 * Decoding as kubectl (go-yaml, YAML 1.1) plus the apiserver's JSON decoder do it: Go's type
 * error wording, unknown and duplicate fields for strict field validation, merge keys, aliases.
 */

const sliceHead =
  'apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: s\naddressType: IPv4\n';
const endpointsHead = 'apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: e\n';

const decodeSlice = (body: string): Decoded =>
  decode(parseChunk(sliceHead + body).doc, kindSpecs.EndpointSlice);
const decodeEndpoints = (body: string): Decoded =>
  decode(parseChunk(endpointsHead + body).doc, kindSpecs.Endpoints);
const issues = (decoded: Decoded) => decoded.issues.map((i) => [i.kind, i.field, i.message]);
/** The decoded value at a path of keys and indexes. */
function at(decoded: Decoded, ...path: (string | number)[]): unknown {
  return path.reduce<unknown>(
    (node, key) => (node as Record<string | number, unknown> | undefined)?.[key],
    decoded.value,
  );
}

describe('type errors use Go encoding/json wording', () => {
  const cases: [string, string, string][] = [
    [
      'ports:\n- {name: a, port: "80"}\n',
      'ports[0].port',
      'json: cannot unmarshal string into Go struct field EndpointPort.ports.port of type int32',
    ],
    [
      'ports:\n- {port: 2147483648}\n',
      'ports[0].port',
      'json: cannot unmarshal number 2147483648 into Go struct field EndpointPort.ports.port of type int32',
    ],
    [
      'endpoints:\n- addresses: "10.0.0.1"\n',
      'endpoints[0].addresses',
      'json: cannot unmarshal string into Go struct field Endpoint.endpoints.addresses of type []string',
    ],
    [
      'endpoints: {}\n',
      'endpoints',
      'json: cannot unmarshal object into Go struct field EndpointSlice.endpoints of type []v1.Endpoint',
    ],
    [
      'endpoints:\n- addresses: ["10.1.2.3"]\n  conditions: {ready: "true"}\n',
      'endpoints[0].conditions.ready',
      'json: cannot unmarshal string into Go struct field EndpointConditions.endpoints.conditions.ready of type bool',
    ],
  ];
  for (const [body, field, message] of cases) {
    it(`${field}: ${message.replace('json: cannot unmarshal ', '')}`, () =>
      assert.deepEqual(issues(decodeSlice(body)), [['type', field, message]]));
  }

  it('names the Go type of a field, e.g. v1.AddressType and v1.ObjectMeta', () => {
    const decoded = decode(
      parseChunk('apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: []\naddressType: 4\n').doc,
      kindSpecs.EndpointSlice,
    );
    assert.deepEqual(issues(decoded), [
      [
        'type',
        'metadata',
        'json: cannot unmarshal array into Go struct field EndpointSlice.metadata of type v1.ObjectMeta',
      ],
      [
        'type',
        'addressType',
        'json: cannot unmarshal number into Go struct field EndpointSlice.addressType of type v1.AddressType',
      ],
    ]);
  });

  it('reports the path without indexes and the innermost struct (Endpoints)', () => {
    assert.deepEqual(
      issues(decodeEndpoints('subsets:\n- addresses: [{ip: 10.1.2.3}]\n  ports: [{port: "80"}]\n')),
      [
        [
          'type',
          'subsets[0].ports[0].port',
          'json: cannot unmarshal string into Go struct field EndpointPort.subsets.ports.port of type int32',
        ],
      ],
    );
  });

  it('reads YAML 1.1 scalars the way kubectl does (yes is a boolean, 0x50 is 80)', () => {
    const decoded = decodeSlice(
      'endpoints:\n- addresses: ["10.1.2.3"]\n  conditions: {ready: yes}\nports:\n- {port: 0x50}\n',
    );
    assert.deepEqual(decoded.issues, []);
    assert.equal(at(decoded, 'endpoints', 0, 'conditions', 'ready'), true);
    assert.equal(at(decoded, 'ports', 0, 'port'), 80);
  });

  it('fails the request with the apiserver prefix, pointing at the value', () => {
    const text = `${sliceHead}ports:\n- {name: a, port: "80"}\n`;
    const settings: ServiceSettings = {
      kubernetesVersion: '1.37',
      fieldValidation: 'Strict',
      advisories: false,
      maxEndpointsPerSlice: 100,
    };
    const [error, ...rest] = createLanguageService().validate(text, settings).diagnostics;
    assert.deepEqual(rest, []);
    assert.ok(error);
    assert.equal(error.reason, 'BadRequest');
    assert.equal(error.field, 'ports[0].port');
    assert.equal(
      error.message,
      'EndpointSlice in version "v1" cannot be handled as a EndpointSlice: json: cannot unmarshal string into Go struct field EndpointPort.ports.port of type int32',
    );
    const column = '- {name: a, port: '.length;
    assert.deepEqual(error.range, {
      start: { line: 6, character: column },
      end: { line: 6, character: column + '"80"'.length },
    });
  });
});

describe('unknown and duplicate fields', () => {
  it('reports unknown fields with their indexed path and leaves them out of the object', () => {
    const decoded = decodeSlice('spec: {}\nendpoints:\n- ip: 10.1.2.3\nports:\n- {name: a, prot: TCP}\n');
    assert.deepEqual(issues(decoded), [
      ['unknown', 'spec', 'unknown field "spec"'],
      ['unknown', 'endpoints[0].ip', 'unknown field "endpoints[0].ip"'],
      ['unknown', 'ports[0].prot', 'unknown field "ports[0].prot"'],
    ]);
    assert.deepEqual(at(decoded, 'endpoints'), [{}]);
    assert.equal(at(decoded, 'spec'), undefined);
  });

  it('reports a duplicated field, and the last value wins as in Go', () => {
    const decoded = decode(
      parseChunk('apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: a\n  name: b\n').doc,
      kindSpecs.Endpoints,
    );
    assert.deepEqual(issues(decoded), [['duplicate', 'metadata.name', 'duplicate field "metadata.name"']]);
    assert.equal(at(decoded, 'metadata', 'name'), 'b');
  });

  it('null and absent are the same; a null list element is its zero value', () => {
    const decoded = decodeSlice('ports: null\nendpoints:\n- null\n');
    assert.deepEqual(decoded.issues, []);
    assert.equal(at(decoded, 'ports'), undefined);
    assert.deepEqual(at(decoded, 'endpoints'), [{}]);
  });
});

describe('anchors, aliases and merge keys', () => {
  it('resolves aliases', () => {
    const decoded = decodeSlice('endpoints:\n- addresses: &a ["10.1.2.3", "10.1.2.4"]\n- addresses: *a\n');
    assert.deepEqual(decoded.issues, []);
    assert.deepEqual(at(decoded, 'endpoints', 1, 'addresses'), ['10.1.2.3', '10.1.2.4']);
  });

  it('expands merge keys; explicit keys win and are not duplicates', () => {
    const decoded = decodeSlice(
      'ports:\n- &base {name: a, port: 80, protocol: UDP}\n- <<: *base\n  name: b\n',
    );
    assert.deepEqual(decoded.issues, []);
    assert.deepEqual(at(decoded, 'ports', 1), { name: 'b', port: 80, protocol: 'UDP' });
  });

  it('expands merges inside a merged map, and earlier maps of a merge list win', () => {
    const decoded = decodeSlice(
      'ports:\n- &p0 {port: 80, protocol: UDP}\n- &p1 {<<: *p0, name: one}\n- {<<: *p1, appProtocol: http}\n- {<<: [{port: 1}, *p0], name: two}\n',
    );
    assert.deepEqual(decoded.issues, []);
    assert.deepEqual(at(decoded, 'ports', 2), {
      name: 'one',
      port: 80,
      protocol: 'UDP',
      appProtocol: 'http',
    });
    assert.deepEqual(at(decoded, 'ports', 3), { name: 'two', port: 1, protocol: 'UDP' });
  });

  it('stops an alias bomb in merge keys after a bounded amount of work', () => {
    const lines = ['ports:', '- &m0 {name: a, port: 1}'];
    for (let i = 1; i < 10; i++) {
      lines.push(
        `- &m${i} {<<: [${Array(10)
          .fill(`*m${i - 1}`)
          .join(', ')}]}`,
      );
    }
    const started = Date.now();
    const decoded = decodeSlice(`${lines.join('\n')}\n`);
    assert.ok(Date.now() - started < 5000, 'took too long');
    assert.deepEqual(
      decoded.issues.map((i) => i.kind),
      ['limit'],
    );
    assert.match(decoded.issues[0]?.message ?? '', /alias references; the document was not decoded/);
  });

  it('stops an alias bomb inside free-form JSON (managedFields fieldsV1) without throwing', () => {
    const lines = [
      '  managedFields:',
      '  - fieldsV1:',
      '      l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
    ];
    for (let i = 1; i < 9; i++) {
      lines.push(
        `      l${i}: &l${i} [${Array(9)
          .fill(`*l${i - 1}`)
          .join(', ')}]`,
      );
    }
    const text = `apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: s\n${lines.join('\n')}\naddressType: IPv4\n`;
    const decoded = decode(parseChunk(text).doc, kindSpecs.EndpointSlice);
    assert.deepEqual(
      decoded.issues.map((i) => i.kind),
      ['limit'],
    );
    const settings: ServiceSettings = {
      kubernetesVersion: '1.37',
      fieldValidation: 'Strict',
      advisories: false,
      maxEndpointsPerSlice: 100,
    };
    const diagnostics = createLanguageService().validate(text, settings).diagnostics;
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity]),
      [['yaml-alias-limit', 'error']],
    );
  });
});

describe('locations', () => {
  it('records every decoded field and list element by its apiserver path', () => {
    const decoded = decodeSlice('endpoints:\n- addresses: ["10.1.2.3"]\n');
    for (const path of [
      'metadata',
      'metadata.name',
      'addressType',
      'endpoints',
      'endpoints[0]',
      'endpoints[0].addresses',
      'endpoints[0].addresses[0]',
    ]) {
      assert.ok(decoded.locations.has(path), path);
    }
  });
});
