import * as assert from 'node:assert/strict';
import {
  closeAllEditors,
  fixtureUri,
  nextPublish,
  openFixture,
  openFixtureWithDiagnostics,
  summarizeAll,
} from '../helpers';

// JSON documents are in the client's document selector: a JSON EndpointSlice is validated with
// JSON ranges, any other JSON gets an empty answer without being parsed.
describe('JSON manifests', () => {
  afterEach(closeAllEditors);

  it('validates a JSON EndpointSlice at the offending value', async () => {
    const { diagnostics } = await openFixtureWithDiagnostics('slice.json', 'diagnostics for the JSON slice');
    assert.deepEqual(summarizeAll(diagnostics), [
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
