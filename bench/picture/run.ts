/**
 * The routing picture's costs (issue 17): building and laying out the picture of a Service in the
 * extension (the pure model, as the panel does it on every change), and drawing it in the
 * webview's page: the real dist/picture.js in headless Chromium, under the panel's own HTML and
 * Content Security Policy, fed the scene the model produced. Measured for 1 endpoint and 1,000
 * (grouped per node, as the panel opens, and every group expanded), from the page's navigation to
 * the picture on screen, and for a readiness flip from the new scene's arrival to the recoloured
 * endpoint. VS Code's own part (creating the webview, its iframes) is not in these numbers: the UI
 * checks (scripts/e2e/picture.mjs) print it for the demo Services, with a real readiness write.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import type { Page } from 'playwright-core';
import { NamespaceData } from '../../client/src/cluster/model';
import type { EndpointSlice, KubeObject, Pod, ResourceKind } from '../../client/src/cluster/model';
import { pictureHtml } from '../../client/src/cluster/picture/pictureHtml';
import { buildPicture, engineSlots, layoutPicture } from '../../client/src/cluster/picture/model';
import type { Scene } from '../../client/src/cluster/picture/model';
import { repoRoot } from '../lsp/servers';
import { median } from '../util/stats';

export interface PictureRow {
  scenario: string;
  endpoints: number;
  items: number;
  /** The scene message's size as JSON (what VS Code carries to the webview). */
  bytes: number;
  /** buildPicture + the engine's reasons + layoutPicture, median ms. */
  modelMs: number;
  /** Navigation to the picture drawn (page load, script, model, first frame), median ms. */
  openMs: number;
  /** A readiness flip: the new scene posted to the endpoint recoloured on screen, median ms. */
  flipMs: number;
  runs: number;
}

export interface PictureResults {
  rows: PictureRow[];
}

const origin = 'https://picture.bench';

/** A namespace with one Service `big` and `count` endpoints over 10 nodes in 3 zones. */
function namespace(count: number, notReady = -1): NamespaceData {
  const data = new NamespaceData('bench', 'ns');
  const pods: Pod[] = [];
  const slices: EndpointSlice[] = [];
  for (let s = 0; s * 100 < count; s++) {
    const endpoints = Array.from({ length: Math.min(100, count - s * 100) }, (_, k) => {
      const i = s * 100 + k;
      const ip = `10.1.${Math.floor(i / 250)}.${i % 250}`;
      const node = i % 10;
      pods.push({
        metadata: { name: `big-${i}`, namespace: 'ns', labels: { app: 'big' } },
        spec: { nodeName: `node-${node}` },
        status: {
          phase: 'Running',
          podIP: ip,
          podIPs: [{ ip }],
          conditions: [{ type: 'Ready', status: 'True' }],
        },
      });
      return {
        addresses: [ip],
        conditions: { ready: i !== notReady, serving: i !== notReady, terminating: false },
        nodeName: `node-${node}`,
        zone: `zone-${node % 3}`,
        targetRef: { kind: 'Pod', name: `big-${i}`, namespace: 'ns' },
      };
    });
    slices.push({
      metadata: { name: `big-${s}`, namespace: 'ns', labels: { 'kubernetes.io/service-name': 'big' } },
      addressType: 'IPv4',
      endpoints,
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    });
  }
  const service = {
    metadata: { name: 'big', namespace: 'ns' },
    spec: {
      selector: { app: 'big' },
      ports: [{ name: 'http', port: 80, targetPort: 'http' }],
      clusterIP: '10.96.0.9',
    },
  };
  const objects: Record<ResourceKind, KubeObject[]> = {
    services: [service],
    endpointslices: slices,
    endpoints: [],
    pods,
  };
  for (const kind of Object.keys(objects) as ResourceKind[]) {
    data.resources[kind].items = new Map(objects[kind].map((o) => [o.metadata.name, o]));
    data.resources[kind].status = { state: 'synced' };
  }
  return data;
}

function scene(data: NamespaceData, expandAll: boolean): Scene {
  const picture = buildPicture(data, 'big', engineSlots(data, 'big'))!;
  const keys = new Set(picture.endpoints.map((e) => `node:${e.zone ?? ''}/${e.node ?? ''}`));
  return layoutPicture(picture, { expanded: expandAll ? keys : new Set() });
}

export async function runPictureBench(quick: boolean, log: (line: string) => void): Promise<PictureResults> {
  const runs = quick ? 3 : 10;
  const script = readFileSync(join(repoRoot, 'dist', 'picture.js'), 'utf8');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  const rows: PictureRow[] = [];
  try {
    for (const [name, count, expandAll] of [
      ['1 endpoint', 1, false],
      ['1,000 endpoints, grouped per node (as opened)', 1000, false],
      ['1,000 endpoints, every node expanded', 1000, true],
    ] as const) {
      const model: number[] = [];
      const open: number[] = [];
      const flip: number[] = [];
      let items = 0;
      let bytes = 0;
      for (let run = 0; run < runs; run++) {
        const page = await browser.newPage();
        await page.addInitScript(() => {
          // Runs in the page (no DOM types here): the webview API's stand-in, which says when a scene is drawn.
          const w = globalThis as unknown as { drawn: () => Promise<void>; acquireVsCodeApi: () => unknown };
          let resolve: () => void = () => undefined;
          w.drawn = () => new Promise<void>((r) => (resolve = r));
          w.acquireVsCodeApi = () => ({
            postMessage: (m: { type: string }) => m.type === 'drawn' && resolve(),
            getState: () => undefined,
            setState: () => undefined,
          });
        });
        await page.route(`${origin}/**`, (route) =>
          route.fulfill({ contentType: 'text/html', body: pictureHtml(script, 'benchnonce') }),
        );
        const started = performance.now();
        await page.goto(`${origin}/index.html`);
        const loaded = performance.now() - started;
        const data = namespace(count);
        const built = performance.now();
        const first = scene(data, expandAll);
        const modelMs = performance.now() - built;
        model.push(modelMs);
        items = first.items.length;
        bytes = JSON.stringify(first).length;
        open.push(loaded + modelMs + (await post(page, first)));
        flip.push(await post(page, scene(namespace(count, 0), expandAll)));
        await page.close();
      }
      rows.push({
        scenario: name,
        endpoints: count,
        items,
        bytes,
        modelMs: median(model),
        openMs: median(open),
        flipMs: median(flip),
        runs,
      });
      log(
        `picture: ${name}: model ${median(model).toFixed(1)} ms, open→drawn ${median(open).toFixed(0)} ms, flip ${median(flip).toFixed(1)} ms`,
      );
    }
  } finally {
    await browser.close();
  }
  return { rows };
}

/**
 * Posts a scene as the extension does and returns the ms, measured in the page, from the message
 * to the first frame that shows it. The scene is handed to the page first and not timed: carrying
 * it over the DevTools protocol is this harness's cost, not the webview's.
 */
async function post(page: Page, next: Scene): Promise<number> {
  const message = {
    type: 'scene',
    scene: next,
    address: { context: 'bench', namespace: 'ns', service: 'big' },
    expanded: [],
  };
  await page.evaluate((m) => ((globalThis as unknown as { pending: unknown }).pending = m), message);
  return page.evaluate(async () => {
    const w = globalThis as unknown as {
      drawn: () => Promise<void>;
      pending: unknown;
      postMessage: (m: unknown, to: string) => void;
      performance: { now: () => number };
    };
    const done = w.drawn();
    const started = w.performance.now();
    w.postMessage(w.pending, '*');
    await done;
    return w.performance.now() - started;
  });
}

export function pictureSection(results: PictureResults | undefined): string[] {
  if (!results) return [];
  return [
    '## Routing picture (issue 17)',
    '',
    'The picture of one Service: the pure model (buildPicture, the routing engine’s reasons, layoutPicture) in Node, ' +
      'and dist/picture.js drawing it in headless Chromium under the panel’s HTML and CSP. "open → drawn" adds the ' +
      'page’s load, the model and the page’s time from the scene message to the first frame showing it; "flip" is the ' +
      'page’s time for a scene with one endpoint turned not ready. VS Code’s webview set-up and its carrying of the ' +
      'message (its size is shown) are not included; scripts/e2e/picture.mjs measures the whole way in code-server, ' +
      'from a readiness write to the apiserver to the recoloured endpoint.',
    '',
    '| scenario | items drawn | scene message | model (ms) | open → drawn (ms) | readiness flip → on screen (ms) | n |',
    '|---|---|---|---|---|---|---|',
    ...results.rows.map(
      (r) =>
        `| ${r.scenario} | ${r.items} | ${(r.bytes / 1024).toFixed(0)} KiB | ${r.modelMs.toFixed(1)} | ${r.openMs.toFixed(0)} | ${r.flipMs.toFixed(1)} | ${r.runs} |`,
    ),
    '',
  ];
}
