import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { createLanguageService, defaultSettings } from '../../../server/src/service';
import type { TextEdit } from '../../../server/src/service';
import { lineHunks } from '../../../server/src/service/yamlText/lineDiff';
import { apply } from '../../helpers/cursor';
import { random } from '../../helpers/random';

const service = createLanguageService();
const options = { maxEndpointsPerSlice: 100, skipMirror: false };

const commented = [
  '# Endpoints to convert',
  'apiVersion: v1',
  'kind: Endpoints',
  'metadata:',
  '  name: web   # same as the Service',
  '  labels:',
  '    team: a   # owner',
  '  annotations:',
  '    kubectl.kubernetes.io/last-applied-configuration: "{}"   # dropped with it',
  '# the addresses',
  'subsets:',
  '  - addresses:',
  '      # the first pod',
  '      - ip: 10.0.0.1     # pod a',
  '      - ip: "2001:db8::5"   # v6 pod',
  '      - ip: 10.0.0.300   # not an address',
  '    notReadyAddresses:',
  '      - ip: 10.0.0.2 # starting',
  '    ports:   # what the Service targets',
  '      - name: http # web',
  '        port: 8080',
  '# the end of the file',
  '',
].join('\n');

const comments = (text: string): string[] => [...text.matchAll(/#[^\r\n]*/g)].map((m) => m[0].trim());

function converted(text: string): { text: string; edits: TextEdit[] } {
  const result = service.convertEndpointsToSlices(text, options);
  return { text: result.text, edits: result.edits };
}

describe('Endpoints conversion: what the edit keeps', () => {
  it('keeps every comment of what it keeps, and drops those of what it leaves out', () => {
    const { text } = converted(commented);
    const expected = comments(commented).filter((c) => !/dropped with it|not an address/.test(c));
    assert.deepEqual(
      expected.filter((c) => !text.includes(c)),
      [],
      text,
    );
    assert.ok(!text.includes('# not an address'));
    assert.deepEqual(service.validate(text, defaultSettings).diagnostics, []);
    // Each comment stays with its part: the address's on its endpoint, the ports' on the ports.
    assert.match(text, /- 10\.0\.0\.1 +# pod a/);
    assert.match(text, /- 2001:db8::5 +# v6 pod/);
    assert.match(text, /ports:\n {2}# what the Service targets\n {2}- name: http # web/);
    assert.ok(text.endsWith('# the end of the file\n'));
  });

  it('writes the slices with the file line ends, CRLF included', () => {
    const crlf = commented.replace(/\n/g, '\r\n');
    const { text, edits } = converted(crlf);
    assert.ok(edits.length > 0);
    assert.equal(text.replace(/\r\n/g, '').includes('\n'), false, JSON.stringify(text));
    assert.deepEqual(
      parseAllDocuments(text).map((d) => d.toJS() as unknown),
      parseAllDocuments(converted(commented).text).map((d) => d.toJS() as unknown),
    );
  });

  it('edits only the lines that change, so each edit reads as a diff', () => {
    const { edits } = converted(commented);
    assert.ok(edits.length > 1, JSON.stringify(edits));
    const touched = (line: number): boolean =>
      edits.some(
        (e) => e.range.start.line <= line && line < Math.max(e.range.end.line, e.range.start.line + 1),
      );
    const lines = commented.split('\n');
    // The comment above the document, `metadata:`, the labels, and the last comment stay put.
    for (const kept of ['# Endpoints to convert', 'metadata:', '  labels:', '    team: a   # owner']) {
      assert.equal(touched(lines.indexOf(kept)), false, kept);
    }
    assert.ok(edits.every((e) => !e.newText.includes('# Endpoints to convert')));
    // A changed value is a change of its own line: the preview shows it on a row of its own.
    const name = lines.indexOf('  name: web   # same as the Service');
    assert.deepEqual(
      edits.filter((e) => e.range.start.line === name).map((e) => [e.range.end.line, e.newText]),
      [[name, '  name: web-ipv4 # same as the Service']],
    );
  });

  it('says per object what it leaves out', () => {
    const result = service.convertEndpointsToSlices(commented, options);
    assert.deepEqual(
      result.objects.map((o) => [o.name, o.slices, o.leftOut]),
      [['web', 2, ['left out "10.0.0.300": not an IP address']]],
    );
    assert.deepEqual(
      result.objects.flatMap((o) => o.edits),
      result.edits,
    );
  });

  it('indents the way the file does', () => {
    const flat =
      'apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: web\nsubsets:\n- addresses:\n  - ip: 10.0.0.1\n';
    assert.match(converted(flat).text, /^endpoints:\n- addresses:\n {2}- 10\.0\.0\.1/m);
    const wide =
      'apiVersion: v1\nkind: Endpoints\nmetadata:\n    name: web\nsubsets:\n    - addresses:\n          - ip: 10.0.0.1\n';
    assert.match(converted(wide).text, /^metadata:\n {4}name: web-ipv4\n {4}labels:/m);
  });
});

describe('code actions keep CRLF', () => {
  it('adds the service-name label with CRLF line ends', () => {
    const text = [
      'apiVersion: discovery.k8s.io/v1',
      'kind: EndpointSlice',
      'metadata:',
      '  name: web-1 # name',
      'addressType: IPv4',
      'endpoints:',
      '  - addresses: ["10.0.0.1"]',
      '',
    ].join('\r\n');
    const diagnostic = service
      .validate(text, defaultSettings)
      .diagnostics.find((d) => d.code === 'service-name-label-missing');
    assert.ok(diagnostic);
    const sent = { range: diagnostic.range, code: diagnostic.code, field: diagnostic.field };
    const [action] = service.codeActions(text, diagnostic.range, [sent], defaultSettings);
    assert.ok(action?.title.startsWith('Add label kubernetes.io/service-name'));
    const fixed = apply(text, action.edits);
    assert.match(fixed, /kubernetes\.io\/service-name: web\r\n/);
    assert.equal(fixed.replace(/\r\n/g, '').includes('\n'), false, JSON.stringify(fixed));
  });
});

describe('line hunks', () => {
  const applyHunks = (a: string[], b: string[]): string[] => {
    const out = [...a];
    for (const h of [...lineHunks(a, b)].reverse()) {
      out.splice(h.oldStart, h.oldEnd - h.oldStart, ...b.slice(h.newStart, h.newEnd));
    }
    return out;
  };

  it('turns the old lines into the new ones (seeded random texts)', () => {
    const next = random(14);
    const words = ['a', 'b', 'c', 'd', ''];
    const text = (): string[] =>
      Array.from({ length: Math.floor(next() * 30) }, () => words[Math.floor(next() * words.length)] ?? '');
    for (let i = 0; i < 500; i++) {
      const a = text();
      const b = text();
      assert.deepEqual(applyHunks(a, b), b, JSON.stringify({ a, b }));
    }
  });

  it('finds the shortest set of changes', () => {
    assert.deepEqual(lineHunks(['a', 'b', 'c'], ['a', 'x', 'c']), [
      { oldStart: 1, oldEnd: 2, newStart: 1, newEnd: 2 },
    ]);
    assert.deepEqual(lineHunks(['a', 'c'], ['a', 'b', 'c', 'd']), [
      { oldStart: 1, oldEnd: 1, newStart: 1, newEnd: 2 },
      { oldStart: 2, oldEnd: 2, newStart: 3, newEnd: 4 },
    ]);
    assert.deepEqual(lineHunks(['same'], ['same']), []);
  });

  it('stays linear past its bound, replacing the middle at once', () => {
    const a = Array.from({ length: 20000 }, (_, i) => `old ${i}`);
    const b = Array.from({ length: 20000 }, (_, i) => `new ${i}`);
    const started = Date.now();
    assert.deepEqual(applyHunks(a, b), b);
    assert.ok(Date.now() - started < 2000);
  });
});

describe('Endpoints conversion: seeded random documents', () => {
  /** An Endpoints document with a numbered comment on most lines, in one of the styles people use. */
  function randomEndpoints(next: () => number): { text: string; kept: string[]; crlf: boolean } {
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
    const seq = pick(['  ', '']);
    const kept: string[] = [];
    let n = 0;
    const comment = (keep: boolean): string => {
      if (next() < 0.3) return '';
      const text = `# c${n++}`;
      if (keep) kept.push(text);
      return `${pick([' ', '   '])}${text}`;
    };
    const lines = ['apiVersion: v1', 'kind: Endpoints', 'metadata:', `  name: svc${comment(true)}`];
    if (next() < 0.5) lines.push(`  labels:${comment(true)}`, `    team: a${comment(true)}`);
    lines.push(`subsets:${comment(true)}`);
    let address = 0;
    for (let s = 0, count = 1 + Math.floor(next() * 3); s < count; s++) {
      let dash = '- ';
      for (const list of ['addresses', 'notReadyAddresses']) {
        if (next() < 0.3) continue;
        lines.push(`${seq}${dash}${list}:${comment(true)}`);
        dash = '  ';
        for (let i = 0, k = 1 + Math.floor(next() * 3); i < k; i++) {
          const bad = i > 0 && next() < 0.2;
          const ip = bad
            ? `10.9.${address++}.300`
            : pick([`10.1.${address++}.1`, `2001:db8::${(address++).toString(16)}`]);
          lines.push(`${seq}    - ip: "${ip}"${comment(!bad)}`);
        }
      }
      if (dash === '- ') lines.push(`${seq}- addresses: [{ip: 10.2.${s}.1}]`);
      lines.push(`${seq}  ports:${comment(true)}`, `${seq}    - port: ${80 + s}${comment(true)}`);
    }
    const crlf = next() < 0.5;
    const body = `# a ConfigMap first\r\nkind: ConfigMap\r\n---\r\n${lines.join('\r\n')}\r\n`;
    return { text: crlf ? body : body.replace(/\r\n/g, '\n'), kept, crlf };
  }

  it('keeps line ends, the other document and the comments of what it keeps, and writes valid slices', () => {
    const next = random(7);
    for (let i = 0; i < 200; i++) {
      const { text, kept, crlf } = randomEndpoints(next);
      const result = service.convertEndpointsToSlices(text, options);
      assert.equal(apply(text, result.edits), result.text);
      const label = `case ${i}:\n${text}\n=>\n${result.text}`;
      assert.ok(result.text.startsWith(text.slice(0, text.indexOf('---'))), label);
      assert.equal(/[^\r]\n/.test(result.text), !crlf && result.text.includes('\n'), label);
      assert.deepEqual(
        kept.filter((c) => !new RegExp(`${c}\\b`).test(result.text)),
        [],
        label,
      );
      // Validated with LF line ends: the line ends are checked above, and the splitter leaves a
      // CR on the last line of a CRLF document before `---` (a plain `TCP` reads as "TCP\r"),
      // which is the parser's to fix, not the conversion's.
      const errors = service.validate(result.text.replace(/\r\n/g, '\n'), defaultSettings).diagnostics;
      assert.deepEqual(
        errors.map((d) => `${d.code}: ${d.message}`),
        [],
        label,
      );
    }
  });
});
