import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLanguageService, defaultSettings } from '../../server/src/service';
import { compare } from '../cluster/fidelityCompare';
import type { ServerResult } from '../cluster/fidelityCompare';

const service = createLanguageService();

const slice = (ports: string): string =>
  [
    'apiVersion: discovery.k8s.io/v1',
    'kind: EndpointSlice',
    'metadata:',
    '  name: web-1',
    '  labels: {kubernetes.io/service-name: web}',
    'addressType: IPv4',
    'endpoints: [{addresses: ["10.0.0.1"]}]',
    `ports: ${ports}`,
    '',
  ].join('\n');

/** What kube-apiserver 1.37.2 answers for two unnamed ports (a dry-run create). */
const serverAnswer: ServerResult = {
  file: 'unnamed.yaml',
  index: 0,
  status: 'rejected',
  code: 422,
  reason: 'Invalid',
  causes: [{ field: 'ports[1].name', reason: 'FieldValueDuplicate', message: 'Duplicate value: ""' }],
  message: 'EndpointSlice.discovery.k8s.io "web-1" is invalid: ports[1].name: Duplicate value: ""',
  warnings: [],
};

describe('a second sentence after the apiserver line', () => {
  it('explains a duplicate "" port name: nobody wrote "", an unnamed port is named so', () => {
    const report = service.validate(slice('[{port: 80}, {port: 81}]'), defaultSettings);
    const messages = report.diagnostics.filter((d) => d.code === 'port-name-duplicate').map((d) => d.message);
    assert.deepEqual(messages, [
      'ports[1].name: Duplicate value: "". A port without a name is named "", so two unnamed ports clash: give each port the name of its Service port.',
    ]);
    // The fidelity suite compares the apiserver's line, which the message still starts with.
    assert.equal(compare('unnamed', serverAnswer, report.documents[0]).outcome, 'agree');
  });

  it('adds nothing where the apiserver line says it all', () => {
    const messages = service
      .validate(slice('[{name: http, port: 80}, {name: http, port: 81}]'), defaultSettings)
      .diagnostics.filter((d) => d.code === 'port-name-duplicate')
      .map((d) => d.message);
    assert.deepEqual(messages, ['ports[1].name: Duplicate value: "http"']);
  });
});
