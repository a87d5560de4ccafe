import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLanguageService, defaultSettings, WorkspaceIndex } from '../../server/src/service';
import type { EndpointDiagnostic } from '../../server/src/service';
import { serviceYaml, sliceYaml, workloadYaml } from '../helpers/routingManifests';

/**
 * The routing doctor (workspace/routingAdvice.ts and its rule files): a Service checked against
 * the pod templates, Endpoints and EndpointSlices of the workspace through the routing engine.
 */

const service = createLanguageService();
const doctorCodes = new Set([
  'selector-matches-no-template',
  'target-port-not-in-template',
  'service-without-endpoints',
  'slice-family-not-served',
]);

/** The doctor's advice on `file` (uri file:///ws/<name>), the workspace holding all `files`. */
function doctor(files: Record<string, string>, file: string): EndpointDiagnostic[] {
  const index = new WorkspaceIndex();
  for (const [name, text] of Object.entries(files)) index.update(`file:///ws/${name}`, text);
  return service
    .validate(files[file], defaultSettings, index, { uri: `file:///ws/${file}` })
    .diagnostics.filter((d) => doctorCodes.has(d.code));
}

const codes = (diagnostics: EndpointDiagnostic[]): string[] => diagnostics.map((d) => d.code);

describe('routing doctor: selector-matches-no-template', () => {
  it('names the closest template and the label that differs, on the selector value, linking to the label', () => {
    const files = {
      'svc.yaml': serviceYaml({ selector: { app: 'api-svc' } }),
      'deploy.yaml': workloadYaml({ labels: { app: 'api-service' } }),
      'other.yaml': workloadYaml({ name: 'db', labels: { app: 'postgres' } }),
    };
    const [diagnostic, ...rest] = doctor(files, 'svc.yaml');
    assert.deepEqual(rest, []);
    assert.equal(diagnostic.code, 'selector-matches-no-template');
    assert.equal(diagnostic.severity, 'information');
    assert.equal(diagnostic.origin, 'advisory');
    assert.match(diagnostic.message, /closest is Deployment\/api: app: api-svc vs app: api-service/);
    assert.match(diagnostic.message, /\(advice; the apiserver accepts this\)\.$/);
    assert.deepEqual(diagnostic.range, { start: { line: 6, character: 9 }, end: { line: 6, character: 16 } });
    assert.deepEqual(diagnostic.related, [
      {
        uri: 'file:///ws/deploy.yaml',
        range: { start: { line: 11, character: 13 }, end: { line: 11, character: 24 } },
        message: 'Deployment/api labels its pods app: api-service',
      },
    ]);
  });

  it('is silent when some template is selected', () => {
    const files = { 'svc.yaml': serviceYaml(), 'deploy.yaml': workloadYaml() };
    assert.deepEqual(doctor(files, 'svc.yaml'), []);
  });

  it('says a missing label is missing', () => {
    const files = {
      'svc.yaml': serviceYaml({ selector: { app: 'api', tier: 'web' } }),
      'deploy.yaml': workloadYaml({ labels: { app: 'api' } }),
    };
    const [diagnostic] = doctor(files, 'svc.yaml');
    assert.match(diagnostic.message, /tier: web \(the template has no "tier" label\)/);
  });

  for (const kind of ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod']) {
    it(`reads the pod template of a ${kind}`, () => {
      const selected = { 'svc.yaml': serviceYaml(), 'w.yaml': workloadYaml({ kind }) };
      assert.deepEqual(doctor(selected, 'svc.yaml'), [], 'selected');
      const missed = { 'svc.yaml': serviceYaml(), 'w.yaml': workloadYaml({ kind, labels: { app: 'apii' } }) };
      const [diagnostic] = doctor(missed, 'svc.yaml');
      assert.match(diagnostic?.message ?? '', new RegExp(`closest is ${kind}/api: app: api vs app: apii`));
    });
  }

  it('takes an omitted namespace as the same as an omitted one, and no other', () => {
    const miss = workloadYaml({ labels: { app: 'other' } });
    assert.deepEqual(codes(doctor({ 's.yaml': serviceYaml(), 'w.yaml': miss }, 's.yaml')), [
      'selector-matches-no-template',
    ]);
    const prod = (text: string): string => text.replace('  name: api\n', '  name: api\n  namespace: prod\n');
    assert.deepEqual(codes(doctor({ 's.yaml': prod(serviceYaml()), 'w.yaml': prod(miss) }, 's.yaml')), [
      'selector-matches-no-template',
    ]);
    // A matching template in another namespace does not serve the Service; with no template in
    // the Service's own namespace at all, the doctor says nothing (its workloads live elsewhere).
    assert.deepEqual(doctor({ 's.yaml': prod(serviceYaml()), 'w.yaml': workloadYaml() }, 's.yaml'), []);
    assert.deepEqual(doctor({ 's.yaml': serviceYaml(), 'w.yaml': prod(workloadYaml()) }, 's.yaml'), []);
  });

  it('is silent in a workspace of Services only', () => {
    const files = {
      'a.yaml': serviceYaml({ selector: { app: 'x' } }),
      'b.yaml': serviceYaml({ name: 'b', selector: {} }),
    };
    assert.deepEqual(doctor(files, 'a.yaml'), []);
    assert.deepEqual(doctor(files, 'b.yaml'), []);
  });

  it('reads templates in Helm files', () => {
    const helm = workloadYaml({ labels: { app: 'api-service' } })
      .replace('  name: api\n', '  name: {{ include "api.fullname" . }}\n')
      .replace('image: api:1', 'image: "{{ .Values.image }}"');
    const files = {
      'templates/service.yaml': serviceYaml({ selector: { app: 'api-svc' } }),
      'templates/deployment.yaml': `{{- if .Values.enabled }}\n${helm}{{- end }}\n`,
    };
    const diagnostics = doctor(files, 'templates/service.yaml');
    assert.deepEqual(codes(diagnostics), ['selector-matches-no-template']);
    assert.match(
      diagnostics[0].message,
      /closest is Deployment\/\{\{…\}\}: app: api-svc vs app: api-service/,
    );
  });

  it('stays silent on Helm templates whose selector, labels or ports a tag writes', () => {
    const service = serviceYaml({ selector: { app: 'api-svc' } });
    const injected = workloadYaml({ labels: { app: 'api-service' } }).replace(
      '      labels:\n',
      '      labels:\n        {{- include "api.labels" . | nindent 8 }}\n',
    );
    assert.notEqual(injected, workloadYaml({ labels: { app: 'api-service' } }));
    assert.deepEqual(doctor({ 's.yaml': service, 'w.yaml': injected }, 's.yaml'), []);
    const tagged = serviceYaml({ selector: { app: '{{ .Values.app }}' } });
    assert.deepEqual(doctor({ 's.yaml': tagged, 'w.yaml': workloadYaml() }, 's.yaml'), []);
    const port = serviceYaml({ ports: ['80:{{ .Values.portName }}'] });
    assert.deepEqual(doctor({ 's.yaml': port, 'w.yaml': workloadYaml() }, 's.yaml'), []);
  });

  it('leaves out of the index a Service or slice whose name a tag writes', () => {
    const named = (text: string): string => text.replace('name: api', 'name: {{ include "api.fullname" . }}');
    const index = new WorkspaceIndex();
    index.update('file:///ws/s.yaml', named(serviceYaml()));
    index.update('file:///ws/x.yaml', sliceYaml('{{ include "api.fullname" . }}'));
    assert.deepEqual(index.services(), []);
    assert.deepEqual(index.slices(), []);
  });

  it('takes `namespace: {{ .Release.Namespace }}` as the same unknown namespace', () => {
    const ns = (text: string): string =>
      text.replace('  name: api\n', '  name: api\n  namespace: {{ .Release.Namespace }}\n');
    const files = { 's.yaml': ns(serviceYaml({ selector: { app: 'x' } })), 'w.yaml': ns(workloadYaml()) };
    assert.deepEqual(codes(doctor(files, 's.yaml')), ['selector-matches-no-template']);
  });
});

describe('routing doctor: target-port-not-in-template', () => {
  it('lists the port names the selected containers have', () => {
    const files = {
      's.yaml': serviceYaml({ ports: ['80:web'] }),
      'w.yaml': workloadYaml({ ports: ['http:8080', 'metrics:9090'] }),
    };
    const [diagnostic, ...rest] = doctor(files, 's.yaml');
    assert.deepEqual(rest, []);
    assert.equal(diagnostic.code, 'target-port-not-in-template');
    assert.match(diagnostic.message, /targetPort "web" \(TCP\)/);
    assert.match(diagnostic.message, /the containers name "http", "metrics"/);
    assert.deepEqual(diagnostic.range.start, { line: 9, character: 18 });
    assert.equal(diagnostic.field, 'spec.ports[0].targetPort');
    assert.equal(diagnostic.related?.[0]?.uri, 'file:///ws/w.yaml');
  });

  it('compares the protocol too, and takes numbers as they are', () => {
    const udp = {
      's.yaml': serviceYaml({ ports: ['53:dns/UDP'] }),
      'w.yaml': workloadYaml({ ports: ['dns:53'] }),
    };
    assert.match(doctor(udp, 's.yaml')[0]?.message ?? '', /names port "dns" with protocol TCP, not UDP/);
    const same = {
      's.yaml': serviceYaml({ ports: ['53:dns/UDP'] }),
      'w.yaml': workloadYaml({ ports: ['dns:53/UDP'] }),
    };
    assert.deepEqual(doctor(same, 's.yaml'), []);
    const numeric = { 's.yaml': serviceYaml({ ports: ['80:8080'] }), 'w.yaml': workloadYaml({ ports: [] }) };
    assert.deepEqual(doctor(numeric, 's.yaml'), []);
  });
});

describe('routing doctor: service-without-endpoints', () => {
  const manual = serviceYaml({ name: 'ext', selector: {}, ports: ['80:8080'] });

  it('fires when the workspace has slices or Endpoints, but none for the Service', () => {
    const [diagnostic] = doctor({ 's.yaml': manual, 'x.yaml': sliceYaml('other') }, 's.yaml');
    assert.equal(diagnostic?.code, 'service-without-endpoints');
    assert.deepEqual(diagnostic.range.start, { line: 3, character: 8 });
  });

  it('is silent with its slice or its Endpoints, without any in the workspace, and for ExternalName', () => {
    assert.deepEqual(doctor({ 's.yaml': manual, 'x.yaml': sliceYaml('ext') }, 's.yaml'), []);
    const endpoints = 'apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: ext\nsubsets: []\n';
    assert.deepEqual(
      doctor({ 's.yaml': manual, 'x.yaml': `${endpoints}---\n${sliceYaml('other')}` }, 's.yaml'),
      [],
    );
    assert.deepEqual(doctor({ 's.yaml': manual }, 's.yaml'), []);
    const external = serviceYaml({
      name: 'ext',
      selector: {},
      ports: [],
      extra: ['  type: ExternalName', '  externalName: db.example.com'],
    });
    assert.deepEqual(doctor({ 's.yaml': external, 'x.yaml': sliceYaml('other') }, 's.yaml'), []);
  });
});

describe('routing doctor: slice-family-not-served', () => {
  const single = serviceYaml({ name: 'ext', selector: {}, ports: [], extra: ['  ipFamilies: [IPv4]'] });

  it('fires on a slice of a family the Service does not have, linking to the Service', () => {
    const [diagnostic] = doctor({ 's.yaml': single, 'x.yaml': sliceYaml('ext', 'IPv6') }, 'x.yaml');
    assert.equal(diagnostic?.code, 'slice-family-not-served');
    assert.equal(diagnostic.range.start.line, 6);
    assert.equal(diagnostic.related?.[0]?.uri, 'file:///ws/s.yaml');
  });

  it('is silent for a served family and for a Service that names no family', () => {
    assert.deepEqual(doctor({ 's.yaml': single, 'x.yaml': sliceYaml('ext') }, 'x.yaml'), []);
    const open = serviceYaml({ name: 'ext', selector: {}, ports: [] });
    assert.deepEqual(doctor({ 's.yaml': open, 'x.yaml': sliceYaml('ext', 'IPv6') }, 'x.yaml'), []);
  });
});

describe('routing doctor: predictions remembered by what the engine reads', () => {
  it('a keystroke elsewhere in the file predicts no Service again; a moved Service keeps its advice in place', () => {
    const deploy = workloadYaml({ labels: { app: 'api-service' } });
    const services = serviceYaml({ selector: { app: 'api-svc' } });
    const index = new WorkspaceIndex();
    index.update('file:///ws/deploy.yaml', deploy);
    const validate = (text: string): EndpointDiagnostic[] =>
      service
        .validate(text, defaultSettings, index, { uri: 'file:///ws/svc.yaml' })
        .diagnostics.filter((d) => d.code === 'selector-matches-no-template');
    const before = validate(`${services}---\n${sliceYaml('other')}`);
    const computed = index.predictions.computed;
    assert.ok(computed > 0);
    validate(`${services}---\n${sliceYaml('other').replace('name: other', 'name: otherx')}`);
    assert.equal(index.predictions.computed, computed, 'the unchanged Service was predicted again');
    // Two lines above the Service move it down; the remembered prediction holds no place.
    const moved = validate(`# a\n# b\n${services}---\n${sliceYaml('other')}`);
    assert.equal(index.predictions.computed, computed);
    assert.equal(moved[0].range.start.line, before[0].range.start.line + 2);
    // A changed selector is a new question for the engine.
    validate(`${services.replace('api-svc', 'api-svcs')}---\n${sliceYaml('other')}`);
    assert.equal(index.predictions.computed, computed + 1);
  });
});
