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
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { setTimeout } from 'node:timers';
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

/** Runs `act` until `locator` shows (up to four tries of 10 s each), for UI that a refresh may dismiss. */
async function untilShown(locator, act) {
  for (let attempt = 1; ; attempt++) {
    await act();
    try {
      await locator.waitFor({ timeout: 10_000 });
      return;
    } catch (error) {
      if (attempt === 4) throw error;
    }
  }
}

/** Clicks an expanded row closed and waits until `child` is gone from under it. */
async function collapse(page, text, child) {
  const row = treeRow(page, text);
  if ((await row.getAttribute('aria-expanded')) === 'true') {
    await row.click();
  }
  await treeRow(page, child).waitFor({ state: 'detached' });
}

/** Fails when VS Code showed a notification whose text matches `pattern`. */
async function noNotification(page, pattern) {
  const toasts = page.locator('.notifications-toasts .notification-toast', { hasText: pattern });
  if ((await toasts.count()) > 0) {
    throw new Error(`VS Code notified: ${await toasts.first().innerText()}`);
  }
}

/**
 * The cluster panel, as a user meets it: the activity-bar icon opens it, the current context is
 * expanded, and a Service opens down to the pod behind an endpoint. `cluster` is what
 * scripts/e2e/cluster.mjs prepared, or undefined when the cluster is skipped.
 */
function clusterPanelSteps(cluster, setKubeconfigSetting) {
  if (!cluster) {
    return [];
  }
  const context = 'ui@endpointslices-local';
  return [
    step('the activity-bar icon opens the cluster panel', async (page) => {
      await page.locator('.activitybar .action-item a[aria-label*="EndpointSlices"]').click();
      // With one view in the container, its title is "EndpointSlices: Clusters", in full at the
      // default width of the side bar.
      const title = page.locator('.part.sidebar .composite.title .title-label h2');
      await title.filter({ hasText: /EndpointSlices/i }).waitFor();
      if (await title.evaluate((h2) => h2.scrollWidth > h2.clientWidth)) {
        throw new Error(`the view title is cut off: "${await title.innerText()}"`);
      }
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
      // A live object is looked at, not authored: the controller's own slice draws no advice
      // (the e2e suite proves the server published nothing for it; here nothing is drawn).
      await page.waitForTimeout(2_000);
      const squiggles = await editor.locator('.squiggly-info, .squiggly-warning, .squiggly-error').count();
      if (squiggles > 0) {
        throw new Error(`${squiggles} squiggles on the live slice the controller wrote`);
      }
      await page.mouse.move(1000, 700);
      await shoot(page, 'cluster-panel.png');
    }),
    step('a Service says whom it routes to, and why the other selected pods get no traffic', async (page) => {
      await runCommand(page, 'View: Close All Editors');
      await collapse(page, 'demo-web', 'frontend');
      await expand(page, 'demo-routing', 'search');
      await treeRow(page, 'search').getByText('routes to 1 of 3 selected pods', { exact: false }).waitFor();
      await treeRow(page, 'checkout').getByText('routes nowhere: selects no pod', { exact: false }).waitFor();
      await expand(page, 'search', 'Pod search-1: the pod has no IP yet');
      await treeRow(page, 'Pod search-2: the pod is not scheduled to a node').waitFor();
      await expand(page, 'checkout', /^Selects no pod; nearest: checkout-svc-/);
      await page.mouse.move(1000, 700);
      await shoot(page, 'cluster-routing.png');
      await collapse(page, 'demo-routing', 'search');
    }),
    step(
      "a Service's tooltip says what the cluster DNS answers; Copy DNS Name copies its name",
      async (page) => {
        await runCommand(page, 'View: Close All Editors');
        // The routing step before this one leaves demo-web collapsed; each step opens what it reads.
        await expand(page, 'demo-web', 'frontend');
        const name = 'frontend.demo-web.svc.cluster.local';
        const row = treeRow(page, 'frontend');
        // The DNS lines are computed when the item is hovered (resolveTreeItem), live from its slices.
        // A tree refresh under the pointer (the namespace's pods arriving after its Services)
        // dismisses a hover before it shows, so the pointer leaves and comes back until it does.
        const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: name }).first();
        await untilShown(hover, async () => {
          await page.mouse.move(1000, 700);
          await row.hover();
        });
        await hover.getByText(/answers A/).waitFor();
        await hover.getByText(/_http\._tcp/).waitFor();
        await shoot(page, 'cluster-dns-tooltip.png');
        // The workbench's context menu ignores a click that lands right after it opened, and a
        // refresh closes an open menu: open it again until the copy is confirmed.
        const copied = page.locator('.part.statusbar').getByText(`Copied ${name}`);
        await untilShown(copied, async () => {
          await page.keyboard.press('Escape');
          await page.mouse.move(1000, 700);
          await row.click({ button: 'right' });
          const copy = page.getByRole('menuitem', { name: 'Copy DNS Name' });
          await copy.waitFor();
          await page.waitForTimeout(500);
          await copy.click();
        });
      },
    ),
    step(
      'namespaces show their children on every expansion, also once their watch was released',
      async (page) => {
        await runCommand(page, 'View: Close All Editors');
        await collapse(page, 'demo-web', 'frontend');
        await expand(page, 'demo-external', 'legacy-backend');
        // The view releases a collapsed namespace after ENDPOINTSLICES_CLUSTER_RELEASE_MS (500 ms
        // here, 30 s for users); expanding it again lists it again.
        for (let round = 0; round < 4; round++) {
          await collapse(page, 'demo-external', 'legacy-backend');
          await page.waitForTimeout(1_200);
          await expand(page, 'demo-external', 'legacy-backend');
          await treeRow(page, 'external-db').waitFor();
        }
        await collapse(page, 'demo-external', 'legacy-backend');
        await expand(page, 'demo-restricted', 'restricted-app');
        await collapse(page, 'demo-restricted', 'restricted-app');
        await expand(page, 'restricted@endpointslices-local', 'You may not list namespaces');
        await noNotification(page, /already registered/);
        await shoot(page, 'cluster-reexpanded.png');
      },
    ),
    step('without a kubeconfig the view welcomes the user with a button to choose one', async (page) => {
      setKubeconfigSetting(join(cluster.scratch, 'no-such.kubeconfig'));
      const welcome = page.locator('.part.sidebar .welcome-view');
      await welcome.getByText('No kubeconfig found', { exact: false }).waitFor();
      await welcome.locator('.monaco-button', { hasText: 'Choose a Kubeconfig File' }).waitFor();
      await shoot(page, 'cluster-welcome.png');
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

/** An Endpoints object the conversion cannot carry over whole: `10.1.2.300` is no IP address. */
const lossyEndpoints = [
  '# Written by scripts/e2e/ui.mjs: one address no apiserver accepts.',
  'apiVersion: v1',
  'kind: Endpoints',
  'metadata:',
  '  name: lossy',
  'subsets:',
  '  - addresses:',
  '      - ip: 10.1.2.3',
  '      - ip: 10.1.2.300',
  '    ports:',
  '      - port: 80',
  '',
].join('\n');

/** Polls a file on disk until `test` holds for its text. */
async function fileSays(path, test, what) {
  for (let i = 0; i < 100; i++) {
    if (test(readFileSync(path, 'utf8'))) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`${path}: ${what}:\n${readFileSync(path, 'utf8')}`);
}

/**
 * The workspace conversion as a user runs it: the conversion that leaves an address out needs
 * confirmation, which opens the refactor preview with that conversion unchecked and the others
 * checked, and a notification says what is left out; Apply then changes the checked files.
 */
function conversionSteps(workspace) {
  const panel = (page) => page.locator('.bulk-edit-panel');
  const fileRow = (page, name) => panel(page).locator('.monaco-list-row', { hasText: name }).first();
  return [
    step(
      'the workspace conversion previews its changes, checked except what leaves an address out',
      async (page) => {
        await runCommand(page, 'View: Close All Editors');
        await runCommand(page, 'Convert Endpoints to EndpointSlices in the Workspace');
        await page
          .locator('.notifications-toasts')
          .getByText('left out "10.1.2.300"', { exact: false })
          .waitFor();
        // The changes are line edits, one row each, not the document as one struck-through line.
        await fileRow(page, 'legacy-endpoints.yaml').waitFor();
        // The edit rows render after the file rows; since package.json has a `browser` entry they
        // come later than the file rows here (3 rows when counted at once), so wait for them.
        await panel(page)
          .locator('.monaco-list-row')
          .nth(7)
          .waitFor({ timeout: 10_000 })
          .catch(() => undefined);
        const rows = await panel(page).locator('.monaco-list-row').count();
        if (rows < 8) throw new Error(`only ${rows} rows in the refactor preview`);
        await shoot(page, 'convert-preview.png');
        // The list renders the rows in view only: fold the first two files to bring the third up.
        for (const file of ['convert-endpoints.yaml', 'legacy-endpoints.yaml']) {
          await fileRow(page, file).locator('.monaco-tl-twistie').click();
        }
        for (const [file, checked] of [
          ['convert-endpoints.yaml', true],
          ['legacy-endpoints.yaml', true],
          ['lossy-endpoints.yaml', false],
        ]) {
          const box = fileRow(page, file).locator('input.edit-checkbox');
          await box.waitFor({ state: 'attached' });
          if ((await box.isChecked()) !== checked) {
            throw new Error(`${file} is ${checked ? 'unchecked' : 'checked'} in the refactor preview`);
          }
        }
      },
    ),
    step('Apply converts the checked files and leaves the unchecked one as it was', async (page) => {
      await page.locator('.monaco-button', { hasText: /^Apply$/ }).click();
      await panel(page)
        .waitFor({ state: 'hidden' })
        .catch(() => undefined);
      await runCommand(page, 'File: Save All Files');
      const endpointSlices = (n) => (text) => text.match(/^kind: EndpointSlice$/gm)?.length === n;
      await fileSays(join(workspace, 'convert-endpoints.yaml'), endpointSlices(2), 'not converted');
      await fileSays(join(workspace, 'legacy-endpoints.yaml'), endpointSlices(1), 'not converted');
      await fileSays(join(workspace, 'lossy-endpoints.yaml'), (t) => t === lossyEndpoints, 'changed');
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
  writeFileSync(join(workspace, 'lossy-endpoints.yaml'), lossyEndpoints);
  const expected = expectedDiagnostics(join(workspace, 'invalid-slice.yaml'));

  const server = await startCodeServer({
    codeServerDir,
    port: await freePort(),
    userDataDir,
    extensionsDir,
    workspace,
    logFile: join(scratch, 'code-server.log'),
    // A collapsed namespace is released after half a second instead of 30 s, so the checks
    // meet a namespace listed again on re-expansion.
    env: { ENDPOINTSLICES_CLUSTER_RELEASE_MS: '500' },
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

  // The workspace's settings file is watched like any file of the folder: rewriting it is
  // changing a setting (the kubeconfig setting applies per folder in a trusted window).
  const setKubeconfigSetting = (file) =>
    writeFileSync(
      join(workspace, '.vscode', 'settings.json'),
      JSON.stringify({ 'endpointslices.kubeconfig': file }, null, 2),
    );
  const { passed, failed } = await runSteps(page, [
    ...editorSteps(expected),
    ...conversionSteps(workspace),
    ...clusterPanelSteps(cluster && { ...cluster, scratch }, setKubeconfigSetting),
  ]);
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
