import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { createLanguageService, defaultSettings } from '../../../server/src/service';
import { parseChunk } from '../../../server/src/service/yaml/yamlDocument';
import { migrationCases } from '../../helpers/migrationCases';

const service = createLanguageService();
const options = { maxEndpointsPerSlice: 100, skipMirror: false };

interface Slice {
  metadata: {
    name: string;
    namespace?: string;
    labels: Record<string, string>;
    annotations?: Record<string, string>;
  };
  addressType: string;
  endpoints: {
    addresses: string[];
    conditions: { ready: boolean };
    hostname?: string;
    nodeName?: string;
    targetRef?: object;
  }[];
  ports: { name?: string; port: number; protocol: string; appProtocol?: string }[];
}

function convert(
  text: string,
  skipMirror = false,
  size = 100,
): { slices: Slice[]; text: string; notes: string[] } {
  const result = service.convertEndpointsToSlices(text, { maxEndpointsPerSlice: size, skipMirror });
  const docs = parseAllDocuments(result.text).map((d) => d.toJS() as Slice & { kind: string });
  return { slices: docs.filter((d) => d.kind === 'EndpointSlice'), text: result.text, notes: result.notes };
}

const caseText = (name: string): string => {
  const found = migrationCases().find((c) => c.name === name);
  assert.ok(found, name);
  return found.text;
};

describe('Endpoints to EndpointSlices', () => {
  it('writes slices our validator accepts without errors, warnings or advice, for every case', () => {
    for (const { name, text } of migrationCases()) {
      const result = service.convertEndpointsToSlices(text, options);
      assert.ok(result.converted > 0, name);
      const diagnostics = service.validate(result.text, defaultSettings).diagnostics;
      assert.deepEqual(
        diagnostics.map((d) => `${d.code}: ${d.message}`),
        [],
        name,
      );
    }
  });

  it('turns notReadyAddresses into ready: false and keeps the ports', () => {
    const [slice] = convert(caseText('basic.yaml')).slices;
    assert.deepEqual(
      slice?.endpoints.map((e) => [e.addresses[0], e.conditions.ready]),
      [
        ['10.1.0.1', true],
        ['10.1.0.2', true],
        ['10.1.0.3', false],
      ],
    );
    assert.deepEqual(slice?.ports, [
      { name: 'http', port: 8080, protocol: 'TCP' },
      { name: 'metrics', port: 9090, protocol: 'TCP' },
    ]);
    assert.deepEqual(slice?.metadata.labels, {
      'kubernetes.io/service-name': 'mig-basic',
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-migration',
    });
  });

  it('writes one slice per family, addresses canonical and deduplicated', () => {
    const slices = convert(caseText('dual-stack.yaml')).slices;
    assert.deepEqual(
      slices.map((s) => [s.metadata.name, s.addressType, s.endpoints.map((e) => e.addresses[0])]),
      [
        ['mig-dual-ipv4', 'IPv4', ['10.2.0.1']],
        ['mig-dual-ipv6', 'IPv6', ['2001:db8::1', '2001:db8::2']],
      ],
    );
  });

  it('merges subsets with the same ports and separates the others', () => {
    const slices = convert(caseText('subsets.yaml')).slices;
    assert.deepEqual(
      slices.map((s) => [s.metadata.name, s.endpoints.length, s.ports.map((p) => p.name)]),
      [
        ['mig-subsets-ipv4', 2, ['http']],
        ['mig-subsets-ipv4-2', 2, ['dns', 'dns-tcp']],
      ],
    );
  });

  it('carries labels, annotations and endpoint details over, dropping what described the old object', () => {
    const [slice] = convert(caseText('metadata.yaml')).slices;
    assert.equal(slice?.metadata.namespace, 'default');
    assert.deepEqual(slice?.metadata.annotations, { 'example.com/owner': 'platform' });
    assert.equal(slice?.metadata.labels['team'], 'on');
    assert.equal(slice?.metadata.labels['endpointslice.kubernetes.io/skip-mirror'], undefined);
    assert.deepEqual(Object.keys(slice?.endpoints[0] ?? {}), [
      'addresses',
      'conditions',
      'hostname',
      'nodeName',
      'targetRef',
    ]);
    assert.deepEqual(slice?.ports, [{ port: 8443, protocol: 'TCP', appProtocol: 'kubernetes.io/h2c' }]);
  });

  it('chunks at the configured size', () => {
    const sizes = (size: number): number[] =>
      convert(caseText('generated: 250 addresses'), false, size).slices.map((s) => s.endpoints.length);
    assert.deepEqual(sizes(100), [100, 100, 50]);
    assert.deepEqual(sizes(250), [250]);
  });

  it('names slices after the Service, and refuses names no Service can have', () => {
    const names = convert(caseText('generated: 63-character name')).slices.map((s) => s.metadata.name);
    assert.deepEqual(
      names.map((n) => n.slice(-5)),
      ['-ipv4', '-ipv6'],
    );
    const long = `apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: ${'a'.repeat(64)}\nsubsets:\n  - addresses: [{ip: 10.0.0.1}]\n`;
    const result = service.convertEndpointsToSlices(long, options);
    assert.equal(result.converted, 0);
    assert.match(result.notes[0] ?? '', /longer than 63 characters/);
  });

  it('with skipMirror, keeps the Endpoints labelled skip-mirror and adds the slices after it', () => {
    const { text } = convert(caseText('basic.yaml'), true);
    const docs = parseAllDocuments(text).map(
      (d) => d.toJS() as { kind: string; metadata: { labels?: Record<string, string> } },
    );
    assert.deepEqual(
      docs.map((d) => d.kind),
      ['Endpoints', 'EndpointSlice'],
    );
    assert.equal(docs[0]?.metadata.labels?.['endpointslice.kubernetes.io/skip-mirror'], 'true');
    assert.ok(text.startsWith('# Ready and not-ready'));
  });

  it('leaves other documents and comments alone', () => {
    const { text } = convert(caseText('with-others.yaml'));
    const kinds = parseAllDocuments(text).map((d) => (d.toJS() as { kind: string }).kind);
    assert.deepEqual(kinds, ['Service', 'EndpointSlice', 'Deployment']);
    assert.ok(text.startsWith('# A Service, its Endpoints'));
  });

  it('skips what it cannot convert and says why', () => {
    const result = service.convertEndpointsToSlices(
      'apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: x\nsubsets:\n  - addresses: [{ip: nope}]\n',
      options,
    );
    assert.equal(result.converted, 0);
    assert.deepEqual(result.notes, [
      'x: left out "nope": not an IP address',
      'x: nothing to convert (no addresses)',
    ]);
  });
});

describe('conversion output as kubectl reads it', () => {
  it('quotes port names go-yaml v2 would read as numbers (0o17, 1e3, +12, 0x1f)', () => {
    const names = ['0o17', '1e3', '+12', '0x1f', 'yes', '1_0'];
    const ports = names.map((name, i) => `      - name: "${name}"\n        port: ${80 + i}\n`).join('');
    const text = `apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: web\nsubsets:\n  - addresses:\n      - ip: 10.0.0.1\n    ports:\n${ports}`;
    for (const skipMirror of [false, true]) {
      const converted = service.convertEndpointsToSlices(text, { ...options, skipMirror }).text;
      const slices = converted.split(/^---$/m).filter((doc) => doc.includes('kind: EndpointSlice'));
      assert.equal(slices.length, 1);
      // parseChunk reads YAML as kubectl's go-yaml v2 does (checked against apimachinery's decoder).
      const slice = parseChunk(slices[0] ?? '').doc.toJS() as Slice;
      assert.deepEqual(
        slice.ports.map((p) => p.name),
        names,
      );
    }
  });
});
