import { WorkspaceIndex } from '../../server/src/service';

/** A selectorless Service `web` (ports http 80→8080, metrics 9090) and its namespace-less twin files. */
export const webService = [
  'apiVersion: v1',
  'kind: Service',
  'metadata:',
  '  name: web',
  'spec:',
  '  ports:',
  '    - name: http',
  '      port: 80',
  '      targetPort: 8080',
  '    - name: metrics',
  '      port: 9090',
  '',
].join('\n');

/** A Service the controllers manage (it has a selector). */
export const selectedService = [
  'apiVersion: v1',
  'kind: Service',
  'metadata:',
  '  name: api',
  'spec:',
  '  selector:',
  '    app: api',
  '  ports:',
  '    - name: grpc',
  '      port: 50051',
  '',
].join('\n');

/** A dual-stack selectorless Service. */
export const dualStackService = [
  'apiVersion: v1',
  'kind: Service',
  'metadata:',
  '  name: dual',
  'spec:',
  '  ipFamilyPolicy: RequireDualStack',
  '  ipFamilies: [IPv4, IPv6]',
  '  ports:',
  '    - name: http',
  '      port: 80',
  '',
].join('\n');

export function workspaceWith(files: Record<string, string>): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const [name, text] of Object.entries(files)) index.update(`file:///ws/${name}`, text);
  return index;
}
