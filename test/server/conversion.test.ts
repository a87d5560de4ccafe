import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { convertWorkspaceRequest } from '../../server/src/lsp/migrationRequest';
import type { ConvertWorkspaceParams, ConvertWorkspaceResult } from '../../server/src/service';
import { apply } from '../helpers/cursor';
import { TestClient } from '../helpers/lspClient';

const endpoints = (name: string, ip: string): string =>
  `apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: ${name}\nsubsets:\n  - addresses:\n      - ip: ${ip}\n    ports:\n      - port: 80\n`;
const configMap =
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: important-config\ndata:\n  key: value\n';

/**
 * The workspace conversion over --stdio, with a client that does not watch files: the server's
 * index then lags behind the disk, as it does in any editor between a change and its event.
 */
describe('workspace conversion over --stdio', () => {
  let client: TestClient;
  let dir: string;
  const file = (name: string): string => join(dir, name);
  const uri = (name: string): string => pathToFileURL(file(name)).toString();
  const convert = (params: ConvertWorkspaceParams = { preview: true }): Promise<ConvertWorkspaceResult> =>
    client.connection.sendRequest(convertWorkspaceRequest, params);
  const changeOf = (result: ConvertWorkspaceResult, name: string) =>
    result.edit.documentChanges.find((c) => c.textDocument.uri === uri(name));

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'endpointslices-convert-'));
    writeFileSync(file('legacy.yaml'), endpoints('web', '10.0.0.1'));
    writeFileSync(
      file('lossy.yaml'),
      endpoints('api', '10.1.2.300').replace(
        '      - ip: 10.1.2.300\n',
        '      - ip: 10.1.2.300\n      - ip: 10.1.2.3\n',
      ),
    );
    writeFileSync(file('gone.yaml'), endpoints('gone', '10.0.0.9'));
    client = await TestClient.start({ workspaceFolders: [pathToFileURL(dir).toString()] });
    // The folder is read in the background.
    for (let i = 0; i < 100 && (await convert()).files < 3; i++) await new Promise((r) => setTimeout(r, 50));
  });
  after(async () => {
    assert.equal(await client.stop(), 0);
    rmSync(dir, { recursive: true, force: true });
  });

  it('computes the edit of a closed file from the file as it is now, not from an older copy', async () => {
    const changed = `${configMap}---\n${endpoints('web', '10.0.0.1')}`;
    writeFileSync(file('legacy.yaml'), changed);
    const result = await convert();
    const change = changeOf(result, 'legacy.yaml');
    assert.ok(change);
    const text = apply(changed, change.edits);
    const docs = parseAllDocuments(text).map((d) => d.toJS() as { kind: string; metadata: { name: string } });
    assert.deepEqual(
      docs.map((d) => [d.kind, d.metadata.name]),
      [
        ['ConfigMap', 'important-config'],
        ['EndpointSlice', 'web-ipv4'],
      ],
    );
    assert.ok(text.startsWith(configMap));
  });

  it('leaves out a file it cannot read, and says so', async () => {
    unlinkSync(file('gone.yaml'));
    const result = await convert();
    assert.equal(changeOf(result, 'gone.yaml'), undefined);
    assert.ok(
      result.notes.includes(`${uri('gone.yaml')}: not converted: the file could not be read`),
      JSON.stringify(result.notes),
    );
  });

  it('asks for confirmation only for a conversion that leaves something out, and says what', async () => {
    const result = await convert();
    const annotations = result.edit.changeAnnotations;
    const lossless = changeOf(result, 'legacy.yaml')?.edits ?? [];
    assert.ok(lossless.length > 0);
    assert.ok(lossless.every((e) => annotations[e.annotationId]?.needsConfirmation === false));
    const lossy = changeOf(result, 'lossy.yaml')?.edits ?? [];
    const annotation = annotations[lossy[0]?.annotationId ?? ''];
    assert.ok(lossy.every((e) => e.annotationId === lossy[0]?.annotationId));
    assert.deepEqual(annotation, {
      label: 'Endpoints api: leaves out an address',
      description: 'left out "10.1.2.300": not an IP address. Check it to convert without it.',
      needsConfirmation: true,
    });
    assert.deepEqual(result.leftOut, [
      {
        uri: uri('lossy.yaml'),
        name: 'api',
        reasons: ['left out "10.1.2.300": not an IP address'],
        annotationId: lossy[0]?.annotationId,
      },
    ]);
    const direct = await convert({ preview: false });
    assert.ok(Object.values(direct.edit.changeAnnotations).every((a) => !a.needsConfirmation));
  });
});
