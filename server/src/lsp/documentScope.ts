import type { TextDocument } from 'vscode-languageserver-textdocument';

/** JSON that names one of our kinds (a manifest, a List of them); other JSON is never parsed. */
const ourJson = /"(?:EndpointSlice|Endpoints)(?:List)?"/;

/**
 * Whether a document is worth validating. The client sends every JSON document of the
 * workspace (package.json, tsconfig.json, …); they get no diagnostics and cost no parse unless
 * they mention EndpointSlice or Endpoints. YAML and Helm templates are always validated: the
 * service itself stays silent on documents that are not ours.
 */
export function worthValidating(document: TextDocument): boolean {
  if (document.languageId !== 'json' && document.languageId !== 'jsonc') return true;
  return ourJson.test(document.getText());
}
