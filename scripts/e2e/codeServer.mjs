// What the e2e scripts share: installing and starting code-server, launching Debian's Chromium
// through playwright-core, and stopping both for certain. The facts behind each choice are in
// shared/notes/vscode-offline.md (code-server 4.100.3, its flags, the browser flags).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Debian's browser; Playwright's own browser downloads cannot work offline. */
export const chromiumPath = '/usr/bin/chromium';
const chromiumArgs = [
  '--no-sandbox', // we run as root, where Chromium's sandbox refuses to start
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * User settings for every window we start: no telemetry, no gallery or update checks (there is
 * no internet), nothing opened at startup, workspace trust off unless a run turns it on.
 */
export const baseSettings = {
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
};

/** Runs scripts/e2e/install-code-server.sh (cached after the first run); returns its folder. */
export function installCodeServer() {
  const result = spawnSync('bash', [join(repoRoot, 'scripts', 'e2e', 'install-code-server.sh')], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`scripts/e2e/install-code-server.sh failed (exit ${result.status})`);
  }
  return result.stdout.trim().split('\n').pop();
}

function entryOf(codeServerDir) {
  return join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

/** A temporary folder that the caller removes; `prefix` names it for whoever finds it later. */
export function makeTempDir(prefix) {
  return mkdtempSync(join(tmpdir(), `endpointslices-${prefix}-`));
}

/** A port the kernel just handed out, free unless something grabs it in the next moment. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * A fresh copy of test/e2e/workspace under `dir`, with `folderSettings` as its
 * .vscode/settings.json, so nothing a test or a click does can touch the repo.
 */
export function copyFixtureWorkspace(dir, folderSettings) {
  const workspace = join(dir, 'workspace');
  cpSync(join(repoRoot, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
  mkdirSync(join(workspace, '.vscode'));
  writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify(folderSettings, null, 2));
  return workspace;
}

/** Writes `settings` as the user settings of a code-server user-data-dir. */
export function writeUserSettings(userDataDir, settings) {
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
}

/**
 * The environment code-server runs in: an extensions gallery without a service URL, so the
 * workbench neither searches nor checks updates on the internet it cannot reach.
 */
function codeServerEnv() {
  return { ...process.env, EXTENSIONS_GALLERY: '{}' };
}

/** Installs a .vsix into `extensionsDir` with code-server's own CLI (it exits when done). */
export function installExtension({ codeServerDir, vsix, userDataDir, extensionsDir }) {
  const result = spawnSync(
    process.execPath,
    [
      entryOf(codeServerDir),
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      extensionsDir,
      '--install-extension',
      vsix,
      '--force',
    ],
    { encoding: 'utf8', env: codeServerEnv() },
  );
  if (result.status !== 0 || /Failed|Error/.test(result.stderr)) {
    throw new Error(`installing ${vsix} failed:\n${result.stdout}${result.stderr}`);
  }
}

/**
 * Starts code-server on 127.0.0.1 and resolves once it answers HTTP. It runs in its own process
 * group, so stop() also ends the extension host, the file watcher and the pty host it forks.
 * Output goes to `logFile`, and also to this terminal when `echo` is set; `env` is added to the
 * environment code-server and its extension host run in.
 */
export async function startCodeServer({
  codeServerDir,
  port,
  userDataDir,
  extensionsDir,
  workspace,
  logFile,
  echo = false,
  env = {},
}) {
  const args = [
    entryOf(codeServerDir),
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    workspace,
  ];
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    // `env` reaches the extension host too: the e2e suite reads its cluster settings there.
    env: { ...codeServerEnv(), ...env },
  });
  const log = createWriteStream(logFile);
  for (const stream of [child.stdout, child.stderr]) {
    stream.pipe(log, { end: false });
    if (echo) {
      stream.pipe(process.stderr, { end: false });
    }
  }
  const url = `http://127.0.0.1:${port}`;
  const server = { url, port, child, logFile, stop: () => stopProcessGroup(child) };
  try {
    await waitForHttp(`${url}/healthz`, child, 30_000);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

/** Polls until `url` answers 200; fails fast if the process dies, and at the deadline. */
async function waitForHttp(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited (${child.exitCode ?? child.signalCode}) before serving`);
    }
    if ((await httpStatus(url)) === 200) {
      return;
    }
    await delay(100);
  }
  throw new Error(`code-server did not answer ${url} within ${timeoutMs} ms`);
}

function httpStatus(url) {
  return new Promise((resolve) => {
    const request = get(url, (response) => {
      response.resume();
      resolve(response.statusCode);
    });
    request.on('error', () => resolve(undefined));
    request.setTimeout(2_000, () => request.destroy());
  });
}

/** SIGTERM to the whole group, SIGKILL after five seconds if anything is still there. */
export async function stopProcessGroup(child) {
  if (child.pid === undefined) {
    return;
  }
  const signalGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
      return true;
    } catch {
      return false; // ESRCH: the group is gone
    }
  };
  if (!signalGroup('SIGTERM')) {
    return;
  }
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    if (!signalGroup(0)) {
      return;
    }
    await delay(100);
  }
  signalGroup('SIGKILL');
}

/** Headless Chromium from Debian, driven by playwright-core. */
export async function launchChromium() {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `${chromiumPath} is missing: run scripts/e2e/install-code-server.sh (it installs chromium)`,
    );
  }
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
    // Playwright's own handlers would exit the process on Ctrl-C before code-server is stopped;
    // Cleanups closes the browser instead, in order with everything else.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
}

/** Unzips a .vsix into `target`; returns its extension/ folder, which is what VS Code installs. */
export function unpackVsix(vsix, target) {
  const result = spawnSync('unzip', ['-q', '-o', vsix, '-d', target], { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`unzip ${vsix} failed: ${result.stderr || result.error?.message}`);
  }
  return join(target, 'extension');
}

/** The packaged extension the scripts test; `npm run package` makes it. */
export function packagedVsix() {
  const vsix = join(repoRoot, 'dist', 'endpointslices.vsix');
  if (!existsSync(vsix)) {
    throw new Error(`${vsix} is missing: run npm run build && npm run package first`);
  }
  return vsix;
}

/**
 * What a script started, stopped in reverse order however the script ends: normally, on
 * Ctrl-C, SIGTERM or a closed terminal, or at its overall deadline. code-server runs in its own process group,
 * so without this a killed script would leave it serving.
 */
export class Cleanups {
  #stack = [];

  add(stop) {
    this.#stack.push(stop);
  }

  get size() {
    return this.#stack.length;
  }

  /** Runs the cleanups added after the stack had `downTo` entries, newest first. */
  async run(downTo = 0) {
    while (this.#stack.length > downTo) {
      const stop = this.#stack.pop();
      await Promise.resolve()
        .then(stop)
        .catch((error) => console.error(`cleanup: ${error.message}`));
    }
  }

  /** Exits through run() on SIGINT/SIGTERM/SIGHUP and after `timeoutMs`; returns a disarm function. */
  guard(label, timeoutMs) {
    const exitAfterCleanup = (code) => void this.run().finally(() => process.exit(code));
    const onSignal = () => exitAfterCleanup(130);
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    signals.forEach((signal) => process.on(signal, onSignal));
    const timer = setTimeout(() => {
      console.error(`${label}: overall timeout after ${timeoutMs} ms; stopping everything`);
      exitAfterCleanup(1);
    }, timeoutMs);
    return () => {
      clearTimeout(timer);
      signals.forEach((signal) => process.off(signal, onSignal));
    };
  }
}

/**
 * How long the drivers' set-up may take (installing code-server, starting and seeding the cluster),
 * apart from the tests' own --timeout-ms. scripts/test.sh builds both beforehand, so there it takes
 * seconds; a driver run alone on a fresh machine builds the control plane itself (~10 min on 2 cores).
 */
export const setupTimeoutMs = 30 * 60_000;

/**
 * Runs a driver's main under its guard: cleanups always run, and a crash still ends with a counted
 * failure line (`<prefix>0 passed, 1 failed`) so the summed total in scripts/test.sh sees it.
 */
export async function runDriver({ label, prefix, cleanups, timeoutMs, main }) {
  const disarm = cleanups.guard(label, timeoutMs);
  let exitCode = 1;
  try {
    exitCode = await main();
  } catch (error) {
    console.error(`${label}: ${error.stack ?? error}`);
    console.log(`${prefix}0 passed, 1 failed`);
  } finally {
    await cleanups.run();
    disarm();
  }
  process.exit(exitCode);
}

/**
 * The suite runs once per window kind: workspace trust off, and trust on with the folder left
 * untrusted (test mode refuses the trust dialog). Both drivers, code-server and Electron, use this.
 */
export const trustRuns = [
  { name: 'trusted', settings: { 'security.workspace.trust.enabled': false } },
  {
    name: 'untrusted',
    settings: {
      'security.workspace.trust.enabled': true,
      'security.workspace.trust.startupPrompt': 'never',
      'security.workspace.trust.banner': 'never',
    },
  },
];
