import type { Endpoints, EndpointSlice, ObjectMeta } from '../k8s/objects';
import { removedApiVersions, servedApiVersion } from '../k8s/kinds';
import { behaviourOf } from '../k8s/versions';
import type { Decoded, DecodeIssue } from '../decode/decode';
import { rangeOf } from '../yaml/yamlDocument';
import type { ParsedChunk } from '../yaml/yamlDocument';
import type { RuleContext } from '../rules/context';
import { duplicateKeyAdvisories, endpointSliceAdvisories } from '../rules/advisories';
import { validateEndpoints } from '../rules/endpoints';
import { validateEndpointSlice } from '../rules/endpointSlice';
import { validateManagedFields } from '../rules/managedFields';
import { impossibleNamespace, unsendableNamespace } from '../rules/namespace';
import type { Note } from '../rules/notes';
import {
  duplicateOwnerReferencesWarning,
  endpointsDeprecation,
  endpointSliceWarnings,
  endpointsWarnings,
} from '../rules/warnings';
import type { ServiceSettings } from '../settings';
import type { EndpointDiagnostic, OurKind } from '../types';
import { diagnosticMessage } from '../validation/fieldErrors';
import type { FieldError } from '../validation/fieldErrors';
import { locate } from './locate';
import { isUnknown } from '../templates/templateScope';
import type { TemplateScope } from '../templates/templateScope';

/** One object to validate: where it is, what decoding made of it, and what a template hides. */
export interface ObjectInput {
  chunk: ParsedChunk;
  decoded: Decoded;
  kind: OurKind;
  settings: ServiceSettings;
  /** Where to point when nothing of the object can be located (a `List` item's start). */
  fallback: number;
  scope?: TemplateScope;
}

export function unservedDiagnostic(input: ObjectInput, apiVersion: string): EndpointDiagnostic {
  const { kind } = input;
  const why =
    removedApiVersions[apiVersion] ?? `use ${kind === 'EndpointSlice' ? 'discovery.k8s.io/v1' : 'v1'}`;
  return {
    range: locate(input.chunk, input.decoded.locations, 'apiVersion', false, input.fallback),
    severity: 'error',
    code: 'apiversion-not-served',
    message: `no matches for kind "${kind}" in version "${apiVersion}" (${why})`,
    origin: 'apiserver',
    reason: 'NotFound',
    field: 'apiVersion',
  };
}

/**
 * Emulates one create request: decode (type errors, strict fields), validation, then warnings,
 * in the apiserver's order and with its short-circuits; advisories come on top. In a templated
 * document, findings that depend on what the template leaves unknown are dropped before the
 * apiserver's "warnings only when valid" rule is applied, so literal problems still show.
 */
export class ObjectValidation {
  private readonly ctx: RuleContext;
  private readonly out: EndpointDiagnostic[] = [];

  constructor(private readonly input: ObjectInput) {
    this.ctx = { behaviour: behaviourOf(input.settings.kubernetesVersion), settings: input.settings };
  }

  run(): EndpointDiagnostic[] {
    // kubectl refuses a namespace it cannot put in a URL before sending anything, warnings included.
    if (this.namespaceFails(unsendableNamespace, 'BadRequest')) return this.out;
    // The deprecation warning is attached to every request for v1 Endpoints, failed ones included.
    if (this.input.kind === 'Endpoints') this.warn(endpointsDeprecation());
    if (this.decodeFailed()) return this.out;
    // The create handler drops repeated owner references (and warns) before admission, whose
    // namespace check may then answer NotFound.
    const duplicateOwners = duplicateOwnerReferencesWarning(this.metadata());
    if (duplicateOwners) this.warn(duplicateOwners);
    if (this.namespaceFails(impossibleNamespace, 'NotFound')) return this.out;
    const errors = [
      ...(this.input.kind === 'EndpointSlice'
        ? validateEndpointSlice(this.slice(), this.ctx)
        : validateEndpoints(this.endpoints(), this.ctx)),
      // Part of ObjectMeta's validation upstream, but it needs the whole object (and the clock).
      ...validateManagedFields(this.input.decoded.value, servedApiVersion[this.input.kind], Date.now()),
    ].filter((e) => this.known(e.field, e.target));
    errors.forEach((e) => this.fieldError(e));
    if (errors.length === 0) {
      const warnings =
        this.input.kind === 'EndpointSlice'
          ? endpointSliceWarnings(this.slice(), this.ctx)
          : endpointsWarnings(this.endpoints(), this.ctx);
      warnings.forEach((w) => this.warn(w));
    }
    if (this.ctx.settings.advisories) {
      duplicateKeyAdvisories(this.input.decoded.issues).forEach((a) => this.advise(a));
      if (this.input.kind === 'EndpointSlice') {
        endpointSliceAdvisories(this.slice(), this.ctx).forEach((a) => this.advise(a));
      }
    }
    return this.out;
  }

  /** False when the finding rests on something a template leaves unknown. */
  private known(field: string, target: string | undefined): boolean {
    const scope = this.input.scope;
    if (!scope) return true;
    // A target below the field narrows it (the culprit entry); any other target is only where to point.
    const narrows =
      target !== undefined &&
      (field === '' || target === field || target.startsWith(`${field}.`) || target.startsWith(`${field}[`));
    return !isUnknown(scope, narrows ? target : field, this.input.decoded);
  }

  /** Type errors fail the request outright; unknown fields do so only under Strict validation. */
  private decodeFailed(): boolean {
    const issues = this.input.decoded.issues;
    const fatal = issues.filter((i) => i.kind === 'type' || i.kind === 'limit');
    const kind = this.input.kind;
    if (fatal.length > 0) {
      fatal.forEach((i) =>
        this.decodeError(i, `${kind} in version "v1" cannot be handled as a ${kind}: ${i.message}`),
      );
      return true;
    }
    // kubectl's YAML and JSON readers keep the last of duplicate keys, so only unknown fields reach the server.
    const unknown = issues.filter((i) => i.kind === 'unknown');
    const mode = this.ctx.settings.fieldValidation;
    if (mode === 'Strict' && unknown.length > 0) {
      unknown.forEach((i) => this.decodeError(i, `strict decoding error: ${i.message}`));
      return true;
    }
    if (mode === 'Warn') {
      unknown.forEach((i) =>
        this.warn({
          field: i.field,
          message: i.message,
          code: 'unknown-field',
          target: i.field,
          targetKey: true,
        }),
      );
    }
    return false;
  }

  /**
   * The request fails because of its namespace (rules/namespace.ts): kubectl cannot send it at all,
   * or the namespace it goes to cannot exist.
   */
  private namespaceFails(
    check: (namespace: string | undefined) => Note | undefined,
    reason: 'BadRequest' | 'NotFound',
  ): boolean {
    const namespace = (this.input.decoded.value as { metadata?: { namespace?: unknown } } | undefined)
      ?.metadata?.namespace;
    const note = check(typeof namespace === 'string' ? namespace : undefined);
    if (!note || !this.known(note.field, note.target)) return false;
    this.push(note, 'error', 'apiserver', reason);
    return true;
  }

  private decodeError(issue: DecodeIssue, message: string): void {
    const [start, end] =
      issue.kind === 'type' || !issue.location.key ? issue.location.value : issue.location.key;
    const code =
      issue.kind === 'type'
        ? 'decode-type-mismatch'
        : issue.kind === 'limit'
          ? 'yaml-alias-limit'
          : `${issue.kind}-field`;
    this.out.push({
      range: rangeOf(this.input.chunk, start, end),
      severity: 'error',
      code,
      message,
      origin: issue.kind === 'limit' ? 'syntax' : 'apiserver',
      reason: 'BadRequest',
      field: issue.field,
    });
  }

  private fieldError(error: FieldError): void {
    this.out.push({
      range: this.locate(error.target ?? error.field, error.targetKey),
      severity: 'error',
      code: error.code,
      message: diagnosticMessage(error),
      origin: 'apiserver',
      reason: error.type,
      field: error.field,
    });
  }

  private warn(note: Note): void {
    this.push(note, 'warning', 'apiserver', 'Warning');
  }

  /** Advice no apiserver gives: always Information, as the README and the code table say. */
  private advise(note: Note): void {
    this.push(note, 'information', 'advisory', 'Advisory');
  }

  private push(
    note: Note,
    severity: EndpointDiagnostic['severity'],
    origin: EndpointDiagnostic['origin'],
    reason: EndpointDiagnostic['reason'],
  ): void {
    if (!this.known(note.field, note.target)) return;
    this.out.push({
      range: note.at
        ? rangeOf(this.input.chunk, ...note.at)
        : this.locate(note.target ?? note.field, note.targetKey),
      severity,
      code: note.code,
      message: note.message,
      origin,
      reason,
      field: note.field,
    });
  }

  private locate(path: string, preferKey?: boolean): EndpointDiagnostic['range'] {
    const { chunk, decoded, fallback } = this.input;
    return locate(chunk, decoded.locations, path, preferKey ?? false, fallback);
  }

  private slice(): EndpointSlice {
    return this.input.decoded.value;
  }

  private endpoints(): Endpoints {
    return this.input.decoded.value;
  }

  private metadata(): ObjectMeta | undefined {
    return this.input.kind === 'EndpointSlice' ? this.slice().metadata : this.endpoints().metadata;
  }
}
