import type { CodeAction, CodeActionDiagnostic } from '../languageTypes';
import { convertEndpointEdits } from '../migration/convertText';
import type { TextSource } from '../source/chunkedText';
import { defaultMigrationSettings } from '../settings';
import type { ServiceSettings } from '../settings';
import type { ParsedDocuments } from '../store/documentStore';
import type { Range } from '../types';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import { documentAt } from '../yamlText/documentAt';
import { wrongFamilyFix } from './familyFix';
import { fixContext } from './fixContext';
import type { FixContext, FixDocuments } from './fixContext';
import { serviceNameLabelFix } from './labelFixes';
import { portNameFix, portNameToServiceFix } from './portFixes';
import { selectorFixes } from './routingFixes';
import type { WorkspaceFixRequest } from './routingFixes';
import { splitSliceFix } from './splitFix';
import {
  addressTypeFix,
  apiVersionFix,
  canonicalIPFix,
  dnsNameFix,
  protocolFix,
  unknownFieldFix,
} from './valueFixes';

/** The quick fixes by diagnostic code (validation/codes.ts): one obvious repair each. */
const fixers: Record<string, (ctx: FixContext) => CodeAction[]> = {
  'ip-leading-zeros': canonicalIPFix,
  'ip-ipv4-mapped': canonicalIPFix,
  'ip-not-canonical': canonicalIPFix,
  'ip-non-standard-warning': canonicalIPFix,
  'ipv6-non-canonical-warning': canonicalIPFix,
  'address-type-unsupported': addressTypeFix,
  'port-protocol-unsupported': protocolFix,
  'apiversion-not-served': apiVersionFix,
  'metadata-name-invalid': dnsNameFix('subdomain'),
  'node-name-invalid': dnsNameFix('subdomain'),
  'hostname-invalid': dnsNameFix('label'),
  'port-name-invalid': dnsNameFix('label'),
  'unknown-field': unknownFieldFix,
  'service-name-label-missing': serviceNameLabelFix,
  'port-name-required': portNameFix,
  'port-name-duplicate': portNameFix,
  'port-name-not-in-service': portNameToServiceFix,
  'address-wrong-family': wrongFamilyFix,
  'endpoints-too-many': splitSliceFix,
  'endpoints-over-controller-limit': splitSliceFix,
};

/** Fixes that edit other files of the workspace too, by diagnostic code. */
const workspaceFixers: Record<string, (request: WorkspaceFixRequest) => CodeAction[]> = {
  'selector-matches-no-template': selectorFixes,
};

/** `store`: the service's documents, each parsed once per version for every feature. */
export function codeActions(
  store: ParsedDocuments,
  source: TextSource,
  range: Range,
  diagnostics: readonly CodeActionDiagnostic[],
  settings: ServiceSettings,
  index?: WorkspaceIndex,
  uri?: string,
): CodeAction[] {
  const actions: CodeAction[] = [];
  const documents: FixDocuments = new Map();
  for (const diagnostic of diagnostics) {
    const workspaceFixer = workspaceFixers[diagnostic.code];
    if (workspaceFixer && index && uri !== undefined) {
      actions.push(...workspaceFixer({ source, uri, diagnostic, index }));
    }
    const fixer = fixers[diagnostic.code];
    if (!fixer) continue;
    const ctx = fixContext(store, source, diagnostic, settings, index, documents);
    if (ctx) actions.push(...fixer(ctx).filter((a) => a.edits.length > 0));
  }
  const convert = convertAction(store, source, range, settings, diagnostics);
  if (convert) actions.push(convert);
  return actions;
}

/** "Convert Endpoints to EndpointSlices" for the Endpoints document at the range. */
function convertAction(
  store: ParsedDocuments,
  source: TextSource,
  range: Range,
  settings: ServiceSettings,
  diagnostics: readonly CodeActionDiagnostic[],
): CodeAction | undefined {
  if (documentAt(source, range.start.line).kind !== 'Endpoints') return undefined;
  const result = convertEndpointEdits(
    store,
    source,
    settings.migration ?? defaultMigrationSettings,
    range.start.line,
  );
  if (result.converted === 0) return undefined;
  const deprecation = diagnostics.filter((d) => d.code === 'endpoints-deprecated');
  const plural = result.slices === 1 ? 'EndpointSlice' : `${result.slices} EndpointSlices`;
  return {
    title: `Convert Endpoints to ${plural}`,
    kind: deprecation.length > 0 ? 'quickfix' : 'refactor.rewrite',
    edits: result.edits,
    ...(deprecation.length > 0 ? { diagnostics: deprecation } : {}),
  };
}
