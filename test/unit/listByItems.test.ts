import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { defaultSettings } from '../../server/src/service';
import { cutList } from '../../server/src/service/decode/listItems';
import { validateChunk, validateListByItems } from '../../server/src/service/pipeline/validateChunk';
import { realWorldDir } from '../helpers/realWorld';

/**
 * A large `List` dump is validated item by item (decode/listItems.ts) so its memory is one
 * item's, not 65 times the file's. The results must be exactly those of the whole parse.
 */
function dump(count: number, mistakes = false): string {
  let text = 'apiVersion: v1\nitems:\n';
  for (let i = 0; i < count; i++) {
    text += `- addressType: IPv4\n  apiVersion: discovery.k8s.io/v1\n  endpoints:\n  - addresses:\n    - 10.0.${i >> 8}.${mistakes && i % 3 === 0 ? 256 : i & 255}\n    conditions:\n      ready: true\n    # a comment\n    nodeName: node-${i}\n  kind: EndpointSlice\n  metadata:\n    labels:\n      kubernetes.io/service-name: web-${i}\n    name: web-${i}${mistakes && i % 5 === 0 ? '_x' : ''}\n    resourceVersion: "${i}"\n  ports:\n  - name: http\n    port: ${mistakes && i % 7 === 0 ? '"80"' : 8080}\n\n`;
  }
  return `${text}kind: List\nmetadata:\n  resourceVersion: ""\n`;
}

const settings = defaultSettings;

/** The same dump with its items two columns in, as some tools write lists. */
function indented(text: string): string {
  const [before = '', rest = ''] = text.split('items:\n');
  const [items = '', after = ''] = rest.split('kind: List\n');
  const shifted = items
    .split('\n')
    .map((line) => (line === '' ? line : `  ${line}`))
    .join('\n');
  return `${before}items:\n${shifted}kind: List\n${after}`;
}

describe('a List validated item by item', () => {
  const cases: [string, string][] = [
    ['a kubectl dump', dump(40)],
    ['a dump with mistakes in some items', dump(40, true)],
    ['items indented under items:', indented(dump(5))],
    ...['lists/kubectl-get-list.yaml', 'lists/endpointslice-list.yaml', 'lists/list-mixed-kinds.yaml'].map(
      (file): [string, string] => [file, readFileSync(join(realWorldDir, file), 'utf8')],
    ),
  ];
  for (const [name, text] of cases) {
    it(`${name}: the same results as the whole parse`, () => {
      const byItems = validateListByItems(text, settings);
      if (name.startsWith('lists/') && !byItems) return; // a shape the cut leaves to the whole parse
      assert.ok(byItems, 'not cut');
      assert.deepEqual(byItems, validateChunk(text, settings));
    });
  }

  it('leaves anchors, nested lists, templates and kind-less items to the whole parse', () => {
    for (const text of [
      dump(2).replace('ready: true', 'ready: &r true'),
      dump(2).replace('- addressType', '- - addressType'),
      dump(2).replace('name: web-0', 'name: {{ .name }}'),
      'apiVersion: v1\nkind: EndpointSliceList\nitems:\n- metadata:\n    name: x\n',
    ]) {
      assert.equal(validateListByItems(text, settings), undefined, text.slice(0, 200));
    }
  });

  it('cuts at item starts only', () => {
    const cut = cutList(dump(3));
    assert.deepEqual(
      cut?.items.map((i) => i.startLine),
      [2, 21, 40],
    );
    assert.equal(cut?.head.split('\n').length, dump(3).split('\n').length);
  });
});
