import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageService, defaultSettings } from '../../server/src/service';

/**
 * Behaviour learned from a real kube-apiserver 1.37.2 by the fidelity suite, where the spec was
 * silent or wrong; each case here disagreed with the first version of the engine.
 */
const service = createLanguageService();
const errorsOf = (text: string): [string, string, string][] =>
  service
    .validate(text, { ...defaultSettings, advisories: false })
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => [d.field, d.reason, d.message]);

const slice = (metadata: string, rest = 'addressType: IPv4\n'): string =>
  `apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: s\n  labels: {kubernetes.io/service-name: s}\n${metadata}${rest}`;
const owner = (extra: string): string =>
  `  ownerReferences:\n  - {apiVersion: v1, kind: Service, name: svc, uid: u1${extra}}\n`;

describe('what the real apiserver taught us', () => {
  it('reports missing owner reference parts as Required at the indexed path', () => {
    assert.deepEqual(errorsOf(slice(owner(', apiVersion: ""'))), [
      [
        'metadata.ownerReferences[0].apiVersion',
        'FieldValueRequired',
        'metadata.ownerReferences[0].apiVersion: Required value: must not be empty',
      ],
    ]);
  });

  it('keeps the 1.35 wording for owner references: Invalid at the unindexed path', () => {
    const errors = service
      .validate(slice(owner(', kind: ""')), {
        ...defaultSettings,
        kubernetesVersion: '1.35',
        advisories: false,
      })
      .diagnostics.filter((d) => d.severity === 'error')
      .map((d) => [d.field, d.reason, d.message]);
    assert.deepEqual(errors, [
      [
        'metadata.ownerReferences.kind',
        'FieldValueInvalid',
        'metadata.ownerReferences.kind: Invalid value: "": must not be empty',
      ],
    ]);
  });

  it('reports a malformed owner apiVersion as Invalid', () => {
    assert.deepEqual(errorsOf(slice(owner(', apiVersion: a/b/c'))), [
      [
        'metadata.ownerReferences[0].apiVersion',
        'FieldValueInvalid',
        'metadata.ownerReferences[0].apiVersion: Invalid value: "a/b/c": must be <group>/<version> or <version>',
      ],
    ]);
  });

  it('prints a banned Event owner as JSON in Go field order', () => {
    const [error] = errorsOf(
      slice('  ownerReferences:\n  - {uid: u1, name: svc, kind: Event, apiVersion: v1}\n'),
    );
    assert.deepEqual(error, [
      'metadata.ownerReferences[0]',
      'FieldValueInvalid',
      'metadata.ownerReferences[0]: Invalid value: {"apiVersion":"v1","kind":"Event","name":"svc","uid":"u1"}: /v1, Kind=Event is disallowed from being an owner',
    ]);
  });

  it('checks a qualified finalizer name once, at the unindexed path', () => {
    const errors = errorsOf(slice('  finalizers: [a/b/c]\n'));
    assert.deepEqual(
      errors.map(([field]) => field),
      ['metadata.finalizers'],
    );
  });

  it('ignores a negative generation on an EndpointSlice (the server sets it) but not on Endpoints', () => {
    assert.deepEqual(errorsOf(slice('  generation: -1\n')), []);
    const endpoints = 'apiVersion: v1\nkind: Endpoints\nmetadata: {name: e, generation: -1}\n';
    assert.deepEqual(
      errorsOf(endpoints).map(([field]) => field),
      ['metadata.generation'],
    );
  });

  it('keeps the last of duplicate keys, like kubectl, and says so as advice (Information)', () => {
    const text = slice('', 'addressType: ipv6\naddressType: IPv4\n');
    assert.deepEqual(errorsOf(text), []);
    const advice = service
      .validate(text, defaultSettings)
      .diagnostics.filter((d) => d.code === 'duplicate-key');
    assert.equal(advice.length, 1);
    assert.equal(advice[0]?.severity, 'information');
    assert.equal(advice[0]?.origin, 'advisory');
  });

  it('reports each repeated key once, at that key', () => {
    const at = (text: string): string[] =>
      service
        .validate(text, defaultSettings)
        .diagnostics.filter((d) => d.code === 'duplicate-key')
        .map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.character}`);
    // Three `name:` keys (lines 3, 5, 6): the second and the third are repeats.
    assert.deepEqual(at(slice('  name: t\n  name: u\n')), ['5:2-6', '6:2-6']);
    // Label keys, and JSON, the same way.
    assert.deepEqual(
      at(slice('', 'addressType: IPv4\n').replace('labels: {', 'labels: {a: b, a: c, a: d, ')),
      ['4:17-18', '4:23-24'],
    );
    const json =
      '{"apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice", "metadata": {"name": "s", "name": "t", "name": "u"}, "addressType": "IPv4"}';
    assert.deepEqual(at(json), ['0:89-95', '0:102-108']);
  });
});
