/**
 * Checks what the apiserver returns before the model takes it. The view trusts the shapes in
 * kubeTypes.ts; a broken or hostile server (or a proxy in front of it) can send anything, and a
 * `null` in a list or a number where a list belongs would throw while the tree renders. Each
 * field the view reads is described here as data; an object without a name is skipped, a field of
 * the wrong type is removed (a list element of the wrong type too), and the problem is named so
 * the view can say what it did not show. Fields the view does not read are left as they came.
 */
import { resourceKinds } from './kubeTypes';
import type { KubeObject, ResourceKind } from './kubeTypes';
import { describe, fitToShape, isRecord, objectShape } from './shapeCheck';
import type { Fields, ObjectShape, Shape } from './shapeCheck';

const reference: Fields = { fields: { kind: 'string', namespace: 'string', name: 'string', uid: 'string' } };

const metadata: Fields = {
  fields: {
    name: 'string',
    namespace: 'string',
    uid: 'string',
    resourceVersion: 'string',
    creationTimestamp: 'string',
    deletionTimestamp: 'string',
    labels: { map: 'string' },
    annotations: { map: 'string' },
    ownerReferences: { list: { fields: { ...reference.fields, controller: 'boolean' } } },
  },
};

const address: Fields = {
  fields: { ip: 'string', hostname: 'string', nodeName: 'string', targetRef: reference },
  required: ['ip'],
};

const container: Fields = {
  fields: {
    name: 'string',
    restartPolicy: 'string',
    ports: { list: { fields: { name: 'string', containerPort: 'number', protocol: 'string' } } },
  },
};

const containerStatus: Fields = {
  fields: {
    name: 'string',
    ready: 'boolean',
    restartCount: 'number',
    state: {
      fields: {
        waiting: { fields: { reason: 'string' } },
        running: { fields: { startedAt: 'string' } },
        terminated: { fields: { reason: 'string', exitCode: 'number' } },
      },
    },
  },
};

const named = (extra: Record<string, Shape> = {}): Fields => ({ fields: { name: 'string', ...extra } });

/** What the view reads of each resource, besides `metadata`. */
const shapes: Record<ResourceKind, Record<string, Shape>> = {
  services: {
    spec: {
      fields: {
        type: 'string',
        selector: { map: 'string' },
        ports: {
          list: {
            fields: {
              name: 'string',
              port: 'number',
              protocol: 'string',
              targetPort: 'int-or-string',
              appProtocol: 'string',
            },
            required: ['port'],
          },
        },
        clusterIP: 'string',
        ipFamilies: { list: 'string' },
        clusterIPs: { list: 'string' },
        externalName: 'string',
        publishNotReadyAddresses: 'boolean',
        trafficDistribution: 'string',
      },
    },
  },
  endpointslices: {
    addressType: 'string',
    endpoints: {
      list: {
        fields: {
          addresses: { list: 'string' },
          conditions: { fields: { ready: 'boolean', serving: 'boolean', terminating: 'boolean' } },
          hostname: 'string',
          targetRef: reference,
          nodeName: 'string',
          zone: 'string',
          hints: { fields: { forZones: { list: named() }, forNodes: { list: named() } } },
        },
      },
    },
    ports: { list: named({ port: 'number', protocol: 'string', appProtocol: 'string' }) },
  },
  endpoints: {
    subsets: {
      list: {
        fields: {
          addresses: { list: address },
          notReadyAddresses: { list: address },
          ports: { list: { ...named({ port: 'number', protocol: 'string' }), required: ['port'] } },
        },
      },
    },
  },
  pods: {
    spec: {
      fields: {
        nodeName: 'string',
        hostname: 'string',
        subdomain: 'string',
        containers: { list: container },
        initContainers: { list: container },
        readinessGates: { list: { fields: { conditionType: 'string' } } },
      },
    },
    status: {
      fields: {
        phase: 'string',
        podIP: 'string',
        podIPs: { list: { fields: { ip: 'string' }, required: ['ip'] } },
        conditions: {
          list: {
            fields: {
              type: 'string',
              status: 'string',
              reason: 'string',
              message: 'string',
              lastTransitionTime: 'string',
            },
            required: ['type', 'status'],
          },
        },
        containerStatuses: { list: containerStatus },
      },
    },
  },
};

/** An object as the view may take it, or why it was skipped; `problem` names the first fault. */
export type Checked = { object: KubeObject; problem?: string } | { object?: undefined; problem: string };

/** The whole shape of each kind, built once rather than for every object. */
export const objectShapes: Readonly<Record<ResourceKind, ObjectShape>> = Object.fromEntries(
  resourceKinds.map((kind) => [
    kind,
    objectShape({ fields: { apiVersion: 'string', kind: 'string', metadata, ...shapes[kind] } }),
  ]),
) as Record<ResourceKind, ObjectShape>;

/**
 * Checks (and repairs in place) one object the apiserver sent as a `kind`. A sound object, nearly
 * every one, is only read (shapeCheck.ts).
 */
export function checkObject(kind: ResourceKind, value: unknown): Checked {
  if (!isRecord(value)) {
    return { problem: `an item that is ${describe(value)}, not an object (skipped)` };
  }
  const problem = fitToShape(value, objectShapes[kind]);
  const meta = value['metadata'];
  if (!isRecord(meta) || typeof meta['name'] !== 'string' || meta['name'] === '') {
    return { problem: 'an object without metadata.name (skipped)' };
  }
  const object = value as unknown as KubeObject;
  return problem !== undefined ? { object, problem: `${problem} (shown without it)` } : { object };
}

/** The names in a NamespaceList page; items without a name are counted, not shown. */
export function namespaceNames(items: unknown): { names: string[]; skipped: number } {
  const names: string[] = [];
  let skipped = 0;
  for (const item of Array.isArray(items) ? (items as unknown[]) : []) {
    const meta = isRecord(item) ? item['metadata'] : undefined;
    const name = isRecord(meta) ? meta['name'] : undefined;
    if (typeof name === 'string' && name !== '') {
      names.push(name);
    } else {
      skipped++;
    }
  }
  return { names, skipped };
}
