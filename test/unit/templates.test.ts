import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { createLanguageService, defaultSettings } from '../../server/src/service';
import type { EndpointDiagnostic } from '../../server/src/service';
import { placeholderMark } from '../../server/src/service/decode/placeholder';
import { templateModel } from '../../server/src/service/templates/templateModel';
import { scanTemplateTags } from '../../server/src/service/templates/templateScan';

/** Template handling: tags found, text masked without moving a character, findings filtered. */

const service = createLanguageService();
const codes = (text: string, advisories = false): string[] =>
  service.validate(text, { ...defaultSettings, advisories }).diagnostics.map((d) => d.code);
const findings = (text: string): EndpointDiagnostic[] =>
  service.validate(text, { ...defaultSettings, advisories: false }).diagnostics;

const head = `apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: {{ .Release.Name }}
  labels:
    kubernetes.io/service-name: {{ .Release.Name }}
`;

describe('scanTemplateTags', () => {
  it('finds Go and Jinja tags with their roles', () => {
    const text =
      '{{- if .x }}{{ .y | nindent 4 }}{{/* c */}}{{ $a := 1 }}{{ else }}{{ end }}{% for i in l %}{% endfor %}{# c #}{{ include "a" . | indent 2 }}';
    const roles = scanTemplateTags(text).map((t) => t.role);
    assert.deepEqual(roles, [
      'open',
      'output',
      'silent',
      'silent',
      'middle',
      'close',
      'open',
      'close',
      'silent',
      'output',
    ]);
    const indents = scanTemplateTags(text)
      .filter((t) => t.indent)
      .map((t) => t.indent);
    assert.deepEqual(indents, [
      { by: 4, newline: true },
      { by: 2, newline: false },
    ]);
  });

  it('spans lines and leaves an unclosed brace alone', () => {
    assert.equal(scanTemplateTags('a: {{ include "x"\n  (dict "k" 1) }}\n').length, 1);
    assert.deepEqual(scanTemplateTags('regex: "^a{{2,3}$"\nb: c\n'), []);
    assert.deepEqual(scanTemplateTags('plain: yaml\n'), []);
  });

  it('stays fast on many opening braces without a close', () => {
    const text = 'x: "{{"\n'.repeat(50_000);
    const started = Date.now();
    scanTemplateTags(text);
    assert.ok(Date.now() - started < 2000);
  });
});

describe('templateModel', () => {
  const text = `${head}{{- if .Values.v6 }}
addressType: IPv6
{{- else }}
addressType: IPv4
{{- end }}
endpoints:
  {{- range .Values.ips }}
  - addresses: [{{ . | quote }}]
  {{- end }}
`;

  it('keeps every character in place in every variant', () => {
    const model = templateModel(text);
    assert.ok(model);
    assert.equal(model.variantCount, 2);
    for (let k = 0; k < model.variantCount; k++) {
      const masked: string = model.variant(k).text;
      assert.equal(masked.length, text.length);
      assert.deepEqual(
        [...masked].map((c, i) => (c === '\n') === (text[i] === '\n')),
        [...text].map(() => true),
      );
    }
  });

  it('takes one branch per variant and masks values with unique placeholders', () => {
    const model = templateModel(text);
    assert.ok(model);
    const [first, second] = [model.variant(0).text, model.variant(1).text];
    assert.match(first, /addressType: IPv6/);
    assert.doesNotMatch(first, /addressType: IPv4/);
    assert.match(second, /addressType: IPv4/);
    const placeholders = first.match(new RegExp(`${placeholderMark}[0-9a-z]+`, 'g')) ?? [];
    assert.equal(new Set(placeholders).size, placeholders.length);
  });

  it('is undefined for a document without tags', () => {
    assert.equal(templateModel('kind: EndpointSlice\n'), undefined);
  });
});

describe('templated documents', () => {
  it('checks literal values and ignores templated ones', () => {
    const text = `${head}addressType: ipv4
endpoints:
  - addresses: ["{{ .Values.ip }}"]
ports:
  - name: {{ .Values.name }}
    port: {{ .Values.port }}
    protocol: {{ .Values.protocol }}
`;
    assert.deepEqual(codes(text), ['address-type-unsupported']);
  });

  it('does not call a value missing when a template prints it', () => {
    const text = `apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  {{- include "meta" . | nindent 2 }}
addressType: IPv4
endpoints:
  - conditions:
      ready: true
    {{- include "addresses" . | nindent 4 }}
`;
    assert.deepEqual(codes(text, true), []);
  });

  it('still reports what is missing where no template could add it', () => {
    const text = `${head}endpoints:
  - addresses: []
    nodeName: {{ .Values.node }}
`;
    assert.deepEqual(codes(text), ['address-type-required', 'addresses-required']);
  });

  it('never reports two placeholders as duplicates', () => {
    const text = `${head}addressType: IPv4
ports:
  - name: {{ .Values.a }}
    port: 80
  - name: {{ .Values.b }}
    port: 81
`;
    assert.deepEqual(codes(text), []);
  });

  it('treats a key printed by a template as unknown, not as an unknown field', () => {
    const text = `${head}addressType: IPv4
{{ .Values.extraKey }}: value
`;
    assert.deepEqual(codes(text), []);
  });

  it('reports a tab outside the template, but no syntax noise from the template', () => {
    const tab = `${head}addressType: IPv4\nendpoints:\n\t- addresses: ["10.0.0.1"]\n`;
    assert.deepEqual(codes(tab), ['yaml-syntax']);
    const noisy = `${head}addressType: {{ if .x }}IPv4{{ else }}IPv6{{ end }}
endpoints: {{ toYaml .Values.endpoints | nindent 2 }}
ports: [{{ range .Values.ports }}{name: {{ .name }}, port: {{ .port }}},{{ end }}]
`;
    assert.deepEqual(codes(noisy), []);
  });

  it('keeps literal diagnostics at their exact columns', () => {
    const text = `${head}addressType: IPv4
endpoints:
  - addresses: ["{{ .Values.ip }}", "10.0.0.256"]
`;
    const [d] = findings(text);
    assert.equal(d?.code, 'ip-invalid');
    const line = text.split('\n')[d?.range.start.line ?? 0] ?? '';
    assert.equal(line.slice(d?.range.start.character, d?.range.end.character), '"10.0.0.256"');
  });

  it('checks each branch of an else chain once, without mixing them', () => {
    const text = `${head}{{- if .Values.v6 }}
addressType: IPv6
endpoints:
  - addresses: ["2001:db8::1"]
{{- else }}
addressType: IPv4
endpoints:
  - addresses: ["10.0.0.1", "10.0.0.01"]
{{- end }}
`;
    assert.deepEqual(codes(text), ['ip-leading-zeros']);
  });

  it('checks a templated apiVersion as the served one when the kind is literal', () => {
    const text = head.replace('discovery.k8s.io/v1', '{{ include "apiVersion" . }}') + 'addressType: bogus\n';
    assert.deepEqual(codes(text), ['address-type-unsupported']);
  });

  it('leaves a document with a templated kind alone', () => {
    assert.deepEqual(codes('apiVersion: v1\nkind: {{ .Values.kind }}\nmetadata: {name: Bad_Name}\n'), []);
  });

  it('handles Jinja statements and comments', () => {
    const text = `${head}addressType: IPv4
endpoints:
{% for ip in ips %}
  - addresses: ["{{ ip }}"]
{% endfor %}
{# a comment #}
  - addresses: ["10.0.0.1"]
    hostname: Bad_Host
`;
    assert.deepEqual(codes(text), ['hostname-invalid']);
  });
});
