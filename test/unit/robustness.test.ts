import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageService, defaultSettings } from '../../server/src/service';

const slice = (i: number): string => `apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: web-${i}
  labels: {kubernetes.io/service-name: web}
addressType: IPv4
endpoints:
  - addresses: ["10.0.${Math.floor(i / 250)}.${(i % 250) + 1}"]
ports:
  - {name: http, port: 80}
`;

describe('bad input never crashes the service', () => {
  it('survives binary garbage', () => {
    const service = createLanguageService();
    let garbage = '';
    let seed = 7;
    for (let i = 0; i < 200_000; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      garbage += String.fromCharCode(seed % 256);
    }
    const report = service.validate(garbage, defaultSettings);
    assert.ok(Array.isArray(report.diagnostics));
  });

  it('bounds alias expansion (billion laughs) and still answers', () => {
    const levels = [
      'a: &a ["10.1.2.3","10.1.2.3","10.1.2.3","10.1.2.3","10.1.2.3","10.1.2.3","10.1.2.3","10.1.2.3","10.1.2.3"]',
    ];
    const names = 'abcdefghij';
    for (let i = 1; i < names.length; i++) {
      const prev = `*${names[i - 1]}`;
      levels.push(`${names[i]}: &${names[i]} [${Array(9).fill(prev).join(',')}]`);
    }
    const text = `apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: bomb, labels: {kubernetes.io/service-name: s}}
x-anchors:
${levels.map((l) => `  ${l}`).join('\n')}
addressType: IPv4
endpoints: [{addresses: *j}]
`;
    const started = Date.now();
    const report = createLanguageService().validate(text, defaultSettings);
    assert.ok(Date.now() - started < 5000, 'alias expansion must be bounded');
    assert.ok(report.diagnostics.some((d) => d.severity === 'error'));
  });

  it('validates a 10 MB file of 500+ documents and reports per document', () => {
    const docs: string[] = [];
    for (let i = 0; docs.join('---\n').length < 10_000_000; i++) {
      docs.push(slice(i) + `# ${'x'.repeat(20_000)}\n`);
    }
    const service = createLanguageService();
    const report = service.validate(docs.join('---\n'), defaultSettings);
    assert.equal(report.documents.length, docs.length);
    assert.equal(report.diagnostics.filter((d) => d.severity === 'error').length, 0);
  });

  it('tolerates deep nesting and very long lines', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const text = `apiVersion: v1\nkind: Endpoints\nmetadata: {name: x}\nsubsets: ${deep}\nfoo: "${'y'.repeat(1_000_000)}"\n`;
    const report = createLanguageService().validate(text, defaultSettings);
    assert.ok(report.diagnostics.length > 0);
  });
});

describe('incremental validation', () => {
  it('revalidates only the edited document of a 500-document file', () => {
    const docs = Array.from({ length: 500 }, (_, i) => slice(i));
    const service = createLanguageService();
    service.validate(docs.join('---\n'), defaultSettings);
    assert.deepEqual(service.cacheStats(), { hits: 0, misses: 500 });
    docs[250] = (docs[250] ?? '').replace('port: 80', 'port: "80"');
    const report = service.validate(docs.join('---\n'), defaultSettings);
    assert.deepEqual(service.cacheStats(), { hits: 499, misses: 501 });
    const errors = report.diagnostics.filter((d) => d.severity === 'error');
    assert.equal(errors.length, 1);
    const firstLineOfDoc250 = `${docs.slice(0, 250).join('---\n')}---\n`.split('\n').length - 1;
    assert.equal(errors[0]?.range.start.line, firstLineOfDoc250 + 9);
  });

  it('keeps results per settings: switching versions back is a cache hit', () => {
    const service = createLanguageService();
    const text = slice(1);
    service.validate(text, defaultSettings);
    service.validate(text, { ...defaultSettings, kubernetesVersion: '1.35' });
    service.validate(text, defaultSettings);
    assert.deepEqual(service.cacheStats(), { hits: 1, misses: 2 });
  });
});
