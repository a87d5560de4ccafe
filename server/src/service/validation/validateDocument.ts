import { kindSpecs } from '../k8s/schema';
import { matchKind, removedApiVersions } from '../k8s/kinds';
import type { Endpoints, EndpointSlice } from '../k8s/objects';
import { behaviourOf } from '../k8s/versions';
import { decode } from '../parse/decode';
import type { Decoded, DecodeIssue } from '../parse/decode';
import { documentName, parseChunk, rangeOf, topLevelScalar } from '../parse/yamlDocument';
import type { ParsedChunk } from '../parse/yamlDocument';
import type { RuleContext } from '../rules/context';
import { duplicateKeyAdvisories, endpointSliceAdvisories } from '../rules/advisories';
import { validateEndpoints } from '../rules/endpoints';
import { validateEndpointSlice } from '../rules/endpointSlice';
import type { Note } from '../rules/notes';
import { endpointsDeprecation, endpointSliceWarnings, endpointsWarnings } from '../rules/warnings';
import type { ServiceSettings } from '../settings';
import type { EndpointDiagnostic, OurKind, Range } from '../types';
import { causeMessage } from './fieldErrors';
import type { FieldError } from './fieldErrors';
import { locate } from './locate';
import { syntaxDiagnostics } from './syntax';

/** The result for one document, with lines counted from the document's first line. */
export interface ChunkResult {
  apiVersion?: string;
  kind?: string;
  name?: string;
  range: Range;
  diagnostics: EndpointDiagnostic[];
}

/** Looks like one of ours even when it does not parse, so its syntax errors are worth reporting. */
const looksLikeOurs = /^kind:\s*["']?(EndpointSlice|Endpoints)["']?\s*(#.*)?$/m;

/**
 * Emulates one create request: decode (type errors, strict fields), validation, then warnings,
 * in the apiserver's order and with its short-circuits; advisories come on top.
 */
export function validateChunk(text: string, settings: ServiceSettings): ChunkResult {
  const chunk = parseChunk(text);
  const apiVersion = topLevelScalar(chunk, 'apiVersion');
  const kind = topLevelScalar(chunk, 'kind');
  const result: ChunkResult = { range: rangeOf(chunk, 0, text.length), diagnostics: [] };
  if (typeof apiVersion === 'string') result.apiVersion = apiVersion;
  if (typeof kind === 'string') result.kind = kind;
  const name = documentName(chunk);
  if (name !== undefined) result.name = name;

  if (chunk.doc.errors.length > 0) {
    if (looksLikeOurs.test(text)) result.diagnostics = syntaxDiagnostics(chunk);
    return result;
  }
  const match = matchKind(apiVersion, kind);
  if (match.kind === 'other') return result;
  const decoded = decode(chunk.doc, kindSpecs[match.ourKind]);
  if (match.kind === 'unserved') {
    result.diagnostics = [unservedDiagnostic(chunk, decoded, match.ourKind, match.apiVersion)];
    return result;
  }
  result.diagnostics = new DocumentValidation(chunk, decoded, match.ourKind, settings).run();
  return result;
}

function unservedDiagnostic(
  chunk: ParsedChunk,
  decoded: Decoded,
  kind: OurKind,
  apiVersion: string,
): EndpointDiagnostic {
  const why =
    removedApiVersions[apiVersion] ?? `use ${kind === 'EndpointSlice' ? 'discovery.k8s.io/v1' : 'v1'}`;
  return {
    range: locate(chunk, decoded.locations, 'apiVersion'),
    severity: 'error',
    code: 'apiversion-not-served',
    message: `no matches for kind "${kind}" in version "${apiVersion}" (${why})`,
    origin: 'apiserver',
    reason: 'NotFound',
    field: 'apiVersion',
  };
}

class DocumentValidation {
  private readonly ctx: RuleContext;
  private readonly out: EndpointDiagnostic[] = [];

  constructor(
    private readonly chunk: ParsedChunk,
    private readonly decoded: Decoded,
    private readonly kind: OurKind,
    settings: ServiceSettings,
  ) {
    this.ctx = { behaviour: behaviourOf(settings.kubernetesVersion), settings };
  }

  run(): EndpointDiagnostic[] {
    // The deprecation warning is attached to every request for v1 Endpoints, failed ones included.
    if (this.kind === 'Endpoints') this.warn(endpointsDeprecation());
    if (this.decodeFailed()) return this.out;
    const errors =
      this.kind === 'EndpointSlice'
        ? validateEndpointSlice(this.slice(), this.ctx)
        : validateEndpoints(this.endpoints(), this.ctx);
    errors.forEach((e) => this.fieldError(e));
    if (errors.length === 0) {
      const warnings =
        this.kind === 'EndpointSlice'
          ? endpointSliceWarnings(this.slice(), this.ctx)
          : endpointsWarnings(this.endpoints(), this.ctx);
      warnings.forEach((w) => this.warn(w));
    }
    if (this.ctx.settings.advisories) {
      duplicateKeyAdvisories(this.decoded.issues).forEach((a) => this.advise(a, 'warning'));
      if (this.kind === 'EndpointSlice') {
        endpointSliceAdvisories(this.slice(), this.ctx).forEach((a) => this.advise(a));
      }
    }
    return this.out;
  }

  /** Type errors fail the request outright; unknown fields do so only under Strict validation. */
  private decodeFailed(): boolean {
    const issues = this.decoded.issues;
    const fatal = issues.filter((i) => i.kind === 'type' || i.kind === 'limit');
    if (fatal.length > 0) {
      fatal.forEach((i) =>
        this.decodeError(i, `${this.kind} in version "v1" cannot be handled as a ${this.kind}: ${i.message}`),
      );
      return true;
    }
    // kubectl's YAML reader keeps the last of duplicate keys, so only unknown fields reach the server.
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
      range: rangeOf(this.chunk, start, end),
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
      range: locate(this.chunk, this.decoded.locations, error.target ?? error.field, error.targetKey),
      severity: 'error',
      code: error.code,
      message: causeMessage(error),
      origin: 'apiserver',
      reason: error.type,
      field: error.field,
    });
  }

  private warn(note: Note): void {
    this.push(note, 'warning', 'apiserver', 'Warning');
  }

  private advise(note: Note, severity: EndpointDiagnostic['severity'] = 'information'): void {
    this.push(note, severity, 'advisory', 'Advisory');
  }

  private push(
    note: Note,
    severity: EndpointDiagnostic['severity'],
    origin: EndpointDiagnostic['origin'],
    reason: EndpointDiagnostic['reason'],
  ): void {
    this.out.push({
      range: locate(this.chunk, this.decoded.locations, note.target ?? note.field, note.targetKey),
      severity,
      code: note.code,
      message: note.message,
      origin,
      reason,
      field: note.field,
    });
  }

  private slice(): EndpointSlice {
    return this.decoded.value;
  }

  private endpoints(): Endpoints {
    return this.decoded.value;
  }
}
