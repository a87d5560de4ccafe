import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiServer } from '../cluster/api';

/**
 * JSON schemas for yaml-language-server, made from the OpenAPI v3 documents our local
 * kube-apiserver serves, the way kubernetes-json-schema's "standalone-strict" flavour (what
 * yaml-language-server's `kubernetes` association downloads when online) is made: every `$ref`
 * inlined, `additionalProperties: false` on objects with declared properties, `kind` and
 * `apiVersion` pinned from `x-kubernetes-group-version-kind`.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface OpenApiDocument {
  components?: { schemas?: Record<string, JsonObject> };
}

const refPrefix = '#/components/schemas/';
const sliceName = 'io.k8s.api.discovery.v1.EndpointSlice';
const endpointsName = 'io.k8s.api.core.v1.Endpoints';

export interface SchemaFiles {
  /** EndpointSlice only. */
  slice: string;
  /** Dispatches on `kind`: EndpointSlice or Endpoints rules, anything else unconstrained. */
  kinds: string;
  /** Where the OpenAPI came from, for the report. */
  source: string;
  /** v1 Endpoints only (kubeconform reads one file per kind, named as this one is). */
  endpoints: string;
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Inlines `$ref`s, drops `x-kubernetes-*`, and makes objects strict. */
function standalone(schema: JsonObject, definitions: Record<string, JsonObject>, seen: string[]): JsonObject {
  const ref = schema.$ref;
  if (typeof ref === 'string' && ref.startsWith(refPrefix)) {
    const name = ref.slice(refPrefix.length);
    const target = definitions[name];
    // These kinds have no recursive types; a cycle would mean a different document, so it is
    // left open rather than expanded forever.
    if (!target || seen.includes(name)) return {};
    const { $ref: _ignored, ...siblings } = schema;
    return {
      ...standalone(target, definitions, [...seen, name]),
      ...convertAll(siblings, definitions, seen),
    };
  }
  // OpenAPI v3 wraps a described `$ref` as `allOf: [{$ref}]`; JSON Schema tools read it either
  // way, but a flat object keeps the strict `additionalProperties` where completion sees it.
  const allOf = schema.allOf;
  if (Array.isArray(allOf) && allOf.length === 1 && isObject(allOf[0])) {
    const { allOf: _ignored, ...rest } = schema;
    return { ...standalone(allOf[0], definitions, seen), ...convertAll(rest, definitions, seen) };
  }
  const out = convertAll(schema, definitions, seen);
  if (isObject(out.properties) && out.additionalProperties === undefined) out.additionalProperties = false;
  if (out.nullable === true) {
    delete out.nullable;
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
  }
  return out;
}

function convertAll(schema: JsonObject, definitions: Record<string, JsonObject>, seen: string[]): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith('x-kubernetes-')) continue;
    if (key === 'properties' && isObject(value)) {
      const properties: JsonObject = {};
      for (const [name, property] of Object.entries(value)) {
        properties[name] = isObject(property) ? standalone(property, definitions, seen) : property;
      }
      out[key] = properties;
    } else if ((key === 'items' || key === 'additionalProperties') && isObject(value)) {
      out[key] = standalone(value, definitions, seen);
    } else if ((key === 'allOf' || key === 'anyOf' || key === 'oneOf') && Array.isArray(value)) {
      out[key] = value.map((v) => (isObject(v) ? standalone(v, definitions, seen) : v));
    } else {
      out[key] = value;
    }
  }
  return out;
}

function kindSchema(
  name: string,
  definitions: Record<string, JsonObject>,
  kind: string,
  apiVersion: string,
): JsonObject {
  const root = definitions[name];
  if (!root) throw new Error(`the OpenAPI document has no ${name}`);
  const schema = standalone(root, definitions, [name]);
  const properties = isObject(schema.properties) ? schema.properties : {};
  properties.kind = { ...(isObject(properties.kind) ? properties.kind : {}), enum: [kind] };
  properties.apiVersion = {
    ...(isObject(properties.apiVersion) ? properties.apiVersion : {}),
    enum: [apiVersion],
  };
  return { ...schema, properties };
}

/** Fetches both OpenAPI groups from the apiserver and writes the schema files into `dir`. */
export async function writeSchemas(api: ApiServer, dir: string): Promise<SchemaFiles> {
  const discovery = await api.json<OpenApiDocument>('GET', '/openapi/v3/apis/discovery.k8s.io/v1');
  const core = await api.json<OpenApiDocument>('GET', '/openapi/v3/api/v1');
  const definitions = { ...core.components?.schemas, ...discovery.components?.schemas };
  const slice = kindSchema(sliceName, definitions, 'EndpointSlice', 'discovery.k8s.io/v1');
  const legacy = kindSchema(endpointsName, definitions, 'Endpoints', 'v1');
  const draft = 'http://json-schema.org/draft-07/schema#';
  const byKind = (kind: string, then: JsonObject): JsonObject => ({
    if: { properties: { kind: { const: kind } }, required: ['kind'] },
    then,
  });
  // A file mixes kinds, and yaml-language-server applies a file's schema to every document in
  // it; if/then keeps Services and Deployments free of rules meant for the other two.
  const kinds: JsonObject = {
    $schema: draft,
    type: 'object',
    allOf: [byKind('EndpointSlice', slice), byKind('Endpoints', legacy)],
  };
  const files: SchemaFiles = {
    slice: join(dir, 'endpointslice-discovery-v1.json'),
    kinds: join(dir, 'endpointslice-or-endpoints.json'),
    source: `${api.server}/openapi/v3/apis/discovery.k8s.io/v1 and /openapi/v3/api/v1`,
    endpoints: join(dir, 'endpoints-v1.json'),
  };
  writeFileSync(files.slice, JSON.stringify({ $schema: draft, ...slice }, null, 1));
  writeFileSync(files.kinds, JSON.stringify(kinds, null, 1));
  writeFileSync(files.endpoints, JSON.stringify({ $schema: draft, ...legacy }, null, 1));
  return files;
}
