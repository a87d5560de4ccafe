import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { createLanguageService, defaultSettings } from '../../server/src/service';
import type { KubernetesVersion } from '../../server/src/service';
import { endpointsMeta, sliceMeta } from './corpus/build';

/**
 * Wording that changed between releases, as real kube-apiservers print it (docs/fidelity/1.33.md
 * and 1.34.md): before 1.34, a list or struct in "Invalid value" is Go's `%#v` and a missing
 * owner-reference part names itself; from 1.34 the value is JSON and the message is bare.
 */

const service = createLanguageService();

function errors(text: string, version: KubernetesVersion): string[] {
  const settings = { ...defaultSettings, kubernetesVersion: version, advisories: false };
  return service
    .validate(text, settings)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => d.message);
}

const owner = { apiVersion: 'v1', kind: 'Service', name: 'svc', uid: 'u-1' };

describe('field error wording by release', () => {
  it('prints a finalizer list with %#v before 1.34 and as JSON from 1.34', () => {
    const text = endpointsMeta({ finalizers: ['orphan', 'foregroundDeletion'] });
    const detail = 'finalizer orphan and foregroundDeletion cannot be both set';
    assert.deepEqual(errors(text, '1.33'), [
      `metadata.finalizers: Invalid value: []string{"orphan", "foregroundDeletion"}: ${detail}`,
    ]);
    assert.deepEqual(errors(text, '1.34'), [
      `metadata.finalizers: Invalid value: ["orphan","foregroundDeletion"]: ${detail}`,
    ]);
  });

  it('names the missing owner-reference part before 1.34', () => {
    const text = sliceMeta({ ownerReferences: [{ ...owner, kind: undefined }] });
    assert.deepEqual(errors(text, '1.33'), [
      'metadata.ownerReferences.kind: Invalid value: "": kind must not be empty',
    ]);
    assert.deepEqual(errors(text, '1.34'), [
      'metadata.ownerReferences.kind: Invalid value: "": must not be empty',
    ]);
  });

  it('prints owner references as Go structs before 1.34, with pointer addresses elided', () => {
    const text = sliceMeta({
      ownerReferences: [
        { ...owner, controller: true },
        { ...owner, name: 'b', controller: true },
      ],
    });
    const ref = (name: string) =>
      `v1.OwnerReference{APIVersion:"v1", Kind:"Service", Name:"${name}", UID:"u-1", Controller:(*bool)(0x…), BlockOwnerDeletion:(*bool)(nil)}`;
    const [message] = errors(text, '1.33');
    assert.ok(
      message?.startsWith(
        `metadata.ownerReferences: Invalid value: []v1.OwnerReference{${ref('svc')}, ${ref('b')}}: Only one`,
      ),
      message,
    );
    const [json] = errors(text, '1.34');
    assert.ok(
      json?.includes(
        'Invalid value: [{"apiVersion":"v1","kind":"Service","name":"svc","uid":"u-1","controller":true},',
      ),
      json,
    );
  });

  it('prints the one Event owner as a Go struct before 1.34', () => {
    const text = sliceMeta({ ownerReferences: [{ ...owner, kind: 'Event' }] });
    assert.deepEqual(errors(text, '1.33'), [
      'metadata.ownerReferences: Invalid value: v1.OwnerReference{APIVersion:"v1", Kind:"Event", Name:"svc", UID:"u-1", Controller:(*bool)(nil), BlockOwnerDeletion:(*bool)(nil)}: /v1, Kind=Event is disallowed from being an owner',
    ]);
  });
});
