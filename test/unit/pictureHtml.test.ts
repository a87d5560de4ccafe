// The routing picture's page: its script is written into the page (a restored picture must not
// wait for the webview's resource loader), so the page must stay one script element whatever
// the bundle's text holds, and allow nothing but that script and its styles.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { failedHtml, pictureHtml } from '../../client/src/cluster/picture/pictureHtml';

describe('routing picture page', () => {
  it('holds its script inline, allowed by the nonce alone, and loads nothing', () => {
    const page = pictureHtml('console.log(1);', 'n0nce');
    assert.match(page, /<script nonce="n0nce">console\.log\(1\);<\/script>/);
    assert.match(page, /default-src 'none'; style-src 'nonce-n0nce'; script-src 'nonce-n0nce';/);
    assert.doesNotMatch(page, /\ssrc=/);
  });

  it('keeps a script that contains </script> or <!-- as one element meaning the same', () => {
    const script =
      'const a = "</script><img src=x>"; const b = /<!--[<]script/u; const c = `</SCRIPT <!-- ${1}`;';
    const page = pictureHtml(script, 'n');
    const body = page.slice(page.indexOf('<script nonce="n">') + '<script nonce="n">'.length);
    // The element ends once, at the end; the escaped text is the same JavaScript.
    assert.equal(body.indexOf('</script>'), body.length - '</script>\n</body>\n</html>'.length);
    assert.doesNotMatch(body.slice(0, -30), /<\/script|<!--|<script/i);
    const inside = body.slice(0, body.indexOf('</script>'));
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the escaped script, evaluated to compare
    const read = new Function(`${inside}; return [a, b.test('<!--<script'), c];`) as () => unknown[];
    assert.deepEqual(read(), ['</script><img src=x>', true, '</SCRIPT <!-- 1']);
  });

  it('says why when the script could not be read, with the reason escaped', () => {
    const page = failedHtml(new Error('ENOENT <dist/picture.js>'));
    assert.match(page, /could not load its script/);
    assert.match(page, /ENOENT &#60;dist\/picture\.js&#62;/);
    assert.doesNotMatch(page, /<script/);
  });
});
