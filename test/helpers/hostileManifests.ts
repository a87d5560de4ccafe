import { random } from './random';

/**
 * A seeded generator of hostile manifests (issue 14): what an attacker or an unlucky user feeds
 * the engine. Each category starts from the manifests people write and breaks them one way; the
 * same seed gives the same inputs on every machine, so a failure names the input that replays it.
 * `scale` bounds the sizes: 1 keeps a unit run quick, larger values reach megabytes.
 */
export const hostileCategories = [
  'structure',
  'unicode',
  'nesting',
  'huge',
  'anchors',
  'templates',
  'json',
  'lineEnds',
] as const;
export type HostileCategory = (typeof hostileCategories)[number];

export interface HostileInput {
  category: HostileCategory;
  /** `category#n/seed`: enough to generate it again. */
  name: string;
  text: string;
}

type Next = () => number;

interface Picker {
  next: Next;
  int(below: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

function picker(next: Next): Picker {
  const int = (below: number): number => Math.floor(next() * below);
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => items[int(items.length)],
    chance: (p: number): boolean => next() < p,
  };
}

const slice = (name: string, address = '10.1.2.3'): string =>
  [
    'apiVersion: discovery.k8s.io/v1',
    'kind: EndpointSlice',
    'metadata:',
    `  name: ${name}`,
    '  labels:',
    '    kubernetes.io/service-name: web',
    '  annotations:',
    '    note: "plain text"',
    'addressType: IPv4',
    'endpoints:',
    `  - addresses: ["${address}"]`,
    '    conditions:',
    '      ready: true',
    'ports:',
    '  - name: http',
    '    port: 80',
    '    protocol: TCP',
    '',
  ].join('\n');

const endpoints = (name: string): string =>
  [
    '# the legacy object',
    'apiVersion: v1',
    'kind: Endpoints',
    'metadata:',
    `  name: ${name} # keep`,
    'subsets:',
    '  - addresses:',
    '      - ip: 10.1.2.3',
    '      - ip: fd00::1',
    '    notReadyAddresses:',
    '      - ip: 10.1.2.4',
    '    ports:',
    '      - name: http',
    '        port: 80',
    '',
  ].join('\n');

const service = [
  'apiVersion: v1',
  'kind: Service',
  'metadata:',
  '  name: web',
  'spec:',
  '  selector: {app: web}',
  '  ports: [{name: http, port: 80}]',
  '',
].join('\n');

const list = (items: string[]): string =>
  `apiVersion: v1\nkind: List\nitems:\n${items.map((item) => `- ${item.trimEnd().replaceAll('\n', '\n  ')}`).join('\n')}\n`;

/** A file of one to four documents, as people write them. */
function base(p: Picker): string {
  const documents = [slice('web-abc'), endpoints('web'), service, slice('web-def', 'fd00::5')];
  const count = 1 + p.int(4);
  const chosen = Array.from({ length: count }, () => p.pick(documents));
  if (p.chance(0.15)) return list(chosen.filter((d) => !d.startsWith('#')));
  return chosen.join(p.pick(['---\n', '\n---\n', '--- # next\n', '...\n---\n']));
}

const tokens = [
  ...['{{', '}}', '&a ', '*a', '<<: *a', '---', '...', '- ', '\t', ': ', '[', ']', '{', '}', '"', "'", '#'],
  ...['!!binary ', '!!int ', '!x ', '? ', '|', '>-', '|2+', '0x', '0o17', '1:20', '.inf', '1e400', '65536'],
  ...['::ffff:1.2.3.4', '010.1.1.1', 'IPv6', 'FQDN', 'yes', '~', '%YAML 1.1\n', 'kind: List\nitems:\n'],
];

function mutateLines(p: Picker, text: string, rounds: number): string {
  let lines = text.split('\n');
  for (let n = 0; n < rounds; n++) {
    const k = p.int(lines.length);
    const line = lines[k] ?? '';
    const at = p.int(line.length + 1);
    const op = p.int(7);
    if (op === 0) lines.splice(k, 1);
    else if (op === 1) lines.splice(k, 0, line);
    else if (op === 2) {
      const j = p.int(lines.length);
      lines = lines.map((l, i) => (i === k ? (lines[j] ?? '') : i === j ? line : l));
    } else if (op === 3) lines[k] = line.slice(0, at) + p.pick(tokens) + line.slice(at);
    else if (op === 4) {
      lines[k] = p.chance(0.5) ? line.replace(/^ {1,2}/, '') : `${' '.repeat(1 + p.int(3))}${line}`;
    } else if (op === 5) lines[k] = line.slice(0, at) + line.slice(at + 1 + p.int(4));
    else lines.splice(k, 0, ...lines.slice(p.int(lines.length)).slice(0, p.int(5)));
  }
  return lines.join('\n');
}

const unicode = [
  '\u0085',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\u00a0',
  '\u3000',
  '\u200b',
  '\ud800',
  '\udc00',
  '\ud83d\ude00',
  '\u0301',
  '\r',
  '\v',
  '\x7f',
  '\u0000',
];

function insertAt(p: Picker, text: string, piece: string): string {
  const at = p.int(text.length + 1);
  return text.slice(0, at) + piece + text.slice(at);
}

function unicodeBreaks(p: Picker): string {
  let text = base(p);
  if (p.chance(0.3)) text = `\ufeff${text}`;
  for (let n = 1 + p.int(6); n > 0; n--) {
    const piece = p.pick(unicode);
    // Half at line ends, where a pasted separator usually sits; half anywhere.
    if (p.chance(0.5)) {
      const lineEnds = [...text.matchAll(/\n/g)].map((m) => m.index);
      const at = lineEnds.length > 0 ? p.pick(lineEnds) : 0;
      text = text.slice(0, at) + piece + text.slice(p.chance(0.5) ? at : at + 1);
    } else text = insertAt(p, text, piece);
  }
  if (p.chance(0.3)) text = text.replace('---', `---${p.pick(unicode)}`);
  return text;
}

function nesting(p: Picker, scale: number): string {
  const depth = 20 + p.int(400 * scale);
  const shape = p.int(5);
  let nested: string;
  if (shape === 0) nested = Array.from({ length: depth }, (_, i) => `${'  '.repeat(i + 2)}a${i}:`).join('\n');
  else if (shape === 1) nested = `    ${'- '.repeat(depth)}x`;
  else if (shape === 2) {
    nested = `    x: ${'['.repeat(depth)}1${']'.repeat(p.chance(0.8) ? depth : p.int(depth))}`;
  } else if (shape === 3) {
    nested = `    x: ${'{a: '.repeat(depth)}1${'}'.repeat(p.chance(0.8) ? depth : p.int(depth))}`;
  } else nested = `    x: ${'{a: ['.repeat(depth)}${']}'.repeat(depth)}`;
  const where = p.pick(['  labels:\n', '  annotations:\n']);
  return slice('deep').replace(where, `${where}${nested}\n`);
}

function huge(p: Picker, scale: number): string {
  const size = 1000 + p.int(100_000 * scale);
  const shape = p.int(5);
  if (shape === 0) return slice('x'.repeat(size));
  if (shape === 1) return slice('web', `10.${'1'.repeat(size)}`);
  if (shape === 2) {
    const items = Array.from(
      { length: Math.ceil(size / 40) },
      (_, i) => `  - addresses: ["10.${(i >> 8) & 255}.${i & 255}.1"]`,
    );
    return slice('many').replace('  - addresses: ["10.1.2.3"]', items.join('\n'));
  }
  if (shape === 3) {
    return Array.from({ length: Math.ceil(size / 400) }, (_, i) => slice(`doc-${i}`)).join('---\n');
  }
  return slice('long').replace('"plain text"', `"${'é'.repeat(size)}"`);
}

function anchors(p: Picker, scale: number): string {
  const shape = p.int(6);
  if (shape === 0) {
    // A bounded "billion laughs": each level aliases the previous one several times.
    const levels = 3 + p.int(5 + scale);
    const lines = ['    l0: &l0 [a, b, c]'];
    for (let i = 1; i < levels; i++) {
      lines.push(`    l${i}: &l${i} [${Array.from({ length: 9 }, () => `*l${i - 1}`).join(', ')}]`);
    }
    return slice('laughs').replace('  annotations:\n', `  annotations:\n${lines.join('\n')}\n`);
  }
  if (shape === 1) return slice('loop').replace('metadata:\n', 'metadata: &m\n  <<: *m\n');
  if (shape === 2) return slice('undefined').replace('port: 80', `port: *${p.pick(['nope', 'a', '"x"'])}`);
  if (shape === 3) {
    const chain = Array.from(
      { length: 2 + p.int(50 * scale) },
      (_, i) => `m${i}: &m${i}\n  <<: ${i > 0 ? `*m${i - 1}` : '{port: 80}'}\n  k${i}: ${i}`,
    );
    return `${chain.join('\n')}\n---\n${slice('merge').replace('    port: 80', `    <<: *m0\n    port: 81`)}`;
  }
  if (shape === 4) {
    return slice('merge-list').replace(
      '  - name: http\n',
      '  - &p {name: http}\n  - <<: [*p, {port: 1}]\n    name: h2\n',
    );
  }
  return mutateLines(
    p,
    slice('anchored').replace('ports:\n', 'ports: &ports\n') +
      `---\n${slice('b').replace('ports:\n  - name: http\n    port: 80\n    protocol: TCP\n', 'ports: *ports\n')}`,
    2,
  );
}

const tags = [
  '{{ .Values.x }}',
  '{{- if .Values.on }}',
  '{{- else }}',
  '{{- end }}',
  '{{ include "x" . | nindent 4 }}',
  '{{- range .Values.list }}',
  '{{/* c */}}',
  '{%- if x %}',
  '{% endif %}',
  '{{ toYaml .Values.labels | indent 4 }}',
];

function templates(p: Picker, scale: number): string {
  let text = base(p);
  const lines = text.split('\n');
  for (let n = 1 + p.int(8); n > 0; n--) {
    const k = p.int(lines.length);
    const tag = p.pick(tags);
    lines.splice(k, 0, p.chance(0.5) ? tag : `${lines[k] ?? ''} ${tag}`);
  }
  text = lines.join('\n');
  if (p.chance(0.2)) text += `\n${'{{ .x }}'.repeat(100 * scale * (1 + p.int(20)))}\n`;
  if (p.chance(0.2)) text += `\n${'{{- if .a }}\nx: 1\n{{- end }}\n'.repeat(10 * scale * (1 + p.int(20)))}`;
  return text;
}

function json(p: Picker, scale: number): string {
  const object = (name: string): string =>
    JSON.stringify({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name, labels: { 'kubernetes.io/service-name': 'web' } },
      addressType: p.pick(['IPv4', 'IPv6', 'ipv4']),
      endpoints: [{ addresses: [p.pick(['10.1.2.3', 'fd00::1', '1.2.3.999'])] }],
    });
  const values = Array.from({ length: 1 + p.int(4) }, (_, i) => object(`j${i}`));
  let text = values.join(p.pick(['\n', '', ' ', '\r\n']));
  const shape = p.int(6);
  if (shape === 0) text += p.pick(['}', ']', ',', 'x', '{', '\u0000']);
  else if (shape === 1) {
    text = insertAt(p, text, p.pick(['}', '"', ',', ':', '\\u12', '\\ud800', '1e400', '\u2028']));
  } else if (shape === 2) {
    text = text.replace(
      '"addresses":[',
      `"x":${'['.repeat(50 + p.int(500 * scale))}${']'.repeat(50)},"addresses":[`,
    );
  } else if (shape === 3) text = `\ufeff${text}`;
  else if (shape === 4) text = text.replace('"j0"', `"${'\\u00e9'.repeat(1 + p.int(1000 * scale))}"`);
  return text;
}

function lineEnds(p: Picker): string {
  const breaks = ['\n', '\r\n', '\r', '\u0085', '\u2028', '\u2029'];
  const styles = p.chance(0.5) ? breaks.slice(0, 3) : breaks;
  return base(p)
    .split('\n')
    .map((line) => line + (p.chance(0.7) ? '\n' : p.pick(styles)))
    .join('');
}

/** The n-th input of a category for a seed: independent of the other inputs, so any one replays alone. */
export function hostileInput(category: HostileCategory, n: number, seed: number, scale = 1): HostileInput {
  const p = picker(
    random((seed * 7919 + n * 104_729 + hostileCategories.indexOf(category) * 15_485_863) >>> 0),
  );
  const make: Record<HostileCategory, () => string> = {
    structure: () => mutateLines(p, base(p), 1 + p.int(6)),
    unicode: () => unicodeBreaks(p),
    nesting: () => nesting(p, scale),
    huge: () => huge(p, scale),
    anchors: () => anchors(p, scale),
    templates: () => templates(p, scale),
    json: () => json(p, scale),
    lineEnds: () => lineEnds(p),
  };
  return { category, name: `${category}#${n}/${seed}`, text: make[category]() };
}
