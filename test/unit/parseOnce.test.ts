import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLanguageService, defaultSettings, WorkspaceIndex } from '../../server/src/service';
import type { LanguageService } from '../../server/src/service';
import { ChunkedText } from '../../server/src/service/source/chunkedText';
import { leadingZeroAddress, slice } from '../helpers/manifests';

const uri = 'file:///ws/parse-once.yaml';
const serviceText =
  'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports: [{name: http, port: 80}]\n';

/** Every feature an editor asks for after a keystroke, in the order VS Code asks. */
function everyFeature(service: LanguageService, text: ChunkedText, index: WorkspaceIndex): void {
  index.update(uri, text);
  const report = service.validate(text, defaultSettings, index, { uri });
  const line = text
    .text()
    .split('\n')
    .findIndex((l) => l.includes('addresses'));
  const at = { line, character: text.text().split('\n')[line].indexOf('"') + 2 };
  service.complete(text, at, defaultSettings, index);
  service.hover(text, at, defaultSettings, index);
  service.documentSymbols(text);
  const sent = report.diagnostics.map((d) => ({ range: d.range, code: d.code, field: d.field }));
  assert.ok(sent.length > 0, 'a diagnostic to fix');
  for (const d of sent) service.codeActions(text, d.range, sent, defaultSettings, index);
}

describe('the document store parses each document once per version for every feature', () => {
  it('a file opened: one parse per document; a keystroke: one parse of the edited document', () => {
    const service = createLanguageService();
    const index = new WorkspaceIndex(service.documents);
    const text = new ChunkedText(`${serviceText}---\n${slice([leadingZeroAddress])}`);
    everyFeature(service, text, index);
    assert.equal(service.documents.parses, 2, 'the Service and the slice, once each');
    // Another address with a leading zero, so the code actions have a diagnostic to fix again.
    const end = text.text().indexOf(leadingZeroAddress) + leadingZeroAddress.length;
    text.replace(end - 1, end, '4');
    everyFeature(service, text, index);
    assert.equal(service.documents.parses, 3, 'the edited slice, once');
  });
});
