import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLanguageService, defaultSettings, WorkspaceIndex } from '../../server/src/service';
import type { LanguageService } from '../../server/src/service';
import { ChunkedText } from '../../server/src/service/source/chunkedText';
import { slice } from '../helpers/manifests';

const uri = 'file:///ws/same.yaml';
const service = (name: string): string =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  ports: [{name: http, port: 80}]\n`;

/** What a fresh service says about the text: the answer an instance must give whatever others did. */
function fresh(text: string): string[] {
  return createLanguageService()
    .validate(text, defaultSettings)
    .diagnostics.map((d) => `${d.code}@${d.range.start.line}`);
}

function codes(target: LanguageService, text: ChunkedText | string, index?: WorkspaceIndex): string[] {
  return target
    .validate(text, defaultSettings, index, { uri })
    .diagnostics.filter((d) => d.origin !== 'advisory')
    .map((d) => `${d.code}@${d.range.start.line}`);
}

/** Replaces the slice's address (the first quoted value after `addresses: [`) with `address`. */
function setAddress(text: ChunkedText, address: string): string {
  const whole = text.text();
  const start = whole.indexOf('addresses: ["') + 'addresses: ["'.length;
  text.replace(start, whole.indexOf('"', start), address);
  return text.text();
}

describe('two language services in one process', () => {
  it('answer each for its own edits when their edits of one URI interleave', () => {
    const a = createLanguageService();
    const b = createLanguageService();
    const textA = new ChunkedText(`${service('web')}---\n${slice(['10.1.2.3'])}`);
    const textB = new ChunkedText(`${service('api')}---\n${slice(['10.1.2.4'])}`);
    const addressesA = ['10.1.2.5', '10.1.2.256', '10.1.2.6', 'fe80::1'];
    const addressesB = ['::1', 'not-an-ip', '10.1.2.7', '10.1.2.300'];
    for (let i = 0; i < addressesA.length; i++) {
      const nowA = setAddress(textA, addressesA[i] ?? '');
      assert.deepEqual(codes(a, textA), fresh(nowA), `a, edit ${i}`);
      const nowB = setAddress(textB, addressesB[i] ?? '');
      assert.deepEqual(codes(b, textB), fresh(nowB), `b, edit ${i}`);
    }
    assert.notDeepEqual(
      fresh(textA.text()),
      fresh(textB.text()),
      'the two files end up saying different things',
    );
  });

  it('do not hear of each other’s parses, and their indexes stay apart', () => {
    const a = createLanguageService();
    const b = createLanguageService();
    let heardByB = 0;
    b.documents.onParsed(() => heardByB++);
    const indexA = new WorkspaceIndex(a.documents);
    const indexB = new WorkspaceIndex(b.documents);
    const text = `${service('web')}---\n${slice(['10.1.2.3'])}`;
    a.validate(text, defaultSettings, undefined, { uri });
    indexA.update(uri, text);
    assert.equal(heardByB, 0);
    assert.deepEqual(
      indexA.services().map((s) => s.name),
      ['web'],
    );
    assert.deepEqual(indexB.services(), []);
    b.validate(service('api'), defaultSettings, undefined, { uri });
    indexB.update(uri, service('api'));
    assert.ok(heardByB > 0);
    assert.deepEqual(
      indexA.services().map((s) => s.name),
      ['web'],
    );
    assert.deepEqual(
      indexB.services().map((s) => s.name),
      ['api'],
    );
  });
});
