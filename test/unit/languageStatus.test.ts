import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { knownVersion, languageStatusText } from '../../client/src/languageStatusText';

describe('the language-status item', () => {
  it('says the target version, where it comes from, and that the server checks the file', () => {
    const running = languageStatusText('running', '1.35', 'folder');
    assert.equal(running.text, 'Kubernetes 1.35');
    assert.equal(running.detail, 'checked by the EndpointSlices server · version from folder setting');
    assert.equal(running.severity, 'information');
    assert.equal(running.busy, false);
    assert.equal(running.commandTitle, 'Change Kubernetes version');
    assert.match(languageStatusText('running', '1.37', 'default').detail, /version from the default$/);
  });

  it('is busy while the server starts and an error with the way out when it stopped', () => {
    assert.equal(languageStatusText('starting', '1.37', 'user').busy, true);
    const stopped = languageStatusText('stopped', '1.37', 'user');
    assert.equal(stopped.severity, 'error');
    assert.match(stopped.detail, /stopped: run "EndpointSlices: Restart Language Server"/);
  });

  it('takes only versions the engine emulates from the settings', () => {
    assert.equal(knownVersion('1.33'), '1.33');
    for (const value of ['1.32', '1.38', 1.35, undefined, null, {}]) {
      assert.equal(knownVersion(value), undefined);
    }
  });
});
