import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cursorContext } from '../../../server/src/service/completion/context';
import { withCursor } from '../../helpers/cursor';

/** `type path` of the cursor, e.g. `value endpoints.0.conditions.ready`. */
function where(source: string): string {
  const { text, position } = withCursor(source);
  const context = cursorContext(text, position);
  return context ? `${context.type} ${context.path.join('.')}`.trim() : 'none';
}

describe('the cursor in YAML terms', () => {
  it('reads block maps and lists at any depth, in half-typed text', () => {
    assert.equal(where('kind: EndpointSlice\n|'), 'key');
    assert.equal(where('kind: EndpointSlice\naddressType: |'), 'value addressType');
    assert.equal(where('kind: EndpointSlice\nendpoints:\n  - |'), 'item endpoints.0');
    assert.equal(
      where('kind: EndpointSlice\nendpoints:\n  - addresses: [a]\n  - conditions:\n      re|'),
      'key endpoints.1.conditions',
    );
    assert.equal(
      where('kind: EndpointSlice\nendpoints:\n  - addresses:\n      - a\n      - |'),
      'item endpoints.0.addresses.1',
    );
    assert.equal(where('kind: EndpointSlice\nmetadata:\n  labels:\n    a: b\n    |'), 'key metadata.labels');
  });

  it('reads indentless lists, and skips comments, blank lines and block scalars', () => {
    assert.equal(where('kind: EndpointSlice\nports:\n- name: a\n- name: b\n  |'), 'key ports.1');
    const scalar =
      'kind: EndpointSlice\nmetadata:\n  annotations:\n    note: >\n      - not: a list\n\n    # comment\n  |';
    assert.equal(where(scalar), 'key metadata');
  });

  it('reads flow collections, nested and across lines', () => {
    assert.equal(where('kind: EndpointSlice\nports: [{name: a, |}]'), 'key ports.0');
    assert.equal(where('kind: EndpointSlice\nports: [{name: a}, {protocol: |}]'), 'value ports.1.protocol');
    assert.equal(
      where('kind: EndpointSlice\nendpoints:\n  - addresses: ["10.0.0.1", |]'),
      'item endpoints.0.addresses.1',
    );
    assert.equal(where('kind: EndpointSlice\nports: [\n  {name: a,\n   port: |}]'), 'value ports.0.port');
  });

  it('gives up where nothing can be written', () => {
    assert.equal(where('kind: EndpointSlice\naddressType: IPv4\n    |'), 'none');
  });

  it('knows the document the cursor is in', () => {
    const { text, position } = withCursor('kind: Endpoints\n---\napiVersion: discovery.k8s.io/v1\n|');
    assert.equal(cursorContext(text, position)?.kind, 'EndpointSlice');
  });
});
