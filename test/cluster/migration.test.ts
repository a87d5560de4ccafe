import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createLanguageService } from '../../server/src/service';
import { migrationCases } from '../helpers/migrationCases';

/**
 * The Endpoints → EndpointSlice conversion against the real kube-apiserver: every slice it writes
 * for the migration cases is sent as a dry-run create and must be accepted without warnings.
 * Run by scripts/test-cluster.sh with KUBECONFIG and ENDPOINTSLICES_DRYRUN (cluster/dryrun) set.
 */
interface DryRunLine {
  file: string;
  kind: string;
  name: string;
  status: string;
  causes?: { field: string; message: string }[];
  warnings?: string[];
}

const kubeconfig = process.env['KUBECONFIG'];
const dryrun = process.env['ENDPOINTSLICES_DRYRUN'];
const service = createLanguageService();
const dir = mkdtempSync(join(tmpdir(), 'endpointslices-migration-'));

function sendToApiserver(files: string[]): DryRunLine[] {
  assert.ok(
    kubeconfig && dryrun,
    'KUBECONFIG and ENDPOINTSLICES_DRYRUN must point at the local control plane',
  );
  const out = execFileSync(dryrun, ['-kubeconfig', kubeconfig, ...files], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  return out
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as DryRunLine);
}

describe('migration output against the kube-apiserver', { skip: !kubeconfig || !dryrun }, () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const skipMirror of [false, true]) {
    it(`accepts every slice the conversion writes (skipMirror: ${skipMirror})`, () => {
      const files = migrationCases().map((c, i) => {
        const result = service.convertEndpointsToSlices(c.text, { maxEndpointsPerSlice: 100, skipMirror });
        assert.ok(result.slices > 0, c.name);
        const file = join(dir, `${skipMirror ? 'keep' : 'replace'}-${i}.yaml`);
        writeFileSync(file, result.text);
        return file;
      });
      const slices = sendToApiserver(files).filter((line) => line.kind === 'EndpointSlice');
      const expected = migrationCases().reduce(
        (n, c) =>
          n + service.convertEndpointsToSlices(c.text, { maxEndpointsPerSlice: 100, skipMirror }).slices,
        0,
      );
      assert.equal(slices.length, expected);
      for (const slice of slices) {
        assert.equal(
          slice.status,
          'accepted',
          `${slice.file} ${slice.name}: ${JSON.stringify(slice.causes)}`,
        );
        assert.deepEqual(slice.warnings ?? [], [], `${slice.file} ${slice.name}`);
      }
    });
  }
});
