import {
  CompletionItemKind,
  CompletionItemTag,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  SymbolKind,
} from 'vscode-languageserver';
import type {
  CodeAction as LspCodeAction,
  CompletionItem as LspCompletionItem,
  Diagnostic,
  DocumentSymbol as LspDocumentSymbol,
  Hover as LspHover,
} from 'vscode-languageserver';
import type {
  CodeAction,
  CodeActionDiagnostic,
  CompletionItem,
  CompletionKind,
  DocumentSymbol,
  Hover,
  SymbolKind as ServiceSymbolKind,
} from '../service';

/**
 * The service's results as LSP values. The shapes already match; only enumerations, Markdown
 * wrappers and the document URI of edits are added here.
 */
const completionKinds: Record<CompletionKind, CompletionItemKind> = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  enum: CompletionItemKind.EnumMember,
  keyword: CompletionItemKind.Keyword,
  snippet: CompletionItemKind.Snippet,
  reference: CompletionItemKind.Reference,
  constant: CompletionItemKind.Constant,
  module: CompletionItemKind.Module,
};

const symbolKinds: Record<ServiceSymbolKind, SymbolKind> = {
  object: SymbolKind.Object,
  array: SymbolKind.Array,
  field: SymbolKind.Field,
  constant: SymbolKind.Constant,
  string: SymbolKind.String,
  number: SymbolKind.Number,
  enumMember: SymbolKind.EnumMember,
};

export function toLspCompletion(item: CompletionItem): LspCompletionItem {
  const out: LspCompletionItem = {
    label: item.label,
    kind: completionKinds[item.kind],
    textEdit: { range: item.range, newText: item.insertText },
    insertTextFormat: item.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    // The service writes absolute indentation; the client must not add the line's own.
    insertTextMode: InsertTextMode.asIs,
  };
  if (item.detail !== undefined) out.detail = item.detail;
  if (item.documentation !== undefined) {
    out.documentation = { kind: MarkupKind.Markdown, value: item.documentation };
  }
  if (item.filterText !== undefined) out.filterText = item.filterText;
  if (item.sortText !== undefined) out.sortText = item.sortText;
  if (item.preselect) out.preselect = true;
  if (item.deprecated) out.tags = [CompletionItemTag.Deprecated];
  return out;
}

export function toLspHover(hover: Hover): LspHover {
  return { contents: { kind: MarkupKind.Markdown, value: hover.contents }, range: hover.range };
}

export function toLspSymbol(symbol: DocumentSymbol): LspDocumentSymbol {
  const out: LspDocumentSymbol = {
    name: symbol.name,
    kind: symbolKinds[symbol.kind],
    range: symbol.range,
    selectionRange: symbol.selectionRange,
  };
  if (symbol.detail !== undefined) out.detail = symbol.detail;
  if (symbol.children) out.children = symbol.children.map(toLspSymbol);
  return out;
}

/** The client's diagnostics as the service reads them, remembering which is which. */
export function fromLspDiagnostics(
  diagnostics: readonly Diagnostic[],
): Map<CodeActionDiagnostic, Diagnostic> {
  const out = new Map<CodeActionDiagnostic, Diagnostic>();
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== 'endpointslices' || diagnostic.code === undefined) continue;
    const data = diagnostic.data as { field?: unknown } | undefined;
    const ours: CodeActionDiagnostic = { range: diagnostic.range, code: String(diagnostic.code) };
    if (typeof data?.field === 'string') ours.field = data.field;
    out.set(ours, diagnostic);
  }
  return out;
}

export function toLspCodeAction(
  action: CodeAction,
  uri: string,
  diagnostics: Map<CodeActionDiagnostic, Diagnostic>,
): LspCodeAction {
  const out: LspCodeAction = {
    title: action.title,
    kind: action.kind,
    edit: { changes: { ...action.otherFiles, ...(action.edits.length > 0 ? { [uri]: action.edits } : {}) } },
  };
  const fixed = (action.diagnostics ?? []).flatMap((d) => {
    const original = diagnostics.get(d);
    return original ? [original] : [];
  });
  if (fixed.length > 0) out.diagnostics = fixed;
  if (action.isPreferred) out.isPreferred = true;
  return out;
}
