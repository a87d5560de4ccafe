import { editingLimitExceeded, validationLimitExceeded } from '../source/limits';
import type { EndpointDiagnostic } from '../types';
import { looksLikeOurs } from '../source/ourKinds';

/**
 * What a document beyond a limit of source/limits.ts is told: which limit, and what is off for
 * it. Only documents of our kinds hear about it; others are silent as always.
 */
function limitDiagnostic(reason: string, off: string): EndpointDiagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: 'information',
    code: 'limit-exceeded',
    message: `${off} off for this document: ${reason} (a limit, so that no request takes unbounded time or memory).`,
    origin: 'syntax',
    reason: 'SyntaxError',
    field: '',
  };
}

/** A YAML document too intricate to check (source/limits.ts): validation is off for it. */
export function validationLimit(text: string): EndpointDiagnostic[] | undefined {
  const reason = validationLimitExceeded(text);
  if (!reason) return undefined;
  return looksLikeOurs(text)
    ? [limitDiagnostic(reason, 'Validation, completion, hover and the outline are')]
    : [];
}

/** A document too large for the editing features: they are off, validation is not. */
export function editingLimit(text: string): EndpointDiagnostic[] {
  const reason = looksLikeOurs(text) ? editingLimitExceeded(text) : undefined;
  return reason ? [limitDiagnostic(reason, 'Completion, hover and the outline are')] : [];
}
