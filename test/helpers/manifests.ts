/** Small manifests shared by the server and CLI tests. */

/** A slice the apiserver accepts without warnings, labelled so no advisory fires. */
export function slice(addresses: readonly string[] = ['10.1.2.3'], name = 'web-abc'): string {
  return [
    'apiVersion: discovery.k8s.io/v1',
    'kind: EndpointSlice',
    'metadata:',
    `  name: ${name}`,
    '  labels:',
    '    kubernetes.io/service-name: web',
    'addressType: IPv4',
    'endpoints:',
    `  - addresses: [${addresses.map((a) => JSON.stringify(a)).join(', ')}]`,
    'ports:',
    '  - name: http',
    '    port: 80',
    '    protocol: TCP',
    '',
  ].join('\n');
}

/** An IPv4 address with a leading zero: a warning before 1.36, an error from 1.36 on. */
export const leadingZeroAddress = '010.1.2.3';

export const deployment = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: web',
  'spec:',
  '  replicas: 1',
  '',
].join('\n');
