import { labelManagedBy, labelServiceName, labelSkipMirror } from './wellKnown';
import type { OurKind } from '../types';

/**
 * The labels with meaning to the control plane, with what they do: completion offers the keys
 * (and the values it knows), hover explains them. Data only.
 */
export interface LabelFact {
  key: string;
  doc: string;
  /** The kinds the label means something on. */
  kinds: readonly OurKind[];
  /** Fixed values, when the label takes only a few. */
  values?: readonly string[];
}

export const labelFacts: readonly LabelFact[] = [
  {
    key: labelServiceName,
    doc: 'The Service this EndpointSlice belongs to. kube-proxy, DNS and every other consumer find the slices of a Service by this label; a slice without it is used by nothing.',
    kinds: ['EndpointSlice'],
  },
  {
    key: labelManagedBy,
    doc: 'Who manages this EndpointSlice. The built-in controllers use `endpointslice-controller.k8s.io` and `endpointslicemirroring-controller.k8s.io` and delete or overwrite slices that carry their value; use your own value (for example `staff` or your controller’s name) for slices you write.',
    kinds: ['EndpointSlice'],
  },
  {
    key: labelSkipMirror,
    doc: 'Set to `"true"` on an Endpoints object so the EndpointSlice mirroring controller does not copy it into EndpointSlices (because you manage the slices yourself).',
    kinds: ['Endpoints'],
    values: ['true'],
  },
];

export function labelFact(key: string): LabelFact | undefined {
  return labelFacts.find((fact) => fact.key === key);
}

/** The managed-by value the migration writes on the slices it creates: not a controller's. */
export const migrationManagedBy = 'endpointslice-migration';
