import type { EndpointSlice } from '../k8s/objects';
import type { DecodeIssue } from '../decode/decode';
import { controllerManagedByValues, labelManagedBy, labelServiceName, limits } from '../k8s/wellKnown';
import type { RuleContext } from './context';
import type { Note } from './notes';

/**
 * Advice no apiserver gives. Every message says so, because a user must be able to tell what
 * `kubectl apply` will reject from what we merely recommend.
 */
const notFromServer = '(advice; the apiserver accepts this)';

export function endpointSliceAdvisories(slice: EndpointSlice, ctx: RuleContext): Note[] {
  return [
    ...serviceNameAdvice(slice),
    ...managedByAdvice(slice),
    ...sizeAdvice(slice, ctx),
    ...portAdvice(slice),
  ];
}

function serviceNameAdvice(slice: EndpointSlice): Note[] {
  if (slice.metadata?.labels?.[labelServiceName] !== undefined) return [];
  return [
    {
      field: 'metadata.labels',
      message: `This EndpointSlice has no "${labelServiceName}" label, so no Service will use it: kube-proxy and DNS find slices by that label ${notFromServer}.`,
      code: 'service-name-label-missing',
      target: slice.metadata?.labels ? 'metadata.labels' : 'kind',
      targetKey: true,
    },
  ];
}

function managedByAdvice(slice: EndpointSlice): Note[] {
  const value = slice.metadata?.labels?.[labelManagedBy];
  if (!value || !(controllerManagedByValues as readonly string[]).includes(value)) return [];
  return [
    {
      field: 'metadata.labels',
      message: `"${labelManagedBy}: ${value}" is reserved for the built-in controller, which will take this slice over or delete it; use your own value for slices you manage ${notFromServer}.`,
      code: 'managed-by-reserved',
      target: `metadata.labels[${labelManagedBy}]`,
    },
  ];
}

function sizeAdvice(slice: EndpointSlice, ctx: RuleContext): Note[] {
  const count = slice.endpoints?.length ?? 0;
  const max = ctx.settings.maxEndpointsPerSlice;
  if (count <= max || count > limits.endpointsPerSlice) return [];
  return [
    {
      field: 'endpoints',
      message: `${count} endpoints in one slice; the EndpointSlice controller puts at most ${max} in a slice, and large slices make every change expensive to distribute ${notFromServer}.`,
      code: 'endpoints-over-controller-limit',
      target: 'endpoints',
      targetKey: true,
    },
  ];
}

function portAdvice(slice: EndpointSlice): Note[] {
  const notes: Note[] = [];
  (slice.ports ?? []).forEach((port, i) => {
    if (port.port === undefined || (port.port >= 1 && port.port <= 65535)) return;
    notes.push({
      field: `ports[${i}].port`,
      message: `Port ${port.port} is outside 1-65535: nothing can route to it ${notFromServer}.`,
      code: 'port-out-of-range',
    });
  });
  return notes;
}

/**
 * A key given twice. kubectl's YAML reader silently keeps the last value, so the apiserver never
 * sees the first one; that is almost always a mistake worth advice. Each repeated key is
 * reported once, at that key (all of them share one path, which would point at the last).
 */
export function duplicateKeyAdvisories(issues: readonly DecodeIssue[]): Note[] {
  return issues
    .filter((issue) => issue.kind === 'duplicate')
    .map((issue) => ({
      field: issue.field,
      message: `Duplicate key "${issue.field}": kubectl sends only the last value, the earlier one is dropped ${notFromServer}.`,
      code: 'duplicate-key',
      target: issue.field,
      targetKey: true,
      at: issue.location.key ?? issue.location.value,
    }));
}
