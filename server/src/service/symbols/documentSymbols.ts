import { isMap, isScalar, isSeq } from 'yaml';
import type { Node, YAMLMap } from 'yaml';
import { matchKind } from '../k8s/kinds';
import type { DocumentSymbol, SymbolKind } from '../languageTypes';
import { editingLimitExceeded } from '../source/limits';
import { rangeOf, topLevelScalar } from '../yaml/yamlDocument';
import type { ParsedDocuments } from '../store/documentStore';
import type { ParsedChunk } from '../yaml/yamlDocument';
import type { Range } from '../types';

/**
 * The outline of a file: each EndpointSlice and Endpoints document with its endpoints (by
 * address, readiness in the detail), its subsets and its ports. Other kinds are left to the
 * YAML extension's outline.
 */
/** The outline of one `---` document, lines counted from its start (symbolCache.ts places it). */
export function chunkSymbols(store: ParsedDocuments, text: string): DocumentSymbol[] {
  // Beyond a limit the outline is off (the document's limit-exceeded advice says so).
  if (editingLimitExceeded(text)) return [];
  const parsed = store.parse(text);
  const root = parsed.doc.contents;
  const match = matchKind(topLevelScalar(parsed, 'apiVersion'), topLevelScalar(parsed, 'kind'));
  if (!isMap(root) || match.kind === 'other') return [];
  const outline = new Outline(parsed);
  return [match.ourKind === 'EndpointSlice' ? outline.slice(root) : outline.endpoints(root)];
}

class Outline {
  constructor(private readonly parsed: ParsedChunk) {}

  slice(root: YAMLMap): DocumentSymbol {
    const endpoints = root.get('endpoints', true);
    const count = isSeq(endpoints) ? endpoints.items.length : 0;
    const detail = `${str(root.get('addressType')) ?? '?'} · ${count} endpoint${count === 1 ? '' : 's'}`;
    const children = [
      this.list(root, 'endpoints', (item) => this.endpoint(item)),
      this.list(root, 'ports', (item) => this.port(item)),
    ];
    return this.top(root, 'EndpointSlice', detail, children);
  }

  endpoints(root: YAMLMap): DocumentSymbol {
    const subsets = root.get('subsets', true);
    const count = isSeq(subsets) ? subsets.items.length : 0;
    const children = [
      this.list(root, 'subsets', (item, i) => {
        if (!isMap(item)) return undefined;
        const parts = [
          this.list(item, 'addresses', (a) => this.address(a, 'ready')),
          this.list(item, 'notReadyAddresses', (a) => this.address(a, 'not ready')),
          this.list(item, 'ports', (p) => this.port(p)),
        ];
        return this.symbol(`subset ${i}`, 'object', item, item, undefined, parts);
      }),
    ];
    return this.top(root, 'Endpoints', `${count} subset${count === 1 ? '' : 's'}`, children);
  }

  private top(
    root: YAMLMap,
    kind: string,
    detail: string,
    children: (DocumentSymbol | undefined)[],
  ): DocumentSymbol {
    const metadata = root.get('metadata', true);
    const nameNode = isMap(metadata) ? metadata.get('name', true) : undefined;
    const name = isScalar(nameNode) ? String(nameNode.value) : '(unnamed)';
    const selection = (isScalar(nameNode) ? nameNode : root.get('kind', true)) as Node | undefined;
    return this.symbol(`${kind} ${name}`, 'object', root, selection ?? root, detail, children);
  }

  private list(
    map: YAMLMap,
    key: string,
    each: (item: unknown, index: number) => DocumentSymbol | undefined,
  ): DocumentSymbol | undefined {
    const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
    if (!pair || !isSeq(pair.value)) return undefined;
    const children = pair.value.items.map(each);
    // The symbol spans the key and its list, so the key (its selection) lies inside it.
    const keyStart = (pair.key as Node).range?.[0] ?? 0;
    const [, valueEnd = keyStart, nodeEnd = valueEnd] = pair.value.range ?? [];
    const whole = { range: [keyStart, valueEnd, nodeEnd] };
    return this.symbol(key, 'array', whole, pair.key, `${children.length}`, children);
  }

  private endpoint(item: unknown): DocumentSymbol | undefined {
    if (!isMap(item)) return undefined;
    const addresses = item.get('addresses', true);
    const list = isSeq(addresses) ? addresses.items.map((a) => (isScalar(a) ? String(a.value) : '?')) : [];
    const name =
      list.length === 0 ? '(no address)' : `${list[0] ?? ''}${list.length > 1 ? ` +${list.length - 1}` : ''}`;
    const conditions = item.get('conditions', true);
    const ready = isMap(conditions) ? conditions.get('ready') : undefined;
    const node = str(item.get('nodeName'));
    const detail = [ready === false ? 'not ready' : 'ready', node ? `on ${node}` : '']
      .filter(Boolean)
      .join(' ');
    return this.symbol(name, 'constant', item, isSeq(addresses) ? addresses : item, detail);
  }

  private address(item: unknown, state: string): DocumentSymbol | undefined {
    if (!isMap(item)) return undefined;
    const ip = item.get('ip', true);
    return this.symbol(isScalar(ip) ? String(ip.value) : '(no ip)', 'constant', item, ip ?? item, state);
  }

  private port(item: unknown): DocumentSymbol | undefined {
    if (!isMap(item)) return undefined;
    const name = str(item.get('name')) || '(unnamed)';
    const port = item.get('port');
    const detail = `${typeof port === 'number' ? port : '?'}/${str(item.get('protocol')) ?? 'TCP'}`;
    return this.symbol(name, 'number', item, item, detail);
  }

  private symbol(
    name: string,
    kind: SymbolKind,
    node: unknown,
    selection: unknown,
    detail?: string,
    children?: (DocumentSymbol | undefined)[],
  ): DocumentSymbol {
    const range = this.range(node);
    const symbol: DocumentSymbol = { name, kind, range, selectionRange: this.range(selection, range) };
    if (detail) symbol.detail = detail;
    const kept = children?.filter((c): c is DocumentSymbol => c !== undefined);
    if (kept && kept.length > 0) symbol.children = kept;
    return symbol;
  }

  private range(node: unknown, fallback?: Range): Range {
    const nodeRange = (node as Node | null)?.range;
    if (!nodeRange) {
      return (
        fallback ?? {
          start: { line: 0, character: 0 },
          end: { line: 0, character: 0 },
        }
      );
    }
    // A node's range may end after trailing line breaks; the symbol ends at its last character.
    let end = nodeRange[1];
    while (end > nodeRange[0] && /\s/.test(this.parsed.text[end - 1] ?? '')) end--;
    return rangeOf(this.parsed, nodeRange[0], end);
  }
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
