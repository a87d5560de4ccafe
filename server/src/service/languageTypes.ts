import type { Position, Range } from './types';

/**
 * Results of the editing features (completion, hover, code actions, symbols, migration). Like
 * the diagnostic types, they mirror the LSP shapes structurally so the server converts only the
 * enumerations, and the service stays free of any LSP package.
 */

export interface TextEdit {
  range: Range;
  newText: string;
}

export type CompletionKind =
  'property' | 'value' | 'enum' | 'keyword' | 'snippet' | 'reference' | 'constant' | 'module';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  /** Short text shown beside the label (the Go type, `(required)`, the Service a port comes from). */
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Snippet syntax (`$1`, `${1:default}`, `${1|a,b|}`) when `snippet` is true, else plain text. */
  insertText: string;
  snippet: boolean;
  /** Replaces the word being typed; insert text is written at absolute indentation. */
  range: Range;
  filterText?: string;
  sortText?: string;
  deprecated?: boolean;
  preselect?: boolean;
}

export interface CompletionResult {
  items: CompletionItem[];
  /** True when typing more may bring other items, so the client should ask again. */
  isIncomplete: boolean;
}

export interface Hover {
  /** Markdown. */
  contents: string;
  range: Range;
}

export type CodeActionKind = 'quickfix' | 'refactor.rewrite';

export interface CodeActionDiagnostic {
  range: Range;
  code: string;
  message?: string;
  /** The apiserver field path from the diagnostic's `data.field`, when the client sent it back. */
  field?: string;
}

export interface CodeAction {
  title: string;
  kind: CodeActionKind;
  /** Edits of the document the action was asked for. */
  edits: TextEdit[];
  /** Edits of other files, by uri (a routing fix changes the pod template's label). */
  otherFiles?: Record<string, TextEdit[]>;
  /** The diagnostics this action fixes (as the client sent them). */
  diagnostics?: CodeActionDiagnostic[];
  isPreferred?: boolean;
}

export type SymbolKind = 'object' | 'array' | 'field' | 'constant' | 'string' | 'number' | 'enumMember';

export interface DocumentSymbol {
  name: string;
  detail?: string;
  kind: SymbolKind;
  range: Range;
  selectionRange: Range;
  children?: DocumentSymbol[];
}

/** A cursor: a text and a place in it, as completion and hover receive them. */
export interface TextPosition {
  text: string;
  position: Position;
}
