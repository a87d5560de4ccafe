import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { createLanguageService, defaultSettings } from '../../server/src/service';
import type { DocumentReport } from '../../server/src/service';
import { compare } from '../cluster/fidelityCompare';
import type { ServerResult } from '../cluster/fidelityCompare';

/**
 * The fidelity harness's comparison of a request that fails before validation: the server's 404
 * for a namespace that does not exist against the engine's report of the same manifest.
 */

const service = createLanguageService();

function engineReport(namespace: string): DocumentReport {
  const text = [
    'apiVersion: discovery.k8s.io/v1',
    'kind: EndpointSlice',
    `metadata: {name: es, namespace: ${JSON.stringify(namespace)}}`,
    'addressType: IPv4',
  ].join('\n');
  const [doc] = service.validate(text, { ...defaultSettings, advisories: false }).documents;
  assert.ok(doc);
  return doc;
}

function server404(namespace: string, reason = 'NotFound'): ServerResult {
  return {
    file: 'x.yaml',
    index: 0,
    kind: 'EndpointSlice',
    status: 'rejected',
    code: 404,
    reason,
    causes: [],
    message: `namespaces "${namespace}" not found`,
    warnings: [],
  };
}

describe('fidelity comparison of a missing namespace', () => {
  it('agrees when the engine says what the server says, explained after it', () => {
    assert.equal(compare('c', server404('foo.bar'), engineReport('foo.bar')).outcome, 'agree');
  });

  it('is a message mismatch when the engine names another namespace', () => {
    const report = engineReport('foo.bar');
    assert.equal(compare('c', server404('foo.baz'), report).outcome, 'message-mismatch');
  });

  it('is a missed error when the engine cannot know the namespace is missing', () => {
    assert.equal(
      compare('c', server404('no-such-namespace'), engineReport('no-such-namespace')).outcome,
      'missed-error',
    );
  });

  it('leaves other 404s to the harness', () => {
    assert.equal(compare('c', server404('foo.bar', 'Gone'), engineReport('foo.bar')).outcome, 'harness');
  });
});
