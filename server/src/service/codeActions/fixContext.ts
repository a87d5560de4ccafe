import { kindSpecs } from '../k8s/schema';
import type { CodeAction, CodeActionDiagnostic, TextEdit } from '../languageTypes';
import type { Decoded } from '../decode/decode';
import type { TextSource } from '../source/chunkedText';
import type { ParsedDocuments } from '../store/documentStore';
import type { ParsedChunk } from '../yaml/yamlDocument';
import type { ServiceSettings } from '../settings';
import type { OurKind } from '../types';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import type { PathStep } from '../yamlText/blockPath';
import { documentAt } from '../yamlText/documentAt';
import { documentIdentity } from '../yamlText/identity';
import type { DocumentIdentity } from '../yamlText/identity';
import { nodeAt, offsetAt } from '../yamlText/nodeAt';
import type { NodeAt } from '../yamlText/nodeAt';

/** Everything a quick fix reads: the document the diagnostic is in, parsed and decoded. */
export interface FixContext {
  /** The whole file. */
  source: TextSource;
  diagnostic: CodeActionDiagnostic;
  kind: OurKind;
  parsed: ParsedChunk;
  decoded: Decoded;
  /** First line of the document in the file. */
  startLine: number;
  identity: DocumentIdentity;
  /** The scalar under the start of the diagnostic's range. */
  target: NodeAt | undefined;
  settings: ServiceSettings;
  index: WorkspaceIndex | undefined;
}

/** What the fixes of one document share: parsed, decoded and identified once per request. */
type DocumentBase = Pick<FixContext, 'kind' | 'parsed' | 'decoded' | 'startLine' | 'identity'>;

/** Documents already read during one code-action request, by text. */
export type FixDocuments = Map<string, DocumentBase>;

/**
 * `documents` is a memo for one request: several diagnostics of a document (ten problems in one
 * slice) read it parsed once. Fixers read the parse and never change it (splitFix clones).
 */
export function fixContext(
  store: ParsedDocuments,
  source: TextSource,
  diagnostic: CodeActionDiagnostic,
  settings: ServiceSettings,
  index: WorkspaceIndex | undefined,
  documents: FixDocuments = new Map(),
): FixContext | undefined {
  const doc = documentAt(source, diagnostic.range.start.line);
  const kind = doc.kind;
  if (!kind) return undefined;
  let base = documents.get(doc.chunk.text);
  if (!base) {
    const parsed = store.parse(doc.chunk.text);
    const { startLine, text } = doc.chunk;
    base = {
      kind,
      parsed,
      decoded: store.decode(parsed, kindSpecs[kind]),
      startLine,
      identity: documentIdentity(text),
    };
    documents.set(text, base);
  }
  const { line, character } = diagnostic.range.start;
  const offset = offsetAt(doc.chunk.text, line - doc.chunk.startLine, character);
  return { ...base, source, diagnostic, target: nodeAt(base.parsed.doc.contents, offset), settings, index };
}

/** `subsets[0].ports[1].name` or `metadata.labels[app]` as path segments. */
export function fieldSegments(field: string): PathStep[] {
  const out: PathStep[] = [];
  for (const match of field.matchAll(/([^.[\]]+)|\[([^\]]*)\]/g)) {
    const [, name, bracket] = match;
    if (name !== undefined) out.push(name);
    else out.push(/^\d+$/.test(bracket ?? '') ? Number(bracket) : (bracket ?? ''));
  }
  return out;
}

export function quickFix(ctx: FixContext, title: string, edits: TextEdit[], isPreferred = false): CodeAction {
  const action: CodeAction = { title, kind: 'quickfix', edits, diagnostics: [ctx.diagnostic] };
  if (isPreferred) action.isPreferred = true;
  return action;
}
