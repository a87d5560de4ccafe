/**
 * How large or intricate one `---` document may be before a feature turns itself off for it,
 * so that no request costs more than a bounded amount of work. Real manifests stay far below
 * these; what exceeds them is generated or hostile (a 5 MB flow collection on one line, a
 * template of 20,000 tags, a map nested 3,000 levels deep). Documented in the README.
 *
 * - Completion, hover and the outline are off for a document over `documentChars`, with a line
 *   over `lineChars`, with more than `templateTags` template tags, or nested (by indentation)
 *   beyond `indentColumns`.
 * - A template with more than `templateTags` tags is not checked at all: each if/else chain
 *   multiplies the work. Nor is a YAML document with a line over `validationLineChars` (a flow
 *   collection of megabytes on one line costs the yaml library seconds per keystroke), nor a
 *   document over `validationDocumentChars` unless it is a `List` dump validated item by item
 *   (its tree would take 80 times its size; pipeline/validateChunk.ts).
 * A document of ours that a limit switches something off for gets a `limit-exceeded` advice
 * saying which limit and what is off.
 */
export const documentLimits = {
  documentChars: 2_000_000,
  lineChars: 100_000,
  templateTags: 2_000,
  indentColumns: 400,
  validationLineChars: 1_000_000,
  validationDocumentChars: 8_000_000,
} as const;

/** Template tags in a text, counted up to just past `limit`. */
export function templateTagCount(text: string, limit: number = documentLimits.templateTags): number {
  if (!text.includes('{')) return 0;
  // Opening delimiters of Helm and Jinja tags.
  const tagOpen = /\{\{|\{%|\{#/g;
  let count = 0;
  while (count <= limit && tagOpen.exec(text)) count++;
  return count;
}

/** Why completion, hover and the outline are off for a document, or undefined when they are on. */
export function editingLimitExceeded(text: string): string | undefined {
  const limits = documentLimits;
  if (text.length > limits.documentChars) {
    return `it is longer than ${limits.documentChars.toLocaleString('en-US')} characters`;
  }
  for (let start = 0; start <= text.length;) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    if (end - start > limits.lineChars) {
      return `a line is longer than ${limits.lineChars.toLocaleString('en-US')} characters`;
    }
    let indent = start;
    while (indent < end && text.charCodeAt(indent) === 32) indent++;
    if (indent - start > limits.indentColumns) {
      return `it is indented deeper than ${limits.indentColumns} columns`;
    }
    start = end + 1;
  }
  if (templateTagCount(text) > limits.templateTags) {
    return `it has more than ${limits.templateTags.toLocaleString('en-US')} template tags`;
  }
  return undefined;
}

/** Why a document is not validated at all, or undefined when it is. */
export function validationLimitExceeded(text: string): string | undefined {
  if (text.length > documentLimits.validationDocumentChars) {
    return `it is longer than ${documentLimits.validationDocumentChars.toLocaleString('en-US')} characters`;
  }
  if (templateTagCount(text) > documentLimits.templateTags) {
    return `it has more than ${documentLimits.templateTags.toLocaleString('en-US')} template tags`;
  }
  if (text.length <= documentLimits.validationLineChars) return undefined;
  for (let start = 0; start <= text.length;) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    if (end - start > documentLimits.validationLineChars) {
      return `a line is longer than ${documentLimits.validationLineChars.toLocaleString('en-US')} characters`;
    }
    start = end + 1;
  }
  return undefined;
}
