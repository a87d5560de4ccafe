import type { EndpointDiagnostic, Range, RelatedPlace } from '../types';

/**
 * Workspace advice is Information, origin `advisory`, and says it is not the apiserver's: the
 * apiserver checks one object at a time and accepts all of it.
 */
export const notFromServer = '(advice; the apiserver accepts this)';

export function advice(
  code: string,
  range: Range,
  field: string,
  message: string,
  related: RelatedPlace[] = [],
): EndpointDiagnostic {
  return {
    range,
    severity: 'information',
    code,
    message,
    origin: 'advisory',
    reason: 'Advisory',
    field,
    ...(related.length > 0 ? { related } : {}),
  };
}

/** `"a", "b"` for a message. */
export function quotedList(names: readonly string[]): string {
  return names.map((name) => `"${name}"`).join(', ');
}
