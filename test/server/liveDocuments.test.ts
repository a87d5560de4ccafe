import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { TestClient } from '../helpers/lspClient';
import { webService } from '../helpers/workspace';

/** A slice as the EndpointSlice controller writes it, for a Service the workspace does not define. */
const controllerSlice = [
  'apiVersion: discovery.k8s.io/v1',
  'kind: EndpointSlice',
  'metadata:',
  '  name: frontend-x7k2p',
  '  labels:',
  '    kubernetes.io/service-name: frontend',
  '    endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io',
  'addressType: IPv4',
  'endpoints:',
  '  - addresses: ["10.0.0.1"]',
  'ports:',
  '  - name: http',
  '    port: 8080',
  '    protocol: TCP',
  '',
].join('\n');

const legacyEndpoints =
  'apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: ghost\nsubsets:\n  - addresses: [{ip: 10.0.0.1}]\n    ports: [{name: http, port: 8080}]\n';
const ghostService = webService.replace('name: web', 'name: ghost');

/** The URI the cluster view gives a live object (client/src/cluster/clusterDocuments.ts). */
const live = (kind: string, name: string): string =>
  `endpointslices-cluster:/admin%40local/demo-web/${kind}/${name}.yaml`;

describe('live objects from the cluster view (read-only YAML)', () => {
  let client: TestClient;
  let dir: string;
  const file = (name: string): string => pathToFileURL(join(dir, name)).toString();

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'endpointslices-live-'));
    writeFileSync(join(dir, 'service.yaml'), webService);
    client = await TestClient.start({ workspaceFolders: [pathToFileURL(dir).toString()] });
    // Wait until the folder is indexed: an Endpoints of an unknown Service gets advice then.
    const probe = file('probe.yaml');
    const indexed = client.nextDiagnostics(probe, (p) =>
      p.diagnostics.some((d) => d.code === 'service-not-in-workspace'),
    );
    await client.open(probe, legacyEndpoints);
    await indexed;
    await client.close(probe);
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a file gets advice for authors; the same slice live from the cluster gets none', async () => {
    const authored = client.nextDiagnostics(file('slice.yaml'));
    await client.open(file('slice.yaml'), controllerSlice);
    assert.deepEqual((await authored).diagnostics.map((d) => d.code).sort(), [
      'managed-by-reserved',
      'service-not-in-workspace',
    ]);
    const shown = client.nextDiagnostics(live('endpointslices', 'frontend-x7k2p'));
    await client.open(live('endpointslices', 'frontend-x7k2p'), controllerSlice);
    assert.deepEqual((await shown).diagnostics, []);
  });

  it("keeps the apiserver's warnings on a live object", async () => {
    const shown = client.nextDiagnostics(live('endpoints', 'ghost'));
    await client.open(live('endpoints', 'ghost'), legacyEndpoints);
    assert.deepEqual(
      (await shown).diagnostics.map((d) => d.code),
      ['endpoints-deprecated'],
    );
  });

  it('a live Service does not join the workspace index', async () => {
    await client.open(live('services', 'ghost'), ghostService);
    const authored = client.nextDiagnostics(file('ghost.yaml'));
    await client.open(file('ghost.yaml'), legacyEndpoints);
    assert.ok(
      (await authored).diagnostics.some((d) => d.code === 'service-not-in-workspace'),
      'the live Service ghost was taken for a workspace file',
    );
  });
});
