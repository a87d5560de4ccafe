import type { SliceEndpoint } from '../k8s/objects';
import { limits } from '../k8s/wellKnown';
import { fieldError } from '../validation/fieldErrors';
import type { FieldError } from '../validation/fieldErrors';
import { dns1123SubdomainMessages, labelValueMessages } from '../validation/names';
import type { RuleContext } from './context';

type Hints = NonNullable<SliceEndpoint['hints']>;

/**
 * Topology hints (discovery validateHints). Too many zone hints stops every further hint check,
 * node hints included; node hints are dropped unvalidated before 1.34.
 */
export function validateHints(hints: Hints, path: string, ctx: RuleContext): FieldError[] {
  const zones = hints.forZones ?? [];
  if (zones.length > limits.hintsPerEndpoint) {
    return [
      fieldError.tooMany(`${path}.forZones`, zones.length, limits.hintsPerEndpoint, {
        code: 'hints-too-many',
      }),
    ];
  }
  const errors = validateNamedHints(
    zones.map((z) => z.name ?? ''),
    `${path}.forZones`,
    (name) => labelValueMessages(name, ctx.behaviour),
    'hint-zone-invalid',
  );
  if (!ctx.behaviour.forNodesValidated) return errors;
  const nodes = hints.forNodes ?? [];
  if (nodes.length > limits.hintsPerEndpoint) {
    return [
      ...errors,
      fieldError.tooMany(`${path}.forNodes`, nodes.length, limits.hintsPerEndpoint, {
        code: 'hints-too-many',
      }),
    ];
  }
  return [
    ...errors,
    ...validateNamedHints(
      nodes.map((n) => n.name ?? ''),
      `${path}.forNodes`,
      (name) => dns1123SubdomainMessages(name),
      'hint-node-invalid',
    ),
  ];
}

function validateNamedHints(
  names: string[],
  listPath: string,
  check: (name: string) => string[],
  code: string,
): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  names.forEach((name, index) => {
    const path = `${listPath}[${index}].name`;
    if (seen.has(name)) errors.push(fieldError.duplicate(path, name, { code: 'hint-duplicate' }));
    seen.add(name);
    for (const message of check(name)) errors.push(fieldError.invalid(path, name, message, { code }));
  });
  return errors;
}
