import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fixturesDir, runCli, runCliJson } from '../helpers/cli';
import { diagnosticKeys, documentKeys } from '../helpers/cliJson';
import type { JsonOutput } from '../helpers/cliJson';
import { childrenNamed, parseXml } from '../helpers/xml';

/** 0-based line of the first line of a fixture containing the text. */
function lineOf(fixture: string, text: string): number {
  const line = readFileSync(join(fixturesDir, fixture), 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(text));
  assert.ok(line >= 0, `${text} not in ${fixture}`);
  return line;
}

describe('--format json', () => {
  it('reports every document of a multi-document file, field by field', () => {
    const { status, json } = runCliJson<JsonOutput>(['multi-doc.yaml']);
    assert.equal(status, 1);
    assert.deepEqual(Object.keys(json), ['kubernetesVersion', 'files']);
    assert.equal(json.kubernetesVersion, '1.37');
    assert.equal(json.files.length, 1);
    const [file] = json.files;
    assert.deepEqual(Object.keys(file), ['path', 'documents']);
    assert.equal(file.path, 'multi-doc.yaml');
    const [valid, deployment, invalid] = file.documents;
    assert.equal(file.documents.length, 3);
    for (const document of file.documents) {
      assert.deepEqual(Object.keys(document), documentKeys);
    }
    assert.deepEqual(valid, {
      index: 0,
      item: null,
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      name: 'web-abc',
      templated: false,
      diagnostics: [],
    });
    assert.deepEqual(deployment, {
      index: 1,
      item: null,
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'web',
      templated: false,
      diagnostics: [],
    });
    assert.equal(invalid.index, 2);
    assert.equal(invalid.name, 'web-bad');
    const diagnostic = invalid.diagnostics.find((d) => d.code === 'ip-invalid');
    assert.ok(diagnostic, JSON.stringify(invalid));
    assert.deepEqual(Object.keys(diagnostic), diagnosticKeys);
    assert.equal(diagnostic.severity, 'error');
    assert.equal(diagnostic.origin, 'apiserver');
    assert.equal(diagnostic.reason, 'FieldValueInvalid');
    assert.equal(diagnostic.field, 'endpoints[0].addresses[1]');
    assert.match(diagnostic.message, /endpoints\[0\]\.addresses\[1\]/);
    assert.equal(diagnostic.range.start.line, lineOf('multi-doc.yaml', 'not-an-ip'));
    assert.equal(diagnostic.range.end.line, diagnostic.range.start.line);
    assert.ok(diagnostic.range.end.character > diagnostic.range.start.character);
  });

  it('follows --kubernetes-version', () => {
    const old = runCliJson<JsonOutput>(['--kubernetes-version', '1.35', 'leading-zero.yaml']);
    assert.equal(old.status, 0);
    assert.equal(old.json.kubernetesVersion, '1.35');
    const oldDiagnostics = old.json.files[0].documents[0].diagnostics;
    assert.ok(oldDiagnostics.some((d) => d.severity === 'warning'));
    assert.ok(oldDiagnostics.every((d) => d.severity !== 'error'));

    const current = runCliJson<JsonOutput>(['--kubernetes-version=1.37', 'leading-zero.yaml']);
    assert.equal(current.status, 1);
    const error = current.json.files[0].documents[0].diagnostics.find((d) => d.severity === 'error');
    assert.match(error?.message ?? '', /must not have leading 0s/);
  });
});

describe('--format text', () => {
  it('prints path:line:col with 1-based positions and a summary', () => {
    const { status, stdout } = runCli(['invalid-slice.yaml']);
    assert.equal(status, 1);
    const line = lineOf('invalid-slice.yaml', 'not-an-ip') + 1;
    assert.match(stdout, new RegExp(`^invalid-slice\\.yaml:${line}:\\d+: error ip-invalid .+$`, 'm'));
    assert.match(stdout, /^1 error, 0 warnings in 1 file \(Kubernetes 1\.37\)$/m);
  });

  it('prints only the summary for a clean file', () => {
    const { status, stdout } = runCli(['valid-slice.yaml', 'deployment.yaml']);
    assert.equal(status, 0);
    assert.equal(stdout, '0 errors, 0 warnings in 2 files (Kubernetes 1.37)\n');
  });
});

describe('--format sarif', () => {
  it('produces SARIF 2.1.0 with rules from the code registry', () => {
    const { status, stdout } = runCli(['--format', 'sarif', 'invalid-slice.yaml', 'valid-slice.yaml']);
    assert.equal(status, 1);
    const log = JSON.parse(stdout) as {
      version: string;
      runs: {
        tool: { driver: { name: string; rules: { id: string; shortDescription: { text: string } }[] } };
        results: {
          ruleId: string;
          ruleIndex: number;
          level: string;
          message: { text: string };
          locations: {
            physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
          }[];
        }[];
      }[];
    };
    assert.equal(log.version, '2.1.0');
    const [run] = log.runs;
    assert.equal(run.tool.driver.name, 'endpointslice-lint');
    assert.ok(run.tool.driver.rules.length > 10);
    const result = run.results.find((r) => r.ruleId === 'ip-invalid');
    assert.ok(result, JSON.stringify(run.results));
    assert.equal(run.tool.driver.rules[result.ruleIndex]?.id, 'ip-invalid');
    assert.equal(result.level, 'error');
    const location = result.locations[0].physicalLocation;
    assert.equal(location.artifactLocation.uri, 'invalid-slice.yaml');
    assert.equal(location.region.startLine, lineOf('invalid-slice.yaml', 'not-an-ip') + 1);
  });
});

describe('--format junit', () => {
  it('produces well-formed XML with a suite per file and a failing case per invalid document', () => {
    const { status, stdout } = runCli(['--format', 'junit', 'multi-doc.yaml', 'valid-slice.yaml']);
    assert.equal(status, 1);
    const root = parseXml(stdout);
    assert.equal(root.name, 'testsuites');
    assert.equal(root.attributes['tests'], '4');
    assert.equal(root.attributes['failures'], '1');
    const suites = childrenNamed(root, 'testsuite');
    assert.deepEqual(
      suites.map((s) => s.attributes['name']),
      ['multi-doc.yaml', 'valid-slice.yaml'],
    );
    const cases = childrenNamed(suites[0], 'testcase');
    assert.deepEqual(
      cases.map((c) => c.attributes['name']),
      ['[0] EndpointSlice web-abc', '[1] Deployment web', '[2] EndpointSlice web-bad'],
    );
    const [failure] = childrenNamed(cases[2], 'failure');
    assert.equal(failure?.attributes['type'], 'ip-invalid');
    assert.match(failure?.text ?? '', /ip-invalid/);
    assert.equal(childrenNamed(cases[0], 'failure').length, 0);
  });

  it('stays well-formed for binary garbage', () => {
    const garbage =
      'apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: "a\u0001<&>"}\n\u0000\u0007';
    const { status, stdout } = runCli(['--format', 'junit', '-'], { input: garbage });
    assert.notEqual(status, 2);
    assert.doesNotThrow(() => parseXml(stdout));
  });
});
