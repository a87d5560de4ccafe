/**
 * A document that names one of our kinds somewhere, even when it does not parse: a top-level
 * or List item `kind:` line in YAML (keys may be quoted), or a `"kind": "…"` member in JSON.
 * Syntax problems are reported only for these, so a broken Deployment stays silent.
 */
const ourKindMention =
  /(?:^[ \t]*(?:-[ \t]+)?|[{,][ \t]*)["']?kind["']?[ \t]*:[ \t]*["']?(?:EndpointSlice|Endpoints)(?:List)?["']?[ \t]*(?:[,}#\r]|$)/m;

export function looksLikeOurs(text: string): boolean {
  return ourKindMention.test(text);
}
