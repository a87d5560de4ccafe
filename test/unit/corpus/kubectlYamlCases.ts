import type { CorpusCase } from './model';
import { accepted, decodeError, invalid, rejected, same } from './model';

/**
 * How kubectl's YAML reader (go-yaml v2 under sigs.k8s.io/yaml) reads scalars and line ends,
 * settled with apimachinery's decoder: what reaches the apiserver decides the verdict.
 */

const head = (name: string, eol = '\n'): string =>
  [
    'apiVersion: discovery.k8s.io/v1',
    'kind: EndpointSlice',
    'metadata:',
    `  name: ${name}`,
    'addressType: IPv4',
    '',
  ].join(eol);

export const kubectlYamlCases: readonly CorpusCase[] = [
  {
    id: 'YAML-01',
    description: 'port: 0o17 is the number 15 for kubectl (Go integer syntax)',
    manifest: `${head('yaml-octal')}endpoints:\n  - addresses: ["10.1.2.3"]\nports:\n  - name: a\n    port: 0o17\n`,
    expected: same(accepted()),
  },
  {
    id: 'YAML-02',
    description: 'port: 1:20 stays the string "1:20" (go-yaml v2 has no base-60 numbers)',
    manifest: `${head('yaml-base60')}endpoints:\n  - addresses: ["10.1.2.3"]\nports:\n  - name: a\n    port: 1:20\n`,
    expected: same(
      decodeError('json: cannot unmarshal string into Go struct field EndpointPort.ports.port of type int32'),
    ),
  },
  {
    id: 'YAML-03',
    description: 'a !!binary name is decoded from base64 by kubectl',
    manifest: `${head('!!binary eWFtbC1iaW5hcnk=')}endpoints:\n  - addresses: ["10.1.2.3"]\n`,
    expected: same(accepted()),
  },
  {
    id: 'YAML-04',
    description: 'lone CR line ends are line breaks for kubectl',
    manifest: `${head('yaml-lone-cr', '\r')}endpoints:\r  - addresses: ["10.1.2.3"]\r`,
    expected: same(accepted()),
  },
  {
    id: 'YAML-05',
    description: 'a LINE SEPARATOR (U+2028) is a line break to kubectl: it separates two keys',
    manifest: `${head('yaml-ls-keys')}endpoints:\n  - addresses: ["10.1.2.3"]\u2028    conditions:\n      ready: true\n`,
    expected: same(accepted()),
  },
  {
    id: 'YAML-06',
    description: 'a LINE SEPARATOR in a quoted label value stays in the value (not folded to a space)',
    manifest: `${head('yaml-ls-quoted').replace('metadata:\n', 'metadata:\n  labels:\n    a: "x\u2028y"\n')}endpoints: []\n`,
    expected: same(rejected([invalid('metadata.labels')])),
  },
  {
    id: 'YAML-07',
    description: 'a PARAGRAPH SEPARATOR (U+2029) in a quoted annotation, the next text not indented',
    manifest: `${head('yaml-ps-annotation').replace('metadata:\n', 'metadata:\n  annotations:\n    note: "first\u2029second"\n')}endpoints: []\n`,
    expected: same(accepted()),
  },
  {
    id: 'YAML-08',
    description: 'a LINE SEPARATOR in a literal block, the next line indented: kept in the value',
    manifest: `${head('yaml-ls-literal').replace('metadata:\n', 'metadata:\n  annotations:\n    note: |\n      first\u2028      second\n')}endpoints: []\n`,
    expected: same(accepted()),
  },
];
