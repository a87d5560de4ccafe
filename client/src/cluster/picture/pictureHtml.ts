/**
 * The routing picture's page: a strict Content Security Policy (nothing loaded at all, the one
 * script and style allowed by a fresh nonce), VS Code's theme variables for every colour (light,
 * dark and high contrast follow the workbench), and the bundled script dist/picture.js written
 * into the page. Inline, because a webview fetches its resources through a service worker that,
 * after a window reload, may answer seconds late: a restored picture then stayed blank that long.
 */

/** A fresh nonce per page (Web Crypto: the same in Node and in a web extension host). */
export function nonce(): string {
  const bytes = new Uint8Array(18);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** `script`: the text of dist/picture.js. */
export function pictureHtml(script: string, once: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${once}'; script-src 'nonce-${once}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Routing picture</title>
<style nonce="${once}">${styles}</style>
</head>
<body>
<header>
  <h1 id="title">Routing picture</h1>
  <span id="verdict" class="verdict" role="status"></span>
  <span class="legend" aria-label="Endpoints by state">
    <span class="swatch tone-ready"></span>ready <b id="count-ready">0</b>
    <span class="swatch tone-serving"></span>serving, not ready <b id="count-serving">0</b>
    <span class="swatch tone-notReady"></span>not ready <b id="count-notReady">0</b>
  </span>
  <button id="ports" type="button" aria-pressed="false" title="Service port → targetPort → endpoint port">Ports</button>
  <button id="hints" type="button" aria-pressed="true" title="Which zones consume which endpoints" hidden>Hints</button>
  <button id="switch" type="button" hidden></button>
</header>
<p id="origin"></p>
<p id="status" role="status"></p>
<p id="notes"></p>
<section id="ports-table" hidden></section>
<p class="help">Click an item to reveal it in the Clusters view, Shift+click or double-click to open its YAML; a group expands on click. Keys: Tab, arrows, Enter, Shift+Enter.</p>
<div id="stage">
<svg id="picture" role="group" aria-label="Where traffic goes">
  <g id="headings">
    <text x="16" y="20">Service</text><text x="266" y="20">EndpointSlices</text><text x="496" y="20">Endpoints</text>
    <text x="716" y="20" id="heading-pods">Pods</text><text x="966" y="20" class="placed">Nodes</text><text x="1156" y="20" class="placed">Zones</text>
  </g>
  <g id="edges"></g>
  <g id="items"></g>
</svg>
</div>
<div id="card" role="tooltip" hidden></div>
<script nonce="${once}">${inScriptElement(script)}</script>
</body>
</html>`;
}

const styles = `
:root { --ready: var(--vscode-testing-iconPassed, #388a34); --serving: var(--vscode-editorWarning-foreground, #bf8803);
  --notReady: var(--vscode-testing-iconFailed, #e51400); --mixed: var(--vscode-list-warningForeground, #b89500);
  --line: var(--vscode-panel-border, #80808059); }
body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family);
  font-size: var(--vscode-font-size); margin: 0; padding: 0 12px 12px; }
header { display: flex; flex-wrap: wrap; align-items: center; gap: 12px; position: sticky; top: 0; padding: 8px 0;
  background: var(--vscode-editor-background); z-index: 1; border-bottom: 1px solid var(--line); }
h1 { font-size: 1.2em; margin: 0; }
.verdict.healthy { color: var(--ready); } .verdict.nowhere { color: var(--notReady); font-weight: bold; }
.verdict.degraded { color: var(--mixed); }
.legend { display: inline-flex; align-items: center; gap: 4px; color: var(--vscode-descriptionForeground); }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-left: 6px; }
.swatch.tone-ready { background: var(--ready); } .swatch.tone-serving { background: var(--serving); }
.swatch.tone-notReady { background: var(--notReady); }
button { color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground);
  border: 1px solid var(--vscode-button-border, transparent); padding: 2px 10px; cursor: pointer; }
button[aria-pressed="true"] { color: var(--vscode-button-foreground); background: var(--vscode-button-background); }
button:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
#status:empty, #notes:empty, #origin:empty { display: none; }
#origin { margin: 4px 0 0; font-weight: 600; } body.workspace #origin { color: var(--vscode-textLink-foreground); }
body.workspace #headings .placed, body.workspace .legend { display: none; }
#status { color: var(--vscode-errorForeground); }
.help { color: var(--vscode-descriptionForeground); margin: 4px 0; }
table { border-collapse: collapse; margin: 6px 0; }
th, td { border: 1px solid var(--line); padding: 2px 8px; text-align: left; }
#stage { overflow: auto; } #picture { display: block; height: auto; }
svg text { fill: var(--vscode-foreground); font-size: 12px; }
#headings text { fill: var(--vscode-descriptionForeground); font-weight: bold; }
.item { transition: transform 250ms ease, opacity 250ms ease; }
.item.entering, .item.leaving, .edge.entering, .edge.leaving { opacity: 0; }
.item .box { fill: var(--vscode-editorWidget-background, var(--vscode-editor-background)); stroke: var(--line);
  transition: stroke 250ms ease; }
.item .box.plain { fill: none; stroke: none; }
.item .stripe { fill: var(--line); transition: fill 250ms ease; }
.item text.title { font-weight: 600; }
.item text.detail { fill: var(--vscode-descriptionForeground); }
.item.tone-ready .stripe, .part.tone-ready { fill: var(--ready); }
.item.tone-serving .stripe, .part.tone-serving { fill: var(--serving); }
.item.tone-notReady .stripe, .part.tone-notReady { fill: var(--notReady); }
.item.tone-mixed .stripe { fill: var(--mixed); }
.item.tone-warning .stripe { fill: var(--serving); }
.item.tone-ready .box { stroke: var(--ready); } .item.tone-notReady .box { stroke: var(--notReady); }
.item.tone-serving .box { stroke: var(--serving); } .item.tone-warning .box { stroke: var(--serving); stroke-dasharray: 4 3; }
.item.interactive { cursor: pointer; }
.item.interactive:hover .box { fill: var(--vscode-list-hoverBackground); }
.item:focus { outline: none; } .item:focus .box { stroke: var(--vscode-focusBorder); stroke-width: 2; }
.item.collapsed .title { text-decoration: underline dotted; }
.edge { fill: none; stroke: var(--line); stroke-width: 1.2; transition: stroke 250ms ease, opacity 250ms ease; }
.edge.tone-ready { stroke: var(--ready); } .edge.tone-serving { stroke: var(--serving); }
.edge.tone-notReady { stroke: var(--notReady); stroke-dasharray: 3 3; } .edge.tone-mixed { stroke: var(--mixed); }
.edge.hint { stroke: var(--vscode-charts-purple, #a074c4); stroke-dasharray: 6 4; opacity: 0.8; }
svg.hide-hints .edge.hint { display: none; }
#card { position: absolute; max-width: 460px; white-space: pre-line; padding: 6px 8px; z-index: 2;
  color: var(--vscode-editorHoverWidget-foreground); background: var(--vscode-editorHoverWidget-background);
  border: 1px solid var(--vscode-editorHoverWidget-border); pointer-events: none; }
body.vscode-high-contrast .item .box, body.vscode-high-contrast-light .item .box { stroke: var(--vscode-contrastBorder); stroke-width: 2; }
body.vscode-high-contrast .edge, body.vscode-high-contrast-light .edge { stroke-width: 2; }
@media (prefers-reduced-motion: reduce) { .item, .edge, .item .box, .item .stripe { transition: none; } }
`;

/**
 * The script as the text of a script element: a `</script` inside it would end the element
 * early, and `<!--` or `<script` would change how the HTML parser reads the rest. Escaped
 * (`<\/`, `\x3C`), each means the same in JavaScript strings, templates and regular expressions,
 * the only places a bundle has them.
 */
function inScriptElement(script: string): string {
  return script.replace(/<\/(script)/gi, '<\\/$1').replace(/<(!--|script)/gi, '\\x3C$1');
}

export function failedHtml(error: unknown): string {
  const reason = (error instanceof Error ? error.message : String(error)).replace(
    /[<>&"]/g,
    (c) => `&#${c.charCodeAt(0)};`,
  );
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="UTF-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none';"></head>
<body><p>The routing picture could not load its script (dist/picture.js): ${reason}. Reinstalling the extension should help.</p></body>
</html>`;
}
