import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { normalizeSettings } from '../../server/src/service';
import { collectInputs } from '../../server/src/cli/files';
import { formatters } from '../../server/src/cli/formatters';
import { lintInputs } from '../../server/src/cli/lint';
import { runCli, runCliJson } from '../helpers/cli';
import type { JsonOutput } from '../helpers/cliJson';
import { serviceYaml, workloadYaml } from '../helpers/routingManifests';

/** `helm template . | endpointslice-lint -`: a rendered chart checked as one workspace. */

const rendered = [
  '---\n# Source: api/templates/service.yaml\n',
  serviceYaml({ selector: { app: 'api-svc' }, ports: ['80:web'] }),
  '---\n# Source: api/templates/deployment.yaml\n',
  workloadYaml({ labels: { app: 'api-service' } }),
].join('');

const dir = mkdtempSync(join(tmpdir(), 'endpointslices-doctor-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('endpointslice-lint: the routing doctor', () => {
  it('reports a rendered chart on stdin as a whole, with the related line, exit 0', () => {
    const result = runCli(['-'], { input: rendered });
    assert.equal(result.status, 0, result.stderr);
    assert.match(
      result.stdout,
      /^<stdin>:9:10: information selector-matches-no-template Selector matches no pod template in the workspace; the closest is Deployment\/api: app: api-svc vs app: api-service;/m,
    );
    assert.match(result.stdout, /^ {2}<stdin>:26:14: Deployment\/api labels its pods app: api-service$/m);
    assert.match(result.stdout, /^0 errors, 0 warnings, 1 info in 1 file/m);
  });

  it('gives JSON the related places, SARIF relatedLocations', () => {
    const json = runCliJson<JsonOutput>(['--format', 'json', '-'], { input: rendered });
    const [diagnostic] = json.json.files[0].documents[0].diagnostics;
    assert.equal(diagnostic.code, 'selector-matches-no-template');
    assert.deepEqual(diagnostic.related, [
      {
        path: '<stdin>',
        range: { start: { line: 25, character: 13 }, end: { line: 25, character: 24 } },
        message: 'Deployment/api labels its pods app: api-service',
      },
    ]);
    const sarif = JSON.parse(runCli(['--format', 'sarif', '-'], { input: rendered }).stdout) as {
      runs: { results: { ruleId: string; relatedLocations?: { message: { text: string } }[] }[] }[];
    };
    const result = sarif.runs[0].results.find((r) => r.ruleId === 'selector-matches-no-template');
    assert.equal(
      result?.relatedLocations?.[0]?.message.text,
      'Deployment/api labels its pods app: api-service',
    );
  });

  it('takes all files given as one workspace, and the same advice whichever order', () => {
    writeFileSync(join(dir, 'service.yaml'), serviceYaml({ selector: { app: 'api-svc' } }));
    writeFileSync(join(dir, 'deployment.yaml'), workloadYaml({ labels: { app: 'api-service' } }));
    const both = runCli(['service.yaml', 'deployment.yaml'], { cwd: dir });
    assert.match(
      both.stdout,
      /^service\.yaml:7:10: information selector-matches-no-template .*\n {2}deployment\.yaml:12:14: /m,
    );
    const reversed = runCli(['deployment.yaml', 'service.yaml'], { cwd: dir });
    assert.match(reversed.stdout, /^service\.yaml:7:10: information selector-matches-no-template/m);
    // Alone, the Service has no template to compare with: silent.
    assert.match(runCli(['service.yaml'], { cwd: dir }).stdout, /^0 errors, 0 warnings in 1 file/m);
  });

  it('gives the same report with any --jobs, files split into parts on worker threads', async () => {
    const many = join(dir, 'many');
    mkdirSync(many);
    // One large file of many documents (split into parts) and small files around it.
    writeFileSync(join(many, 'chart.yaml'), Array.from({ length: 12 }, () => rendered).join(''));
    writeFileSync(
      join(many, 'service.yaml'),
      serviceYaml({ name: 'b', selector: { app: 'bb' }, ports: ['80:web'] }),
    );
    writeFileSync(join(many, 'workload.yaml'), workloadYaml({ name: 'b', labels: { app: 'bb' } }));
    const tiny = { minParallelBytes: 0, splitBytes: 2_000, batchBytes: 600 };
    const report = async (jobs: number): Promise<string> =>
      formatters.json(
        await lintInputs(await collectInputs([many]), normalizeSettings({}), 'test', jobs, tiny),
      );
    const one = await report(1);
    assert.equal((one.match(/selector-matches-no-template/g) ?? []).length, 12);
    assert.match(one, /target-port-not-in-template/, 'the Service of service.yaml selects workload.yaml');
    assert.equal(await report(2), one);
    assert.equal(await report(3), one);
  });

  it('drops it with --no-advisories', () => {
    const result = runCli(['--no-advisories', '-'], { input: rendered });
    assert.doesNotMatch(result.stdout, /selector-matches-no-template/);
  });
});
