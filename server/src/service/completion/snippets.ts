import { migrationManagedBy } from '../k8s/labelFacts';
import { labelManagedBy, labelServiceName } from '../k8s/wellKnown';
import type { CompletionItem } from '../languageTypes';
import { snippetText } from '../yamlText/scalars';
import type { CursorContext } from './context';

/**
 * Whole-document snippets, offered in an empty document. Filled in with their defaults, each
 * is a manifest the apiserver accepts (a unit test validates them).
 */
export interface DocumentSnippet {
  label: string;
  detail: string;
  body: (service: string) => string[];
}

const slice = (family: 'IPv4' | 'IPv6', service: string, address: string, portStop: number): string[] => [
  'apiVersion: discovery.k8s.io/v1',
  'kind: EndpointSlice',
  'metadata:',
  `  name: \${1:${service}}-${family.toLowerCase()}`,
  '  labels:',
  `    ${labelServiceName}: \${1:${service}}`,
  `    ${labelManagedBy}: ${migrationManagedBy}`,
  `addressType: ${family}`,
  'endpoints:',
  '  - addresses:',
  `      - \${2:${address}}`,
  '    conditions:',
  '      ready: true',
  'ports:',
  `  - name: \${${portStop}:http}`,
  `    port: \${${portStop + 1}:8080}`,
  '    protocol: TCP',
];

export const documentSnippets: readonly DocumentSnippet[] = [
  {
    label: 'EndpointSlice (IPv4)',
    detail: 'discovery.k8s.io/v1 EndpointSlice for a Service',
    body: (service) => slice('IPv4', service, '10.0.0.1', 3),
  },
  {
    label: 'EndpointSlice (IPv6)',
    detail: 'discovery.k8s.io/v1 EndpointSlice for a Service',
    body: (service) => slice('IPv6', service, '2001:db8::1', 3),
  },
  {
    label: 'Endpoints',
    detail: 'v1 Endpoints (deprecated since 1.33)',
    body: (service) => [
      'apiVersion: v1',
      'kind: Endpoints',
      'metadata:',
      `  name: \${1:${service}}`,
      'subsets:',
      '  - addresses:',
      '      - ip: ${2:10.0.0.1}',
      '    ports:',
      '      - name: ${3:http}',
      '        port: ${4:8080}',
      '        protocol: TCP',
    ],
  },
  {
    label: 'Service without selector + EndpointSlice',
    detail: 'a selectorless Service and the slice that gives it endpoints',
    body: (service) => [
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      `  name: \${1:${service}}`,
      'spec:',
      '  ports:',
      '    - name: ${3:http}',
      '      protocol: TCP',
      '      port: 80',
      '      targetPort: ${4:8080}',
      '---',
      ...slice('IPv4', service, '10.0.0.1', 3),
    ],
  },
];

/** The snippets as completion items at the start of an empty document. */
export function snippetCompletions(ctx: CursorContext, service: string | undefined): CompletionItem[] {
  return documentSnippets.map((snippet, i) => ({
    label: snippet.label,
    kind: 'snippet',
    detail: snippet.detail,
    documentation: '```yaml\n' + snippet.body(service ?? 'my-service').join('\n') + '\n```',
    insertText: snippet.body(snippetText(service ?? 'my-service')).join('\n'),
    snippet: true,
    range: ctx.range,
    filterText: `${snippet.label} endpointslice endpoints`,
    sortText: `0${i}`,
  }));
}
