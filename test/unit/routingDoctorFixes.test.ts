import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLanguageService, defaultSettings, WorkspaceIndex } from '../../server/src/service';
import type { CodeAction } from '../../server/src/service';
import { applyEdits } from '../../server/src/service/yamlText/edits';
import { serviceYaml, workloadYaml } from '../helpers/routingManifests';

/** The routing doctor's quick fixes for a selector that matches no pod template, applied. */

const service = createLanguageService();
const svcUri = 'file:///ws/svc.yaml';
const deployUri = 'file:///ws/deploy.yaml';

function fixes(svc: string, deploy: string): { actions: CodeAction[]; index: WorkspaceIndex } {
  const index = new WorkspaceIndex();
  index.update(deployUri, deploy);
  const report = service.validate(svc, defaultSettings, index, { uri: svcUri });
  const diagnostic = report.diagnostics.find((d) => d.code === 'selector-matches-no-template');
  assert.ok(diagnostic, 'the diagnostic');
  const sent = { range: diagnostic.range, code: diagnostic.code };
  const actions = service.codeActions(svc, diagnostic.range, [sent], defaultSettings, index, svcUri);
  for (const action of actions) assert.deepEqual(action.diagnostics, [sent]);
  return { actions, index };
}

describe('routing doctor quick fixes', () => {
  it('changes the Service selector to what the closest template labels its pods', () => {
    const svc = serviceYaml({ selector: { app: 'api-svc' } });
    const { actions } = fixes(svc, workloadYaml({ labels: { app: 'api-service' } }));
    const [toService] = actions;
    assert.equal(toService.title, 'Select app: api-service (as Deployment/api labels its pods)');
    assert.equal(toService.otherFiles, undefined);
    assert.equal(applyEdits(svc, toService.edits), serviceYaml({ selector: { app: 'api-service' } }));
  });

  it("changes the template's label and its workload's matchLabels in the other file", () => {
    const deploy = workloadYaml({ labels: { app: 'api-service' } });
    const { actions } = fixes(serviceYaml({ selector: { app: 'api-svc' } }), deploy);
    const toTemplate = actions[1];
    assert.equal(toTemplate.title, "Label Deployment/api's pods app: api-svc (as the Service selects)");
    assert.deepEqual(toTemplate.edits, []);
    const edits = toTemplate.otherFiles?.[deployUri] ?? [];
    assert.equal(applyEdits(deploy, edits), workloadYaml({ labels: { app: 'api-svc' } }));
  });

  it('adds a missing label under the last one, keeping CRLF line ends', () => {
    const crlf = (text: string): string => text.replace(/\n/g, '\r\n');
    const deploy = crlf(workloadYaml({ labels: { app: 'api' } }));
    const { actions } = fixes(crlf(serviceYaml({ selector: { app: 'api', tier: 'web' } })), deploy);
    // The Service cannot take a value the template does not have: only the template's fix is offered.
    assert.equal(actions.length, 1);
    const fixed = applyEdits(deploy, actions[0].otherFiles?.[deployUri] ?? []);
    assert.ok(fixed.includes('      labels:\r\n        app: api\r\n        tier: web\r\n    spec:'), fixed);
    assert.ok(!/[^\r]\n/.test(fixed), 'every line ends in CRLF');
  });

  it('keeps CRLF when replacing values in both directions', () => {
    const crlf = (text: string): string => text.replace(/\n/g, '\r\n');
    const svc = crlf(serviceYaml({ selector: { app: 'api-svc' } }));
    const deploy = crlf(workloadYaml({ labels: { app: 'api-service' } }));
    const { actions } = fixes(svc, deploy);
    assert.equal(applyEdits(svc, actions[0].edits), crlf(serviceYaml({ selector: { app: 'api-service' } })));
    const edited = applyEdits(deploy, actions[1].otherFiles?.[deployUri] ?? []);
    assert.equal(edited, crlf(workloadYaml({ labels: { app: 'api-svc' } })));
  });

  it('edits one file when the template is in the Service file', () => {
    const both = `${serviceYaml({ selector: { app: 'api-svc' } })}---\n${workloadYaml({ labels: { app: 'api-service' } })}`;
    const index = new WorkspaceIndex();
    index.update(svcUri, both);
    const report = service.validate(both, defaultSettings, index, { uri: svcUri });
    const diagnostic = report.diagnostics.find((d) => d.code === 'selector-matches-no-template');
    assert.ok(diagnostic);
    const sent = { range: diagnostic.range, code: diagnostic.code };
    const [, toTemplate] = service.codeActions(
      both,
      diagnostic.range,
      [sent],
      defaultSettings,
      index,
      svcUri,
    );
    assert.equal(toTemplate.otherFiles, undefined);
    const fixed = applyEdits(both, toTemplate.edits);
    assert.equal(
      fixed,
      `${serviceYaml({ selector: { app: 'api-svc' } })}---\n${workloadYaml({ labels: { app: 'api-svc' } })}`,
    );
  });
});
