// UI-level checks on the workbench itself, as a user sees it: code-server with the packaged .vsix
// installed (not in extension-test mode), the fixture workspace open, Playwright clicking and
// reading the DOM. Proves that VS Code renders what the server publishes: squiggles in the
// editor, our messages in the Problems panel, the hover on a squiggle. Screenshots of those
// states are written to test-results/e2e/ui/, or to docs/images/ for the README
// (`npm run screenshots` passes --screenshots docs/images).
//
// Usage: node scripts/e2e/ui.mjs [--screenshots DIR] [--timeout-ms N] [--setup-timeout-ms N]
// --timeout-ms bounds the checks; installing code-server and starting the cluster have their own
// --setup-timeout-ms, so a fresh machine's builds do not eat the checks' time.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  baseSettings,
  Cleanups,
  copyFixtureWorkspace,
  freePort,
  installCodeServer,
  installExtension,
  launchChromium,
  makeTempDir,
  packagedVsix,
  repoRoot,
  startCodeServer,
  writeUserSettings,
  runDriver,
  setupTimeoutMs,
} from './codeServer.mjs';
import { prepareDemoCluster } from './cluster.mjs';

const { values: options } = parseArgs({
  options: {
    screenshots: { type: 'string', default: join('test-results', 'e2e', 'ui') },
    'timeout-ms': { type: 'string', default: String(5 * 60_000) },
    'setup-timeout-ms': { type: 'string', default: String(setupTimeoutMs) },
  },
});
const screenshotDir = resolve(repoRoot, options.screenshots);
// Failure evidence goes beside the e2e suite's; screenshots for people go to screenshotDir.
const resultsDir = join(repoRoot, 'test-results', 'e2e', 'ui-failure');
const stepTimeout = 30_000;

/** Settings for pictures people read: a fixed theme and no minimap, so shots stay comparable. */
const uiSettings = {
  ...baseSettings,
  'workbench.colorTheme': 'Default Dark Modern',
  'editor.minimap.enabled': false,
};

/**
 * What the engine says about the fixture, from the CLI of the same build: the UI must show
 * exactly this. Errors are what draw red squiggles; every message is listed in Problems.
 */
function expectedDiagnostics(file) {
  const result = spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), '--format', 'json', file], {
    encoding: 'utf8',
  });
  const diagnostics = JSON.parse(result.stdout).files.flatMap((f) =>
    f.documents.flatMap((d) => d.diagnostics),
  );
  if (diagnostics.length === 0) {
    throw new Error(`the CLI reports nothing for ${file}; the UI checks need its mistakes`);
  }
  return {
    messages: diagnostics.map((d) => d.message),
    errorCount: diagnostics.filter((d) => d.severity === 'error').length,
  };
}

async function shoot(page, name) {
  const path = join(screenshotDir, name);
  await page.screenshot({ path });
  console.log(`  screenshot ${relative(repoRoot, path)}`);
}

/** Runs a command from the palette, as a user would; keybindings differ between browsers. */
async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

function step(name, body) {
  return { name, body };
}

/** A row of the cluster tree (the side bar shows only our view while its container is open). */
function treeRow(page, text) {
  return page.locator('.part.sidebar .monaco-list-row', { hasText: text }).first();
}

/** Clicks a collapsed row open and waits until `child` appears under it; returns the milliseconds. */
async function expand(page, text, child) {
  const row = treeRow(page, text);
  await row.waitFor();
  const started = Date.now();
  if ((await row.getAttribute('aria-expanded')) !== 'true') {
    await row.click();
  }
  await treeRow(page, child).waitFor();
  return Date.now() - started;
}

/**
 * The cluster panel, as a user meets it: the activity-bar icon opens it, the current context is
 * expanded, and a Service opens down to the pod behind an endpoint. `cluster` is what
 * scripts/e2e/cluster.mjs prepared, or undefined when the cluster is skipped.
 */
function clusterPanelSteps(cluster) {
  if (!cluster) {
    return [];
  }
  const context = 'ui@endpointslices-local';
  return [
    step('the activity-bar icon opens the cluster panel', async (page) => {
      await page.locator('.activitybar .action-item a[aria-label^="Kubernetes EndpointSlices"]').click();
      // With one view in the container, its title is the container's: "Kubernetes EndpointSlices: Clusters".
      await page.locator('.part.sidebar .composite.title', { hasText: /EndpointSlices/i }).waitFor();
      await treeRow(page, context).waitFor();
    }),
    step('the tree shows contexts, namespaces and Services with their endpoint counts', async (page) => {
      await treeRow(page, 'restricted@endpointslices-local').waitFor();
      const ms = await expand(page, 'demo-web', 'frontend');
      console.log(`    (demo-web: click to its Services on screen in ${ms} ms, watches started included)`);
      for (const [service, counts] of [
        ['api', '3/4 ready'],
        ['frontend', '3/3 ready'],
        ['worker', '0/2 ready'],
      ]) {
        const row = treeRow(page, service);
        await row.getByText(counts, { exact: false }).waitFor();
      }
    }),
    step('a Service opens to its slices, endpoints and the pods behind them', async (page) => {
      await expand(page, 'frontend', 'All endpoints (merged)');
      await expand(page, /^frontend-[a-z0-9]{5}/, 'ready · fakelet-node');
      const endpoint = page
        .locator('.part.sidebar .monaco-list-row', { hasText: 'ready · fakelet-node' })
        .first();
      await endpoint.click();
      await treeRow(page, 'Running · Ready').waitFor();
      await expand(page, 'legacy', /^legacy-[a-z0-9]{5}/);
      await expand(page, /^legacy-[a-z0-9]{5}/, 'terminating, serving');
      await runCommand(page, 'View: Close All Editors');
      // A wider side bar so the descriptions read in full: drag the sash on its right edge.
      const sidebar = await page.locator('.part.sidebar').boundingBox();
      for (const sash of await page.locator('.monaco-sash.vertical').all()) {
        const box = await sash.boundingBox();
        if (sidebar && box && Math.abs(box.x + box.width / 2 - (sidebar.x + sidebar.width)) < 6) {
          await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
          await page.mouse.down();
          await page.mouse.move(box.x + 380, box.y + box.height / 2, { steps: 8 });
          await page.mouse.up();
          break;
        }
      }
    }),
    step("a slice's inline action opens its live YAML, which the language server validates", async (page) => {
      const slice = treeRow(page, /^frontend-[a-z0-9]{5}/);
      await slice.hover();
      await slice.locator('.action-label[aria-label="Open as Read-Only YAML"]').click();
      const editor = page.locator('.monaco-editor');
      await editor.locator('.view-line', { hasText: 'kind: EndpointSlice' }).waitFor();
      // The controller's managed-by label draws the server's advice (an information squiggle).
      await editor.locator('.squiggly-info').first().waitFor({ state: 'attached' });
      await page.mouse.move(1000, 700);
      await shoot(page, 'cluster-panel.png');
    }),
  ];
}

function editorSteps({ messages, errorCount }) {
  return [
    step('the workbench opens the fixture workspace', async (page) => {
      await page.locator('.explorer-folders-view').getByText('invalid-slice.yaml').waitFor();
    }),
    step('opening the invalid EndpointSlice draws one squiggle per error', async (page) => {
      await page.locator('.explorer-folders-view').getByText('invalid-slice.yaml').dblclick();
      const squiggles = page.locator('.monaco-editor .squiggly-error');
      await squiggles.nth(errorCount - 1).waitFor({ state: 'attached' });
      // Squiggles are overlay divs, one per decorated range on a line: one per error here.
      const count = await squiggles.count();
      if (count !== errorCount) {
        throw new Error(`${count} error squiggles, expected ${errorCount}`);
      }
    }),
    step('the Problems panel lists every message with our source and code', async (page) => {
      await runCommand(page, 'View: Focus Problems');
      const panel = page.locator('.markers-panel');
      for (const message of messages) {
        await panel.getByText(message, { exact: true }).waitFor();
      }
      const text = await panel.innerText();
      // The row shows the source and the code as "endpointslices(code)", in separate elements.
      if (!/endpointslices\s*\(?\s*port-protocol-unsupported/.test(text)) {
        throw new Error(`no source and code next to the messages:\n${text}`);
      }
      await shoot(page, 'problems.png');
    }),
    step('hovering a squiggle shows the apiserver message', async (page) => {
      await runCommand(page, 'View: Toggle Panel Visibility'); // the panel is open: this hides it
      const message = messages.find((m) => m.includes('"2001:db8::1"'));
      // The wrong-family error sits on that address; hover over its token as a user would. The
      // hover opens above line 10, so the picture keeps the other squiggles in view. The address
      // is a token of its own (syntaxes/ highlights addresses), without its quotes.
      const token = page
        .locator('.monaco-editor .view-line', { hasText: 'addresses:' })
        .locator('span > span', { hasText: /^"?2001:db8::1"?$/ });
      await token.hover();
      await page.locator('.monaco-hover').getByText(message, { exact: true }).waitFor();
      await shoot(page, 'editor-diagnostics.png');
    }),
  ];
}

const cleanups = new Cleanups();

/** Runs the steps in order; a failing step ends the run, since later steps build on it. */
async function runSteps(page, steps) {
  let passed = 0;
  for (const { name, body } of steps) {
    try {
      await body(page);
      passed++;
      console.log(`  ✔ ${name}`);
    } catch (error) {
      console.error(`  ✘ ${name}\n    ${String(error.message).split('\n').join('\n    ')}`);
      mkdirSync(resultsDir, { recursive: true });
      await page.screenshot({ path: join(resultsDir, 'failure.png') }).catch(() => undefined);
      console.error(`  screenshot ${relative(repoRoot, join(resultsDir, 'failure.png'))}`);
      return { passed, failed: 1 };
    }
  }
  return { passed, failed: 0 };
}

async function main() {
  const vsix = packagedVsix();
  const started = Date.now();
  const codeServerDir = installCodeServer();
  const scratch = makeTempDir('ui');
  cleanups.add(async () => rmSync(scratch, { recursive: true, force: true }));
  const userDataDir = join(scratch, 'user-data');
  const extensionsDir = join(scratch, 'extensions');
  installExtension({ codeServerDir, vsix, userDataDir, extensionsDir });
  // The cluster panel's picture needs the demo cluster (ENDPOINTSLICES_SKIP_CLUSTER=1 skips it).
  const cluster =
    process.env.ENDPOINTSLICES_SKIP_CLUSTER === '1'
      ? undefined
      : await prepareDemoCluster(cleanups, scratch, ['ui']);
  writeUserSettings(userDataDir, {
    ...uiSettings,
    ...(cluster ? { 'endpointslices.kubeconfig': cluster.identities.ui.kubeconfig } : {}),
  });
  const workspace = copyFixtureWorkspace(scratch, {});
  const expected = expectedDiagnostics(join(workspace, 'invalid-slice.yaml'));

  const server = await startCodeServer({
    codeServerDir,
    port: await freePort(),
    userDataDir,
    extensionsDir,
    workspace,
    logFile: join(scratch, 'code-server.log'),
  });
  cleanups.add(() => server.stop());
  const browser = await launchChromium();
  cleanups.add(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(stepTimeout);
  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(screenshotDir, { recursive: true });
  console.log(`\n=== ui checks ${server.url}`);
  await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);

  const { passed, failed } = await runSteps(page, [...editorSteps(expected), ...clusterPanelSteps(cluster)]);
  console.log(`\nui: checks in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(`ui: ${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

await runDriver({
  label: 'ui',
  prefix: 'ui: ',
  cleanups,
  timeoutMs: Number(options['setup-timeout-ms']) + Number(options['timeout-ms']),
  main,
});
