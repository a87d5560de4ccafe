import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { cliBundle, runCli } from '../helpers/cli';

/**
 * Memory stays bounded (issue 14, item 4): a `List` dump is validated item by item, a single
 * document past the size limit is refused with exit status 2 and a message instead of a V8 heap
 * crash (exit 134), and an input over 64 MB is not read at all. Peak memory is read from the
 * child's own accounting (`process.resourceUsage().maxRSS`), with a generous bound.
 */
const dir = mkdtempSync(join(tmpdir(), 'cli-limits-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function list(items: number): string {
  let text = 'apiVersion: v1\nitems:\n';
  for (let i = 0; i < items; i++) {
    text += `- apiVersion: discovery.k8s.io/v1\n  kind: EndpointSlice\n  addressType: IPv4\n  metadata:\n    name: ${i === 5 ? 'Web_5' : `web-${i}`}\n    labels:\n      kubernetes.io/service-name: web\n  endpoints:\n${'  - addresses: ["10.0.0.1"]\n    conditions: {ready: true}\n    nodeName: node-a\n'.repeat(20)}  ports:\n  - name: http\n    port: 80\n`;
  }
  return `${text}kind: List\nmetadata: {}\n`;
}

/** Peak RSS of the CLI on a file, in MB, with its exit status and output. */
function measured(file: string): { status: number | null; stdout: string; stderr: string; peakMb: number } {
  const probe = join(dir, 'probe.js');
  writeFileSync(
    probe,
    "process.on('exit', () => process.stderr.write('\\nPEAK ' + process.resourceUsage().maxRSS + '\\n'));\n",
  );
  const result = spawnSync(process.execPath, ['--require', probe, cliBundle, file], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  const peak = /PEAK (\d+)/.exec(result.stderr)?.[1] ?? '0';
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, peakMb: Number(peak) / 1024 };
}

describe('CLI memory limits', () => {
  it('validates a 10 MB List dump item by item, in far less memory than its parse tree', () => {
    const file = join(dir, 'dump.yaml');
    writeFileSync(file, list(3000));
    const { status, stdout, peakMb } = measured(file);
    assert.equal(status, 1, stdout.slice(0, 500));
    assert.match(stdout, /dump\.yaml:\d+:\d+: error metadata-name-invalid/);
    // The whole parse took about 65 times the text (650 MB here); item by item stays near 200 MB.
    assert.ok(peakMb < 450, `peak ${peakMb.toFixed(0)} MB`);
  });

  it('refuses a single document over the size limit with exit 2 and says which', () => {
    const file = join(dir, 'slice.yaml');
    const endpoints = '  - addresses: ["10.0.0.1"]\n    nodeName: node-a\n'.repeat(200_000);
    writeFileSync(
      file,
      `apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: big\naddressType: IPv4\nendpoints:\n${endpoints}`,
    );
    const { status, stderr, peakMb } = measured(file);
    assert.equal(status, 2);
    assert.match(stderr, /slice\.yaml:1: not validated: .*longer than 8,000,000 characters/);
    assert.ok(peakMb < 450, `peak ${peakMb.toFixed(0)} MB`);
  });

  it('does not read an input over 64 MB', () => {
    const file = join(dir, 'huge.yaml');
    writeFileSync(file, '');
    truncateSync(file, 65 * 1024 * 1024);
    const { status, stderr } = runCli([file]);
    assert.equal(status, 2);
    assert.match(stderr, /huge\.yaml is 65 MB, over the 64 MB limit for one input/);
  });
});
