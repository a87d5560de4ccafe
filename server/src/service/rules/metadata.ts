import type { ObjectMeta } from '../k8s/objects';
import { validateOwnerReferences } from './ownerReferences';
import { standardFinalizers, limits } from '../k8s/wellKnown';
import { fieldError } from '../validation/fieldErrors';
import type { FieldError } from '../validation/fieldErrors';
import { stringListValue } from '../validation/goValues';
import {
  byteLength,
  dns1123SubdomainMessages,
  labelValueMessages,
  qualifiedNameMessages,
} from '../validation/names';
import type { RuleContext } from './context';

/**
 * ObjectMeta validation shared by both kinds (apimachinery ValidateObjectMeta plus the core
 * wrapper's finalizer check). Label and annotation errors are reported at `metadata.labels` /
 * `metadata.annotations` like the apiserver does, pointing at the offending entry.
 */
export function validateObjectMeta(
  meta: ObjectMeta | undefined,
  ctx: RuleContext,
  options: { generationSetByServer: boolean },
): FieldError[] {
  const m = meta ?? {};
  return [
    ...validateNames(m),
    // metadata.namespace is not checked here: an invalid one never reaches validation (namespace.ts).
    // EndpointSlice's PrepareForCreate sets generation to 1 before validation, so only Endpoints sees it.
    ...(options.generationSetByServer ? [] : validateGeneration(m.generation)),
    ...validateLabels(m.labels ?? {}, ctx),
    ...validateAnnotations(m.annotations ?? {}, ctx),
    ...validateOwnerReferences(m.ownerReferences ?? [], ctx.behaviour),
    ...validateFinalizers(m.finalizers ?? [], ctx),
  ];
}

/** Characters appended by the server to generateName; any lowercase suffix behaves the same. */
const generatedSuffix = 'x7k2q';

function validateNames(meta: ObjectMeta): FieldError[] {
  const errors: FieldError[] = [];
  const generateName = meta.generateName ?? '';
  if (generateName) {
    for (const message of dns1123SubdomainMessages(maskTrailingDash(generateName))) {
      errors.push(
        fieldError.invalid('metadata.generateName', generateName, message, {
          code: 'metadata-generate-name-invalid',
        }),
      );
    }
  }
  // The server fills the name from generateName before validating, so a bad prefix fails twice.
  const name = meta.name || (generateName ? `${generateName.slice(0, 58)}${generatedSuffix}` : '');
  if (!name) {
    return [
      ...errors,
      fieldError.required('metadata.name', 'name or generateName is required', {
        code: 'metadata-name-required',
      }),
    ];
  }
  const target = meta.name ? 'metadata.name' : 'metadata.generateName';
  for (const message of dns1123SubdomainMessages(name)) {
    errors.push(
      fieldError.invalid('metadata.name', name, message, { code: 'metadata-name-invalid', target }),
    );
  }
  return errors;
}

/**
 * apimachinery's maskTrailingDash: a prefix may end in '-'. Upstream slices `name[:len(name)-2]`,
 * dropping the character before the dash too (so `ab_-` passes as `aba`); that quirk decides
 * which prefixes pass, so it is kept. A lone `-` is left alone (upstream's slice would panic).
 */
function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name;
}

function validateGeneration(generation: number | undefined): FieldError[] {
  if (generation === undefined || generation >= 0) return [];
  return [
    fieldError.invalid('metadata.generation', generation, 'must be greater than or equal to 0', {
      code: 'metadata-generation-invalid',
    }),
  ];
}

function validateLabels(labels: Record<string, string>, ctx: RuleContext): FieldError[] {
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(labels)) {
    const entry = `metadata.labels[${key}]`;
    for (const message of qualifiedNameMessages(key, ctx.behaviour)) {
      errors.push(
        fieldError.invalid('metadata.labels', key, message, {
          code: 'metadata-label-invalid',
          target: entry,
          targetKey: true,
        }),
      );
    }
    for (const message of labelValueMessages(value, ctx.behaviour)) {
      errors.push(
        fieldError.invalid('metadata.labels', value, message, {
          code: 'metadata-label-invalid',
          target: entry,
        }),
      );
    }
  }
  return errors;
}

function validateAnnotations(annotations: Record<string, string>, ctx: RuleContext): FieldError[] {
  const errors: FieldError[] = [];
  let total = 0;
  for (const [key, value] of Object.entries(annotations)) {
    total += byteLength(key) + byteLength(value);
    // Annotation keys are qualified names compared case-insensitively.
    for (const message of qualifiedNameMessages(key.toLowerCase(), ctx.behaviour)) {
      errors.push(
        fieldError.invalid('metadata.annotations', key, message, {
          code: 'metadata-annotation-invalid',
          target: `metadata.annotations[${key}]`,
          targetKey: true,
        }),
      );
    }
  }
  if (total > limits.totalAnnotationBytes) {
    errors.push(
      fieldError.tooLong('metadata.annotations', limits.totalAnnotationBytes, {
        code: 'metadata-annotations-too-long',
      }),
    );
  }
  return errors;
}

function validateFinalizers(finalizers: string[], ctx: RuleContext): FieldError[] {
  const errors: FieldError[] = [];
  finalizers.forEach((finalizer, index) => {
    const target = `metadata.finalizers[${index}]`;
    for (const message of qualifiedNameMessages(finalizer, ctx.behaviour)) {
      errors.push(
        fieldError.invalid('metadata.finalizers', finalizer, message, {
          code: 'metadata-finalizer-invalid',
          target,
        }),
      );
    }
  });
  if (finalizers.includes('orphan') && finalizers.includes('foregroundDeletion')) {
    errors.push(
      fieldError.invalid(
        'metadata.finalizers',
        stringListValue(finalizers, ctx.behaviour),
        'finalizer orphan and foregroundDeletion cannot be both set',
        {
          code: 'metadata-finalizers-conflict',
        },
      ),
    );
  }
  // The core wrapper adds one check, at the indexed path: names without a domain must be standard.
  finalizers.forEach((finalizer, index) => {
    const path = `metadata.finalizers[${index}]`;
    if (!finalizer.includes('/') && !(standardFinalizers as readonly string[]).includes(finalizer)) {
      errors.push(
        fieldError.invalid(
          path,
          finalizer,
          'name is neither a standard finalizer name nor is it fully qualified',
          {
            code: 'metadata-finalizer-invalid',
          },
        ),
      );
    }
  });
  return errors;
}
