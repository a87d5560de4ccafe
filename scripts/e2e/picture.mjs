// The routing picture in the real workbench: code-server with the packaged .vsix, the demo
// cluster, Chromium clicking and reading the webview's DOM. Opens the picture of the demo
// Services (all ready, partly ready, routing nowhere, dual-stack, topology hints, 120 endpoints
// grouped per node), flips a pod's readiness and replaces a pod and sees the picture change in
// place, clicks through to the tree and the YAML, moves with the keyboard, and reloads the window
// to see the serializer bring the picture back. From a Service manifest in the editor it opens
// the workspace prediction (a Deployment × replicas, the port mapping), switches to the live
// Service and back, edits the selector so nothing matches and sees the picture say so, and sees
// the workspace picture, the live tree and the live picture come back after a reload (with no
// "No kubeconfig found" on the way: the user settings may reach the extension host late). On
// failure, test-results/e2e/picture-failure/ holds a screenshot and the extension host logs
// (PICTURE_LOGS=DIR copies them there after any run). Prints the times it measures;
// --screenshots DIR writes the README's pictures.
//
// Usage: node scripts/e2e/picture.mjs [--screenshots DIR] [--timeout-ms N] [--setup-timeout-ms N]
//        [--only REGEX]
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
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
  runDriver,
  setupTimeoutMs,
  startCodeServer,
  writeUserSettings,
} from './codeServer.mjs';
import { prepareDemoCluster } from './cluster.mjs';

const { values: options } = parseArgs({
  options: {
    screenshots: { type: 'string', default: join('test-results', 'e2e', 'picture') },
    'timeout-ms': { type: 'string', default: String(5 * 60_000) },
    'setup-timeout-ms': { type: 'string', default: String(setupTimeoutMs) },
    // Runs only the steps whose name matches (and the first, which opens the view): for debugging.
    only: { type: 'string' },
  },
});
const screenshotDir = resolve(repoRoot, options.screenshots);
const resultsDir = join(repoRoot, 'test-results', 'e2e', 'picture-failure');
const cleanups = new Cleanups();
const measured = [];

/** A row of the cluster tree. */
const treeRow = (page, text) => page.locator('.part.sidebar .monaco-list-row', { hasText: text }).first();

/** The picture's page inside the webview's two iframes (one picture is open at a time). */
const picture = (page) => page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');

async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

async function expand(page, text, child) {
  const row = treeRow(page, text);
  await row.waitFor();
  if ((await row.getAttribute('aria-expanded')) !== 'true') {
    await row.click();
  }
  await treeRow(page, child).waitFor();
}

/** Opens the picture of a Service from its tree row's inline action; returns ms until drawn. */
async function openPicture(page, namespace, service, verdict) {
  await runCommand(page, 'View: Close All Editors');
  await expand(page, namespace, service);
  const row = page
    .locator('.part.sidebar .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${service}$`) }) })
    .first();
  const started = Date.now();
  // The row may be drawn again while its namespace's lists arrive: a click on the old row's
  // action is lost, so the click is repeated until the panel shows the verdict.
  for (let attempt = 1; ; attempt++) {
    await row.hover();
    await row.locator('.action-label[aria-label="Show Routing Picture"]').click();
    try {
      await picture(page).locator('#verdict', { hasText: verdict }).waitFor({ timeout: 10_000 });
      break;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
  await picture(page).locator('g.item.col-service').waitFor();
  return Date.now() - started;
}

/**
 * Reloads the window as the workbench does (it saves the editors, and so the panel, before it
 * goes); the new page notes whether the "No kubeconfig found" welcome ever shows (watchWelcome).
 */
async function reloadWindow(page) {
  const loaded = page.waitForEvent('load', { timeout: 60_000 });
  await runCommand(page, 'Developer: Reload Window');
  await loaded;
}

/**
 * After a reload the user settings may reach the extension host after the view first read them:
 * the live tree must come back by itself, and the welcome that says there is no kubeconfig must
 * never have shown (the setting names one).
 */
async function expectLiveTreeBack(page) {
  await treeRow(page, 'demo-web').waitFor({ timeout: 60_000 });
  if (await page.evaluate(() => globalThis.sawNoKubeconfig === true)) {
    throw new Error('the cluster view said "No kubeconfig found" after the reload');
  }
}

/** Notes in the page whether the cluster view's no-kubeconfig welcome is ever drawn (runs in the page). */
function watchWelcome() {
  const { document } = globalThis;
  new globalThis.MutationObserver(() => {
    if (document.querySelector('.welcome-view-content')?.textContent?.includes('No kubeconfig found')) {
      globalThis.sawNoKubeconfig = true;
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
}

async function count(page, selector) {
  return picture(page).locator(selector).count();
}

async function expectCount(page, selector, expected) {
  const actual = await count(page, selector);
  if (actual !== expected) {
    throw new Error(`${actual} × ${selector} in the picture, expected ${expected}`);
  }
}

/** Opens a workspace file with Quick Open and waits for a line of it in the editor. */
async function openFile(page, name, line) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  await editorLine(page, line).waitFor();
}

const editorLine = (page, text) =>
  page
    .locator('.monaco-editor .view-line')
    .filter({ hasText: new RegExp(`^\\s*${text.replace(/ /g, '\\s+')}\\s*$`) })
    .first();

/**
 * The demo's frontend as its author's workloads would describe it, next to the fixture's
 * frontend Service (services.yaml): written into this run's copy of the workspace only, so the
 * other UI checks see the fixture as it is.
 */
const frontendDeployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: frontend
  namespace: demo-web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: frontend
  template:
    metadata:
      labels:
        app: frontend
    spec:
      containers:
        - name: web
          image: nginx
          ports:
            - name: http
              containerPort: 8080
            - name: metrics
              containerPort: 9090
`;

function step(name, body) {
  return { name, body };
}

function steps(admin) {
  /**
   * Deletes a pod at once, as `kubectl delete --force --grace-period=0` does, and waits until the
   * API no longer has it: the stand-in kubelet may take a moment to finish a deletion the
   * apiserver made graceful, and the check is about the picture, not about that kubelet.
   */
  const deleteNow = async (ns, name) => {
    const path = `/api/v1/namespaces/${ns}/pods/${name}`;
    for (let attempt = 0; attempt < 40; attempt++) {
      const { status } = await admin.request('DELETE', path, {
        kind: 'DeleteOptions',
        apiVersion: 'v1',
        gracePeriodSeconds: 0,
      });
      if (status === 404) return;
      await delay(500);
    }
    throw new Error(`pod ${ns}/${name} was not deleted within 20 s`);
  };
  const pods = (ns, selector) =>
    admin.must('GET', `/api/v1/namespaces/${ns}/pods?labelSelector=${encodeURIComponent(selector)}`);
  const setReady = (ns, name, ready) =>
    admin.must(
      'PATCH',
      `/api/v1/namespaces/${ns}/pods/${name}`,
      { metadata: { annotations: { 'fakelet.endpointslices.dev/ready': String(ready) } } },
      'application/merge-patch+json',
    );
  return [
    step('the workbench opens with the cluster view', async (page) => {
      await page.locator('.activitybar .action-item a[aria-label*="EndpointSlices"]').click();
      await treeRow(page, 'demo-web').waitFor();
    }),
    step(
      'all ready: frontend routes to its 3 endpoints, each linked to a pod, node and zone',
      async (page) => {
        const ms = await openPicture(page, 'demo-web', 'frontend', 'Traffic goes to all 3 endpoints');
        measured.push(`open frontend (3 endpoints) to drawn: ${ms} ms`);
        await expectCount(page, 'g.item.col-endpoint.tone-ready', 3);
        await expectCount(page, 'g.item.col-pod', 3);
        await expectCount(page, 'g.item.col-slice', 1);
        const service = await picture(page).locator('g.item.col-service').innerHTML();
        for (const text of ['frontend', 'http 80/TCP → http', 'metrics 9090/TCP → metrics']) {
          if (!service.includes(text)) throw new Error(`the Service box lacks "${text}"`);
        }
        await picture(page).locator('#ports').click();
        await picture(page).locator('#ports-table td', { hasText: 'http 80/TCP' }).waitFor();
        await picture(page).locator('#ports-table td', { hasText: ': 8080 (3 endpoints)' }).waitFor();
      },
    ),
    step('partly ready: api routes to 3 of 4; the not-ready endpoint is drawn as such', async (page) => {
      await openPicture(page, 'demo-web', 'api', 'Traffic goes to 3 of 4 endpoints');
      await expectCount(page, 'g.item.col-endpoint.tone-ready', 3);
      await expectCount(page, 'g.item.col-endpoint.tone-notReady', 1);
      await picture(page).locator('#count-notReady', { hasText: '1' }).waitFor();
    }),
    step('routing nowhere: worker says so', async (page) => {
      await openPicture(page, 'demo-web', 'worker', 'Traffic goes nowhere: no endpoint is ready');
      await expectCount(page, 'g.item.col-endpoint.tone-notReady', 2);
    }),
    step('serving but terminating: legacy-2 is drawn apart from ready and not ready', async (page) => {
      await openPicture(page, 'demo-web', 'legacy', 'Traffic goes to 2 of 3 endpoints');
      await expectCount(page, 'g.item.col-endpoint.tone-serving[data-flags~="terminating"]', 1);
    }),
    step('dual-stack: external-db has an IPv4 and an IPv6 family of slices', async (page) => {
      await openPicture(page, 'demo-external', 'external-db', 'Traffic goes to 3 of 4 endpoints');
      await expectCount(page, 'g.item.col-family', 2);
      await picture(page).locator('g.item.col-family', { hasText: 'IPv6 (1 slice)' }).waitFor();
      await picture(page).locator('g.item.col-endpoint', { hasText: '2001:db8::10' }).waitFor();
    }),
    step('topology hints: each zone consumes the endpoints hinted for it', async (page) => {
      await openPicture(page, 'demo-topology', 'nearby', 'Traffic goes to all 6 endpoints');
      await expectCount(page, 'path.edge.hint', 6);
      await picture(page).locator('g.item.col-zone', { hasText: 'consumes 2 (hints)' }).first().waitFor();
      await page.mouse.move(10, 10);
      await runCommand(page, 'Notifications: Clear All Notifications');
      await page.screenshot({ path: join(screenshotDir, 'routing-picture.png') });
      console.log(`  screenshot ${relative(repoRoot, join(screenshotDir, 'routing-picture.png'))}`);
    }),
    step('a readiness flip recolours the endpoint in place; nothing is redrawn', async (page) => {
      const list = await pods('demo-topology', 'app=nearby');
      const target = list.items.map((p) => p.metadata.name).sort()[0];
      const ip = list.items.find((p) => p.metadata.name === target).status.podIP;
      const endpoint = picture(page).locator(`g.item[data-id="endpoint:IPv4/${ip}"]`);
      const before = await endpoint.evaluate((g) => {
        g.dataset.marker = 'kept';
        return g.style.transform;
      });
      const started = Date.now();
      await setReady('demo-topology', target, false);
      const flipped = picture(page).locator(
        `g.item.tone-notReady[data-id="endpoint:IPv4/${ip}"][data-marker="kept"]`,
      );
      await flipped.waitFor();
      measured.push(`readiness write to the endpoint recoloured on screen: ${Date.now() - started} ms`);
      await picture(page).locator('#verdict', { hasText: 'Traffic goes to 5 of 6 endpoints' }).waitFor();
      const after = await flipped.evaluate((g) => g.style.transform);
      if (after !== before) throw new Error(`the endpoint moved: ${before} → ${after}`);
      await setReady('demo-topology', target, true);
      await picture(page)
        .locator(`g.item.tone-ready[data-id="endpoint:IPv4/${ip}"][data-marker="kept"]`)
        .waitFor();
    }),
    step('a replaced pod leaves and its successor arrives; the other items stay', async (page) => {
      const list = await pods('demo-topology', 'app=nearby');
      const [gone, kept] = list.items.map((p) => p.metadata.name).sort();
      await picture(page)
        .locator(`g.item[data-id="pod:${kept}"]`)
        .evaluate((g) => (g.dataset.marker = 'kept'));
      await deleteNow('demo-topology', gone);
      await picture(page).locator(`g.item[data-id="pod:${gone}"]`).waitFor({ state: 'detached' });
      await picture(page).locator('#verdict', { hasText: 'Traffic goes to all 6 endpoints' }).waitFor();
      await picture(page).locator(`g.item[data-id="pod:${kept}"][data-marker="kept"]`).waitFor();
      await expectCount(page, 'g.item.col-pod', 6);
    }),
    step('a click reveals the endpoint in the tree; Shift+click opens the pod’s YAML', async (page) => {
      const first = picture(page).locator('g.item.col-endpoint').first();
      const address = (await first.locator('text.title').textContent()).trim();
      await first.click();
      await page.locator('.part.sidebar .monaco-list-row.selected', { hasText: address }).waitFor();
      await picture(page)
        .locator('g.item.col-pod')
        .first()
        .click({ modifiers: ['Shift'] });
      await page.locator('.monaco-editor .view-line', { hasText: 'kind: Pod' }).waitFor();
    }),
    step('the keyboard moves through the picture', async (page) => {
      await openPicture(page, 'demo-web', 'frontend', 'Traffic goes to all 3 endpoints');
      const focused = () => picture(page).locator('g.item:focus').getAttribute('data-id');
      await picture(page).locator('g.item.col-endpoint').first().focus();
      const start = await focused();
      await page.keyboard.press('ArrowDown');
      const below = await focused();
      await page.keyboard.press('ArrowRight');
      const right = await focused();
      if (
        !start?.startsWith('endpoint:') ||
        !below?.startsWith('endpoint:') ||
        below === start ||
        !right?.startsWith('pod:')
      ) {
        throw new Error(`focus went ${start} → ${below} → ${right}`);
      }
      await picture(page).locator('#card', { hasText: 'Pod' }).waitFor();
    }),
    step('120 endpoints are grouped per node; a click expands a group', async (page) => {
      const ms = await openPicture(page, 'demo-large', 'big', 'Traffic goes to all 120 endpoints');
      measured.push(`open big (120 endpoints, grouped) to drawn: ${ms} ms`);
      const groups = await count(page, 'g.item[data-flags~="group"]');
      if (groups < 2) throw new Error(`${groups} groups for 120 endpoints`);
      await expectCount(page, 'g.item.col-endpoint:not([data-flags~="group"])', 0);
      await picture(page).locator('g.item[data-flags~="group"]').first().click();
      await picture(page).locator('g.item.col-endpoint:not([data-flags~="group"])').nth(20).waitFor();
    }),
    step('a reload brings the picture back as it was (serializer and saved state)', async (page) => {
      const rows = await count(page, 'g.item.col-endpoint:not([data-flags~="group"])');
      await reloadWindow(page);
      await picture(page)
        .locator('#verdict', { hasText: 'Traffic goes to all 120 endpoints' })
        .waitFor({ timeout: 60_000 });
      await picture(page)
        .locator('g.item.col-endpoint:not([data-flags~="group"])')
        .nth(rows - 1)
        .waitFor();
      await expectLiveTreeBack(page);
    }),
    step(
      'from a Service manifest: the workspace prediction, Deployment × replicas and ports',
      async (page) => {
        await runCommand(page, 'View: Close All Editors');
        await openFile(page, 'services.yaml', 'app: frontend');
        // The cursor in the frontend Service, then the command as the palette offers it.
        await editorLine(page, 'app: frontend').click();
        const started = Date.now();
        await runCommand(page, 'EndpointSlices Cluster: Show Routing Picture');
        await picture(page)
          .locator('#verdict', {
            hasText: 'Predicted from the workspace: traffic goes to Deployment/frontend (3 pods)',
          })
          .waitFor();
        measured.push(`open the workspace picture of frontend to drawn: ${Date.now() - started} ms`);
        await picture(page)
          .locator('#origin', { hasText: 'services.yaml, frontend-deployment.yaml' })
          .waitFor();
        await picture(page).locator('g.item.col-endpoint', { hasText: 'Deployment/frontend × 3' }).waitFor();
        await picture(page).locator('g.item.col-pod', { hasText: '3 pods' }).waitFor();
        await picture(page).locator('g.item.col-service', { hasText: 'frontend.demo-web.svc' }).waitFor();
        await expectCount(page, 'g.item.col-node', 0);
        if (!(await picture(page).locator('#ports').getAttribute('aria-pressed')).includes('true')) {
          await picture(page).locator('#ports').click();
        }
        await picture(page)
          .locator('#ports-table td', { hasText: 'Deployment/frontend: 8080 (3 endpoints)' })
          .waitFor();
        await page.mouse.move(10, 10);
        // The picture's group alone on screen for the README, then the editor beside it again.
        const maximize = 'View: Toggle Maximize Editor Group';
        await runCommand(page, maximize);
        await page.locator('.monaco-editor .view-line').first().waitFor({ state: 'hidden' });
        await page.screenshot({ path: join(screenshotDir, 'routing-picture-workspace.png') });
        await runCommand(page, maximize);
        await editorLine(page, 'app: frontend').waitFor();
        console.log(
          `  screenshot ${relative(repoRoot, join(screenshotDir, 'routing-picture-workspace.png'))}`,
        );
      },
    ),
    step('the panel switches to the live frontend and back', async (page) => {
      await picture(page).locator('#switch', { hasText: 'Show Live' }).click();
      await picture(page).locator('#verdict', { hasText: 'Traffic goes to all 3 endpoints' }).waitFor();
      await picture(page).locator('#origin', { hasText: 'Live in context' }).waitFor();
      // The template's row fades out before it goes: count once it has gone.
      await picture(page)
        .locator('g.item[data-id="endpoint:IPv4/Deployment/frontend"]')
        .waitFor({ state: 'detached' });
      await expectCount(page, 'g.item.col-endpoint.tone-ready', 3);
      await picture(page).locator('#switch', { hasText: 'Show Workspace Prediction' }).click();
      await picture(page).locator('#verdict', { hasText: 'Predicted from the workspace' }).waitFor();
    }),
    step('an edit of the selector redraws the prediction: it routes nowhere, and says why', async (page) => {
      const service = picture(page).locator('g.item[data-id="service"]');
      await service.evaluate((g) => (g.dataset.marker = 'kept'));
      await editorLine(page, 'app: frontend').click();
      await page.keyboard.press('End');
      const started = Date.now();
      await page.keyboard.type('-v2');
      await picture(page)
        .locator('#verdict', {
          hasText:
            'routes nowhere: the selector matches no pod template; the closest is Deployment/frontend: app: frontend-v2 vs app: frontend',
        })
        .waitFor();
      measured.push(`selector edit to the workspace picture redrawn: ${Date.now() - started} ms`);
      // The template's row fades out, then goes.
      await picture(page).locator('g.item.col-endpoint').first().waitFor({ state: 'detached' });
      // Drawn in place: the Service's box is the one drawn before the edit.
      await picture(page).locator('g.item[data-id="service"][data-marker="kept"]').waitFor();
      await page.keyboard.press('Control+Z');
      await picture(page).locator('g.item.col-endpoint', { hasText: 'Deployment/frontend × 3' }).waitFor();
    }),
    step('a reload brings the workspace picture back, and the live tree and picture', async (page) => {
      await reloadWindow(page);
      // The verdict depends on the text the workbench restores (its hot-exit backup of the undone
      // edit may come back): what counts is that the prediction for the manifest is drawn again.
      await picture(page)
        .locator('#verdict', { hasText: 'Predicted from the workspace' })
        .waitFor({ timeout: 60_000 });
      await picture(page).locator('#origin', { hasText: 'services.yaml' }).waitFor();
      await picture(page).locator('g.item.col-service', { hasText: 'frontend' }).waitFor();
      await expectLiveTreeBack(page);
      await picture(page).locator('#switch', { hasText: 'Show Live' }).click();
      await picture(page).locator('#verdict', { hasText: 'Traffic goes to all 3 endpoints' }).waitFor();
      await picture(page).locator('#switch', { hasText: 'Show Workspace Prediction' }).click();
      await picture(page).locator('#verdict', { hasText: 'Predicted from the workspace' }).waitFor();
    }),
  ];
}

async function runSteps(page, list) {
  let passed = 0;
  for (const { name, body } of list) {
    try {
      await body(page);
      passed++;
      console.log(`  ✔ ${name}`);
    } catch (error) {
      console.error(`  ✘ ${name}\n    ${String(error.message).split('\n').join('\n    ')}`);
      mkdirSync(resultsDir, { recursive: true });
      await page.screenshot({ path: join(resultsDir, 'failure.png') }).catch(() => undefined);
      console.error(`  screenshot ${relative(repoRoot, join(resultsDir, 'failure.png'))}`);
      await printWebviews(page);
      return { passed, failed: 1 };
    }
  }
  return { passed, failed: 0 };
}

/**
 * On a failure, what each webview's page says (CI keeps only this output): its verdict, or the
 * status it shows instead of a picture.
 */
async function printWebviews(page) {
  const frames = page.frames().filter((frame) => frame.url().includes('fake.html'));
  console.error(`  ${frames.length} webview page(s) after the failure`);
  for (const frame of frames) {
    const text = await frame
      .evaluate(() =>
        ['#verdict', '#status', '#origin']
          .map(
            (selector) =>
              `${selector}: ${globalThis.document.querySelector(selector)?.textContent ?? '(none)'}`,
          )
          .join(' | '),
      )
      .catch((error) => `(unreadable: ${error.message})`);
    console.error(`    ${text.replace(/\s+/g, ' ').slice(0, 400)}`);
  }
}

/** The tail of the extension's own log (the newest extension host's), for a failure's context. */
function printExtensionLog(userDataDir) {
  const logs = join(userDataDir, 'logs');
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name === 'Kubernetes Endpoints & EndpointSlices.log') found.push(path);
    }
  };
  if (existsSync(logs)) walk(logs);
  const newest = found.sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs).at(-1);
  if (!newest) return;
  const lines = readFileSync(newest, 'utf8').trimEnd().split('\n').slice(-30);
  console.error(`  the extension's log, last ${lines.length} lines (${relative(logs, newest)}):`);
  for (const line of lines) console.error(`    ${line.slice(0, 300)}`);
}

async function main() {
  if (process.env.ENDPOINTSLICES_SKIP_CLUSTER === '1') {
    console.log('picture: skipped (ENDPOINTSLICES_SKIP_CLUSTER=1): the picture needs the demo cluster');
    return 0;
  }
  const vsix = packagedVsix();
  const started = Date.now();
  const codeServerDir = installCodeServer();
  const scratch = makeTempDir('picture');
  cleanups.add(async () => rmSync(scratch, { recursive: true, force: true }));
  const userDataDir = join(scratch, 'user-data');
  const extensionsDir = join(scratch, 'extensions');
  installExtension({ codeServerDir, vsix, userDataDir, extensionsDir });
  const cluster = await prepareDemoCluster(cleanups, scratch, ['picture']);
  const { KubeAdmin } = await import(join(repoRoot, 'out', 'test', 'cluster', 'kubeAdmin.js'));
  const admin = new KubeAdmin(cluster.adminKubeconfig);
  writeUserSettings(userDataDir, {
    ...baseSettings,
    'workbench.colorTheme': 'Default Dark Modern',
    'editor.minimap.enabled': false,
    'endpointslices.kubeconfig': cluster.identities.picture.kubeconfig,
  });
  const workspace = copyFixtureWorkspace(scratch, {});
  writeFileSync(join(workspace, 'frontend-deployment.yaml'), frontendDeployment);
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
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  page.setDefaultTimeout(30_000);
  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(screenshotDir, { recursive: true });
  console.log(`\n=== routing picture checks ${server.url}`);
  await page.addInitScript(watchWelcome);
  await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
  const only = options.only === undefined ? undefined : new RegExp(options.only);
  const chosen = steps(admin).filter((s, index) => index === 0 || !only || only.test(s.name));
  const { passed, failed } = await runSteps(page, chosen);
  if (failed > 0) printExtensionLog(userDataDir);
  for (const target of [failed > 0 ? resultsDir : undefined, process.env.PICTURE_LOGS]) {
    if (target) {
      cpSync(join(userDataDir, 'logs'), join(target, 'logs'), { recursive: true });
      cpSync(join(scratch, 'code-server.log'), join(target, 'code-server.log'));
    }
  }
  console.log(`picture: measured\n  ${measured.join('\n  ')}`);
  console.log(`\npicture: checks in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(`picture: ${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

await runDriver({
  label: 'picture',
  prefix: 'picture: ',
  cleanups,
  timeoutMs: Number(options['setup-timeout-ms']) + Number(options['timeout-ms']),
  main,
});
