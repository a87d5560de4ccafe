import * as assert from 'node:assert/strict';
import {
  closeAllEditors,
  fixtureUri,
  nextPublish,
  openFixture,
  summarizeAll,
  waitForDiagnostics,
} from '../helpers';

// JSON documents are in the client's document selector: a JSON EndpointSlice is validated with
// JSON ranges, any other JSON gets an empty answer without being parsed.
describe('JSON manifests', () => {
  afterEach(closeAllEditors);

  it('validates a JSON EndpointSlice at the offending value', async () => {
    const uri = fixtureUri('slice.json');
    const published = waitForDiagnostics(uri, (d) => d.length > 0, 'diagnostics for the JSON slice');
    await openFixture('slice.json');
    assert.deepEqual(summarizeAll(await published), [
      { code: 'ip-invalid', severity: 'Error', range: [8, 44, 8, 56] },
    ]);
  });

  it('stays silent on JSON that is not a manifest', async () => {
    const uri = fixtureUri('tool-config.json');
    const published = nextPublish(uri);
    await openFixture('tool-config.json');
    assert.deepEqual(await published, []);
  });
});
