// Runs the web build (package.json `browser`) in a real VS Code's web worker extension host: the
// extension host vscode.dev and github.dev use, where there is no Node. code-server 4.100.3 in
// Debian's headless Chromium, as scripts/e2e/run.mjs, on the packaged dist/endpointslices.vsix.
// code-server also has a Node extension host and would run the `main` entry there, so the user
// setting `remote.extensionKind` asks for the UI side, which in a browser is the web worker;
// test/e2e-web/index.ts checks that it really ran there (no `process`, `importScripts` present,
// the web build's activate result) before it checks diagnostics, completion, hover and a quick
// fix on the fixture workspace.
//
// This builds nothing but the test bundle: run `npm run build && npm run package` first.
// Usage: node scripts/e2e/web.mjs [--timeout-ms N]
import { cpSync, createWriteStream, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';
import { format, parseArgs } from 'node:util';
import { build } from 'esbuild';
import {
  baseSettings,
  Cleanups,
  copyFixtureWorkspace,
  freePort,
  installCodeServer,
  launchChromium,
  makeTempDir,
  packagedVsix,
  repoRoot,
  runDriver,
  setupTimeoutMs,
  startCodeServer,
  unpackVsix,
  writeUserSettings,
} from './codeServer.mjs';
import { webExtensionOptions } from '../esbuildShared.mjs';

const startMarker = 'endpointslices-e2e-start';
const resultMarker = 'endpointslices-e2e-result ';
const { values: options } = parseArgs({
  options: { 'timeout-ms': { type: 'string', default: String(5 * 60_000) } },
});
const cleanups = new Cleanups();

/**
 * The suite as the web worker host loads it: one CommonJS file without Node, inside the
 * extension's folder, so VS Code runs it in the host that runs the extension.
 */
async function bundleSuite(extensionPath) {
  const outfile = join(extensionPath, 'web-e2e', 'index.js');
  await build({
    ...webExtensionOptions,
    absWorkingDir: repoRoot,
    entryPoints: ['test/e2e-web/index.ts'],
    outfile,
    sourcemap: false,
  });
  return outfile;
}

/**
 * The workbench itself, once the suite is done: the activity bar shows VS Code's own containers
 * but not the cluster view's, which package.json contributes only where the web build has not
 * started (`!endpointslices.webExtensionHost`).
 */
async function checkNoClusterView(page, counts) {
  const icon = (label) => page.locator(`.activitybar .action-item a[aria-label*="${label}"]`);
  const explorer = await icon('Explorer').count();
  const ours = await icon('EndpointSlices').count();
  const ok = explorer > 0 && ours === 0;
  console.log(
    `  ${ok ? '✔' : '✖'} no cluster view in the activity bar (Explorer icons: ${explorer}, EndpointSlices icons: ${ours})`,
  );
  return ok ? { passed: counts.passed + 1 } : { failed: counts.failed + 1 };
}

function testUrl(server, workspace, extensionPath, testsEntry) {
  const remote = (path) => `vscode-remote://127.0.0.1:${server.port}${path}`;
  const payload = [
    ['extensionDevelopmentPath', remote(extensionPath)],
    ['extensionTestsPath', remote(testsEntry)],
    ['skipWelcome', 'true'],
  ];
  const query = `folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return `${server.url}/?${query}`;
}

async function main() {
  const started = Date.now();
  const codeServerDir = installCodeServer();
  const scratch = makeTempDir('e2e-web');
  cleanups.add(async () => rmSync(scratch, { recursive: true, force: true }));
  const extensionPath = unpackVsix(packagedVsix(), join(scratch, 'vsix'));
  const testsEntry = await bundleSuite(extensionPath);
  const userDataDir = join(scratch, 'user-data');
  const extensionsDir = join(scratch, 'extensions');
  mkdirSync(extensionsDir, { recursive: true });
  writeUserSettings(userDataDir, {
    ...baseSettings,
    // The UI side of a browser window is its web worker extension host.
    'remote.extensionKind': { 'endpointslices.endpointslices': ['web'] },
  });
  const workspace = copyFixtureWorkspace(scratch, {});
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
  const workbenchLog = createWriteStream(join(scratch, 'workbench.log'));
  cleanups.add(async () => workbenchLog.end());

  let counts;
  let exit;
  const exited = new Promise((resolve) => (exit = resolve));
  let suiteStarted = false;
  await page.exposeFunction('codeAutomationLog', (level, message) => {
    const text = Array.isArray(message) ? format(...message) : String(message);
    workbenchLog.write(`[${level}] ${text}\n`);
    if (text.includes(resultMarker)) {
      counts = JSON.parse(text.slice(text.indexOf(resultMarker) + resultMarker.length));
    } else if (text.includes(startMarker)) {
      suiteStarted = true;
      console.log(`  ${text.replace(startMarker, '').trim()}`);
    } else if (suiteStarted || level === 'error') {
      (level === 'error' ? console.error : console.log)(`  ${text}`);
    }
  });
  await page.exposeFunction('codeAutomationExit', (code, logs) => exit({ code, logs }));
  page.on('crash', () => exit({ code: 1, reason: 'the page crashed' }));

  console.log(`\n=== e2e [web worker extension host] ${server.url}`);
  await page.goto(testUrl(server, workspace, extensionPath, testsEntry));
  let timer;
  const timedOut = new Promise((resolve) => {
    timer = setTimeout(
      () => resolve({ code: 1, reason: 'timed out (--timeout-ms)' }),
      Number(options['timeout-ms']),
    );
  });
  const outcome = await Promise.race([exited, timedOut]);
  clearTimeout(timer);
  if (outcome.reason) console.error(`e2e-web: ${outcome.reason}`);
  if (counts) counts = { ...counts, ...(await checkNoClusterView(page, counts)) };
  const failed = outcome.code !== 0 || counts === undefined || counts.failed > 0;
  if (failed) {
    const target = join(repoRoot, 'test-results', 'e2e-web');
    mkdirSync(target, { recursive: true });
    await page.screenshot({ path: join(target, 'failure.png') }).catch(() => undefined);
    rmSync(join(target, 'workbench.log'), { force: true });
    workbenchLog.end();
    cpSync(join(scratch, 'code-server.log'), join(target, 'code-server.log'));
    cpSync(join(scratch, 'workbench.log'), join(target, 'workbench.log'));
    // The workbench hands over the browser-side logs (our output channel among them) on exit.
    for (const { relativePath, contents } of Array.isArray(outcome.logs) ? outcome.logs : []) {
      const file = join(target, 'browser-logs', relativePath.replace(/\.\.\//g, ''));
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(file, contents);
    }
    console.error(`e2e-web: screenshot and logs in ${target}`);
  }
  const total = counts ?? { passed: 0, failed: 1 };
  console.log(`\ne2e-web: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(`${total.passed} passed, ${total.failed} failed`);
  return failed ? outcome.code || 1 : 0;
}

await runDriver({
  label: 'e2e-web',
  prefix: '',
  cleanups,
  timeoutMs: setupTimeoutMs + Number(options['timeout-ms']) + 30_000,
  main,
});
