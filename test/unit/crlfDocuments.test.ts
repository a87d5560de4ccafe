import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChunkedText, createLanguageService, defaultSettings } from '../../server/src/service';
import { slice } from '../helpers/manifests';

/**
 * A CRLF file is split into its `---` documents at the LF, so every document but the last ends
 * with the CR of its final line break. That CR must stay a line break: read as part of the last
 * scalar, `protocol: TCP` became "TCP\r" and an apiserver error the server would never give.
 */
const file = `${slice()}---\nkind: ConfigMap\n`.replace(/\n/g, '\r\n');

describe('CRLF files with several documents', () => {
  const service = createLanguageService();

  for (const [name, source] of [
    ['a string (the CLI)', file],
    ['a ChunkedText (an open document)', new ChunkedText(file)],
  ] as const) {
    it(`reads the last line before --- without its CR, from ${name}`, () => {
      const errors = service
        .validate(source, defaultSettings)
        .diagnostics.filter((d) => d.severity === 'error');
      assert.deepEqual(
        errors.map((d) => d.message),
        [],
      );
    });
  }
});
