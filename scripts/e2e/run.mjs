// Runs the e2e suite (test/e2e, compiled to out/test/e2e) inside a real VS Code: code-server
// 4.100.3 in Debian's headless Chromium, driven by playwright-core. What is tested is the packaged
// artifact: dist/endpointslices.vsix is unzipped and its extension/ folder is the development
// path. The suite runs twice, in two fresh windows: with workspace trust off, and with trust on
// and the folder never trusted (test mode refuses the trust dialog, so it stays restricted).
//
// This builds nothing: run `npm run build && npm run package` first (npm run test:e2e does).
// Usage: node scripts/e2e/run.mjs [--run trusted|untrusted]... [--timeout-ms N] [--setup-timeout-ms N]
// --timeout-ms bounds the test windows only: its clock starts once code-server is installed and the
// cluster is up and seeded, which on a fresh machine can take many minutes (--setup-timeout-ms).
// On failure, test-results/e2e/<run>/ gets a screenshot, the code-server output and the logs
// folder (the extension host log and our output channel are in it).
import {
  copyFileSync,
  cpSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';
import { format, parseArgs } from 'node:util';
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
  startCodeServer,
  unpackVsix,
  writeUserSettings,
  runDriver,
  setupTimeoutMs,
  trustRuns as runs,
} from './codeServer.mjs';
import { e2eNamespace, prepareDemoCluster } from './cluster.mjs';

/** The lines test/e2e/index.ts prints before mocha starts and with mocha's counts. */
const startMarker = 'endpointslices-e2e-start';
const resultMarker = 'endpointslices-e2e-result ';
/** Workbench lines that interleave with the suite's output and say nothing about it. */
const workbenchNoise =
  /^(Ignoring fetching additional builtin extensions|Updating additional builtin extensions cache)/;

const { values: options } = parseArgs({
  options: {
    run: { type: 'string', multiple: true },
    'timeout-ms': { type: 'string', default: String(10 * 60_000) },
    'setup-timeout-ms': { type: 'string', default: String(setupTimeoutMs) },
  },
});
/** When the test windows must be done; set once set-up is over, so building never eats test time. */
let deadline = Infinity;
const resultsRoot = join(repoRoot, 'test-results', 'e2e');

/** Everything started so far, stopped in reverse order however the script ends. */
const cleanups = new Cleanups();

/**
 * The local cluster for the cluster-panel suite: the demo cluster, up and seeded, and a
 * read-only identity per window (scripts/e2e/cluster.mjs). ENDPOINTSLICES_SKIP_CLUSTER=1 runs
 * without one: the suite then checks only what needs no cluster.
 */
async function prepareCluster(scratch) {
  if (process.env.ENDPOINTSLICES_SKIP_CLUSTER === '1') {
    return { identities: {} };
  }
  return prepareDemoCluster(
    cleanups,
    scratch,
    runs.map((run) => run.name),
  );
}

/**
 * What a window gets: its identity's kubeconfig as the user setting, a copy as the workspace
 * setting (the trust suite checks which applies: the workspace one only when trusted), and the
 * environment the cluster-panel suite reads in the extension host.
 */
function clusterSetup(run, dir, cluster) {
  const identity = cluster.identities[run.name];
  const userKubeconfig = identity?.kubeconfig ?? join(dir, 'no-cluster.kubeconfig');
  const workspaceKubeconfig = join(dir, 'workspace.kubeconfig');
  if (identity) {
    copyFileSync(identity.kubeconfig, workspaceKubeconfig);
  }
  const env = identity
    ? {
        ENDPOINTSLICES_E2E_ADMIN_KUBECONFIG: cluster.adminKubeconfig,
        ENDPOINTSLICES_E2E_AUDIT_LOG: cluster.auditLog,
        ENDPOINTSLICES_E2E_CLUSTER_USER: identity.username,
        ENDPOINTSLICES_E2E_NAMESPACE: e2eNamespace,
      }
    : {};
  return { userKubeconfig, workspaceKubeconfig, env };
}

/** The workbench URL that makes VS Code run extension tests (its own web integration tests do this). */
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

async function runOnce(run, { codeServerDir, extensionPath, testsEntry, scratch, cluster }) {
  const dir = join(scratch, run.name);
  const userDataDir = join(dir, 'user-data');
  const extensionsDir = join(dir, 'extensions');
  mkdirSync(extensionsDir, { recursive: true });
  const { userKubeconfig, workspaceKubeconfig, env } = clusterSetup(run, dir, cluster);
  writeUserSettings(userDataDir, {
    ...baseSettings,
    ...run.settings,
    'endpointslices.kubeconfig': userKubeconfig,
  });
  const workspace = copyFixtureWorkspace(dir, { 'endpointslices.kubeconfig': workspaceKubeconfig });

  const ownCleanups = cleanups.size;
  const server = await startCodeServer({
    codeServerDir,
    port: await freePort(),
    userDataDir,
    extensionsDir,
    workspace,
    logFile: join(dir, 'code-server.log'),
    env,
  });
  cleanups.add(() => server.stop());
  const browser = await launchChromium();
  cleanups.add(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });

  let counts;
  let exit;
  const exited = new Promise((resolve) => (exit = resolve));
  // Log lines arrive as console.log argument lists (mocha's spec reporter passes format
  // strings). The workbench's start-up chatter, before the suite announces itself, goes to
  // workbench.log (kept on failure); the suite's own output goes to this terminal.
  const workbenchLog = createWriteStream(join(dir, 'workbench.log'));
  cleanups.add(async () => workbenchLog.end());
  let suiteStarted = false;
  await page.exposeFunction('codeAutomationLog', (level, message) => {
    const text = Array.isArray(message) ? format(...message) : String(message);
    workbenchLog.write(`[${level}] ${text}\n`);
    if (text.includes(resultMarker)) {
      counts = JSON.parse(text.slice(text.indexOf(resultMarker) + resultMarker.length));
    } else if (text.includes(startMarker)) {
      suiteStarted = true;
      console.log(`  ${text.replace(startMarker, '').trim()}`);
    } else if ((suiteStarted && !workbenchNoise.test(text)) || level === 'error') {
      (level === 'error' ? console.error : console.log)(`  ${text}`);
    }
  });
  await page.exposeFunction('codeAutomationExit', (code, logs) => exit({ code, logs }));
  page.on('crash', () => exit({ code: 1, reason: 'the page crashed' }));

  console.log(
    `\n=== e2e [${run.name}] ${server.url} (workspace trust ${run.settings['security.workspace.trust.enabled'] ? 'on, folder untrusted' : 'off'})`,
  );
  await page.goto(testUrl(server, workspace, extensionPath, testsEntry));
  const remaining = Math.max(deadline - Date.now(), 1_000);
  let timer;
  const timedOut = new Promise((resolve) => {
    timer = setTimeout(() => resolve({ code: 1, reason: `timed out (--timeout-ms)` }), remaining);
  });
  const outcome = await Promise.race([exited, timedOut]);
  clearTimeout(timer);

  const failed = outcome.code !== 0 || counts === undefined || counts.failed > 0;
  if (outcome.reason) {
    console.error(`e2e [${run.name}]: ${outcome.reason}`);
  }
  if (failed) {
    await saveEvidence(run, page, { dir, userDataDir, logs: outcome.logs });
  }
  await cleanups.run(ownCleanups);
  return { code: failed ? outcome.code || 1 : 0, counts: counts ?? { passed: 0, failed: 1, pending: 0 } };
}

/** A screenshot, code-server's output and every log file, for a failure nobody watched. */
async function saveEvidence(run, page, { dir, userDataDir, logs }) {
  const target = join(resultsRoot, run.name);
  mkdirSync(target, { recursive: true });
  await page
    .screenshot({ path: join(target, 'failure.png') })
    .catch((error) => console.error(`screenshot failed: ${error.message}`));
  for (const name of ['code-server.log', 'workbench.log']) {
    cpSync(join(dir, name), join(target, name));
  }
  if (existsSync(join(userDataDir, 'logs'))) {
    cpSync(join(userDataDir, 'logs'), join(target, 'logs'), { recursive: true });
  }
  // The workbench hands over the browser-side logs with the exit code.
  for (const { relativePath, contents } of Array.isArray(logs) ? logs : []) {
    const file = join(target, 'browser-logs', relativePath.replace(/\.\.\//g, ''));
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, contents);
  }
  console.error(`e2e [${run.name}]: screenshot and logs in ${target}`);
}

async function main() {
  const vsix = packagedVsix();
  const testsEntry = join(repoRoot, 'out', 'test', 'e2e', 'index.js');
  if (!existsSync(testsEntry)) {
    throw new Error(`${testsEntry} is missing: run npx tsc -b first`);
  }
  const selected = runs.filter((run) => !options.run || options.run.includes(run.name));
  if (selected.length === 0) {
    throw new Error(`--run takes ${runs.map((run) => run.name).join(' or ')}`);
  }
  const started = Date.now();
  const codeServerDir = installCodeServer();
  const scratch = makeTempDir('e2e');
  cleanups.add(async () => rmSync(scratch, { recursive: true, force: true }));
  const context = {
    codeServerDir,
    extensionPath: unpackVsix(vsix, join(scratch, 'vsix')),
    testsEntry,
    scratch,
    cluster: await prepareCluster(scratch),
  };
  console.log(
    `e2e: set-up done in ${((Date.now() - started) / 1000).toFixed(0)} s; the windows get --timeout-ms`,
  );
  deadline = Date.now() + Number(options['timeout-ms']);

  const totals = { passed: 0, failed: 0, pending: 0 };
  let exitCode = 0;
  for (const run of selected) {
    rmSync(join(resultsRoot, run.name), { recursive: true, force: true });
    const { code, counts } = await runOnce(run, context);
    for (const key of Object.keys(totals)) {
      totals[key] += counts[key] ?? 0;
    }
    exitCode ||= code;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  console.log(
    `\ne2e: ${selected.length} window(s) in ${seconds} s${totals.pending ? `, ${totals.pending} pending` : ''}`,
  );
  // The closing line CI reads: mocha's counts over all runs.
  console.log(`${totals.passed} passed, ${totals.failed} failed`);
  return exitCode;
}

// The overall deadline also covers hangs outside a test run (installing, starting).
await runDriver({
  label: 'e2e',
  prefix: '',
  cleanups,
  timeoutMs: Number(options['setup-timeout-ms']) + Number(options['timeout-ms']) + 30_000,
  main,
});
