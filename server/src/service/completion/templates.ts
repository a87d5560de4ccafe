import type { ObjectSpec } from '../k8s/schemaTypes';
import { labelServiceName } from '../k8s/wellKnown';
import { snippetChoice } from '../yamlText/scalars';

/**
 * Bodies of the objects completion inserts, as snippet lines relative to the object's first
 * column: nested lines carry their own indentation in units of `u`. Objects without a template
 * get their required fields.
 */
export interface TemplateEnv {
  /** One level of indentation. */
  u: string;
  /** The slice's addressType, for example addresses of the right family. */
  addressType: string | undefined;
  /** The Service this document belongs to, when known. */
  serviceName: string | undefined;
}

const exampleAddress = (env: TemplateEnv): string =>
  env.addressType === 'IPv6' ? '2001:db8::1' : '10.0.0.1';
const bool = (tabStop: number): string => snippetChoice(tabStop, ['true', 'false']);

const templates: Record<string, (env: TemplateEnv) => string[]> = {
  Endpoint: (env) => [
    'addresses:',
    `${env.u}- \${1:${exampleAddress(env)}}`,
    'conditions:',
    `${env.u}ready: ${bool(2)}`,
  ],
  EndpointPort: () => [
    'name: ${1:http}',
    'port: ${2:80}',
    `protocol: ${snippetChoice(3, ['TCP', 'UDP', 'SCTP'])}`,
  ],
  EndpointSubset: (env) => [
    'addresses:',
    `${env.u}- ip: \${1:${exampleAddress(env)}}`,
    'ports:',
    `${env.u}- name: \${2:http}`,
    `${env.u}  port: \${3:80}`,
    `${env.u}  protocol: TCP`,
  ],
  EndpointAddress: (env) => [`ip: \${1:${exampleAddress(env)}}`],
  EndpointConditions: () => [`ready: ${bool(1)}`],
  ObjectReference: () => ['kind: Pod', 'name: $1', 'namespace: $2'],
  ForZone: () => ['name: ${1:zone-a}'],
  ForNode: () => ['name: $1'],
  OwnerReference: () => ['apiVersion: $1', 'kind: $2', 'name: $3', 'uid: $4'],
  ObjectMeta: (env) => [
    'name: $1',
    'labels:',
    `${env.u}${labelServiceName}: \${2:${env.serviceName ?? 'my-service'}}`,
  ],
};

export function objectTemplate(spec: ObjectSpec, env: TemplateEnv): string[] {
  const template = templates[spec.goType];
  if (template) return template(env);
  const required = Object.entries(spec.fields).filter(([, f]) => f.required);
  if (required.length === 0) return ['$1'];
  return required.map(([name], i) => `${name}: $${i + 1}`);
}
