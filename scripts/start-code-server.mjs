// `npm start`'s last step: serves the packaged extension in code-server (VS Code in the browser)
// on 127.0.0.1 with a copy of samples/ as the workspace, and stays in the foreground until Ctrl-C,
// which stops code-server and everything it started. scripts/start.sh builds and packages first.
//
// The workspace is a fresh copy made at each start and removed at the end: the demo auto-saves,
// and a user's experiments must not land in the repository's own samples/.
//
// The user-data and extensions folders persist under the cache, so settings and open editors
// survive a restart; the .vsix is reinstalled on every start, so the latest build is what runs.
// Usage: node scripts/start-code-server.mjs        PORT=8080 picks the port (default: a free one)
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import {
  baseSettings,
  Cleanups,
  freePort,
  installCodeServer,
  installExtension,
  makeTempDir,
  packagedVsix,
  repoRoot,
  startCodeServer,
  writeUserSettings,
} from './e2e/codeServer.mjs';

const stateDir = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'endpointslices-e2e', 'start');
const userDataDir = join(stateDir, 'user-data');
const extensionsDir = join(stateDir, 'extensions');
const samples = join(repoRoot, 'samples');

/** The user's own changes win; our defaults fill in what they never set. */
function mergeSettings() {
  const file = join(userDataDir, 'User', 'settings.json');
  let existing = {};
  if (existsSync(file)) {
    try {
      existing = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      console.error(`${file} is not plain JSON (comments?); leaving it as it is.`);
      return;
    }
  }
  // The samples are ours, so the trust prompt would only be in the way.
  writeUserSettings(userDataDir, { ...baseSettings, ...existing });
}

const cleanups = new Cleanups();
const workspace = join(makeTempDir('demo'), 'samples');
cpSync(samples, workspace, { recursive: true });
cleanups.add(async () => rmSync(join(workspace, '..'), { recursive: true, force: true }));
const vsix = packagedVsix();
const codeServerDir = installCodeServer();
mkdirSync(extensionsDir, { recursive: true });
installExtension({ codeServerDir, vsix, userDataDir, extensionsDir });
mergeSettings();
const port = process.env.PORT ? Number(process.env.PORT) : await freePort();
const server = await startCodeServer({
  codeServerDir,
  port,
  userDataDir,
  extensionsDir,
  workspace,
  logFile: join(stateDir, 'code-server.log'),
});
cleanups.add(() => server.stop());

console.log(`
  VS Code (code-server 4.100.3) with the extension, on a copy of the sample manifests:

    ${server.url}/?folder=${encodeURIComponent(workspace)}

  Open endpointslice-mistakes.yaml to see the diagnostics as you type.${
    process.env.KUBECONFIG
      ? `\n  The Kubernetes EndpointSlices icon in the activity bar shows the local demo cluster live.`
      : ''
  }
  Edits go to the copy (${workspace}), which is removed when you stop;
  the repository's samples/ stays as it is.
  Press Ctrl-C to stop. (code-server log: ${server.logFile})
`);

let stopping = false;
function stop(exitCode) {
  stopping = true;
  void cleanups.run().finally(() => process.exit(exitCode));
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => stop(0));
}
server.child.on('exit', (code, signal) => {
  if (!stopping) {
    console.error(`code-server stopped by itself (${code ?? signal}); see ${server.logFile}`);
    stop(1);
  }
});
