import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { validateManagedFields } from '../../server/src/service/rules/managedFields';
import { goQuote } from '../../server/src/service/validation/fieldErrors';

/**
 * The pure parts of the managedFields rule and Go's %q quoting it relies on. The expected values
 * were read from a real kube-apiserver 1.37.2 (the corpus cases MD-08..MD-13 and the generated
 * `managed-*` variations send the same shapes to it).
 */

describe("goQuote is Go's %q", () => {
  const cases: [string, string][] = [
    ['plain', '"plain"'],
    ['a"b\\c', '"a\\"b\\\\c"'],
    ['a\tb\u0001', '"a\\tb\\x01"'],
    ['\u0007\u000b\u007f', '"\\a\\v\\x7f"'],
    ['é\u00a0', '"é\\u00a0"'],
    ['a\u200bb\ud7ff\ufffd😀\u0085', '"a\\u200bb\\ud7ff\ufffd😀\\u0085"'],
    ['\u{e0001}', '"\\U000e0001"'],
  ];
  for (const [value, quoted] of cases) {
    it(JSON.stringify(value), () => assert.equal(goQuote(value), quoted));
  }
});

const served = 'discovery.k8s.io/v1';
const now = Date.parse('2026-01-01T00:00:00Z');
const long = 'm'.repeat(129);

function slice(managedFields: unknown[], metadata: Record<string, unknown> = {}) {
  return {
    apiVersion: served,
    kind: 'EndpointSlice',
    metadata: { name: 'a', labels: { x: 'y' }, ...metadata, managedFields },
    addressType: 'IPv4',
  };
}

function entry(fieldsV1: unknown, delta: Record<string, unknown> = {}) {
  return {
    manager: long,
    operation: 'Update',
    apiVersion: served,
    fieldsType: 'FieldsV1',
    fieldsV1,
    ...delta,
  };
}

const fields = (object: unknown) => validateManagedFields(object, served, now).map((e) => e.field);

describe('validateManagedFields: only entries the field manager surely keeps', () => {
  it('checks an entry owning a field the object lacks', () => {
    assert.deepEqual(fields(slice([entry({ 'f:metadata': { 'f:labels': { 'f:absent': {} } } })])), [
      'metadata.managedFields[0].manager',
    ]);
  });

  it('drops an entry whose every field the create sets', () => {
    assert.deepEqual(fields(slice([entry({ 'f:metadata': { 'f:labels': { 'f:x': {} } } })])), []);
    assert.deepEqual(fields(slice([entry({ 'f:metadata': { 'f:namespace': {} } })])), []);
  });

  it('keeps the metadata map, wiped system fields and empty metadata values', () => {
    for (const owned of [{ '.': {} }, { 'f:uid': {} }, { 'f:generation': {} }]) {
      const object = slice([entry({ 'f:metadata': owned })], { uid: 'u', generation: 0 });
      assert.deepEqual(fields(object), ['metadata.managedFields[0].manager'], JSON.stringify(owned));
    }
  });

  it('claims nothing when any entry has a fate it cannot tell (a path through a list)', () => {
    const unsure = entry({ 'f:endpoints': { 'k:{"addresses":["10.1.2.3"]}': {} } }, { manager: 'b' });
    const object = { ...slice([entry({ 'f:metadata': { 'f:finalizers': {} } }), unsure]), endpoints: [] };
    assert.deepEqual(fields(object), []);
  });

  it('claims nothing when the list does not decode (it is replaced)', () => {
    for (const bad of [{ operation: 'Patch' }, { fieldsType: '' }, { apiVersion: '' }]) {
      assert.deepEqual(fields(slice([entry({ 'f:metadata': { 'f:finalizers': {} } }, bad)])), []);
    }
    assert.deepEqual(fields(slice([entry({ 'x:bad': {} })])), []);
  });

  it("counts the sorted list, with the request's own entry at the current time", () => {
    const kept = { 'f:metadata': { 'f:finalizers': {} } };
    const object = slice([
      entry(kept, { manager: `late${long}`, time: '2099-01-01T00:00:00Z' }),
      entry(kept, { manager: `apply${long}`, operation: 'Apply' }),
      entry(kept, { manager: `early${long}`, time: '2020-01-01T00:00:00Z' }),
    ]);
    assert.deepEqual(fields(object), [
      'metadata.managedFields[0].manager',
      'metadata.managedFields[1].manager',
      'metadata.managedFields[3].manager',
    ]);
  });

  it('claims nothing past the cap of ten Update managers, which merges the oldest', () => {
    const kept = { 'f:metadata': { 'f:finalizers': {} } };
    const many = Array.from({ length: 10 }, (_, i) => entry(kept, { manager: `${i}${long}` }));
    assert.deepEqual(fields(slice(many)), []);
    assert.equal(fields(slice(many.slice(0, 9))).length, 9);
  });
});
