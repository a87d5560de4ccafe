// The same e2e suite (out/test/e2e) in the desktop VS Code, through @vscode/test-electron, for
// machines that can download VS Code builds (this one cannot: npm test runs scripts/e2e/run.mjs
// on code-server instead). Like run.mjs it tests the packaged .vsix, unzipped, and runs the
// suite twice: with workspace trust off, and with it on and the folder untrusted.
//
// Needs internet (the first run downloads VS Code into .vscode-test/) and, on Linux without a
// display, a virtual one: xvfb-run -a node scripts/e2e/vscode-test-electron.mjs
// Usage: node scripts/e2e/vscode-test-electron.mjs [--vscode-version 1.100.3|stable|insiders]
// Build first: npm run build && npm run package
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runTests } from '@vscode/test-electron';
import {
  baseSettings,
  copyFixtureWorkspace,
  makeTempDir,
  packagedVsix,
  repoRoot,
  unpackVsix,
  writeUserSettings,
  trustRuns as runs,
} from './codeServer.mjs';

const { values: options } = parseArgs({
  // 1.100.3 is the oldest VS Code that engines.vscode (^1.100.0) admits and the one code-server
  // bundles; pass stable to check the newest too.
  options: { 'vscode-version': { type: 'string', default: '1.100.3' } },
});

const scratch = makeTempDir('electron');
let exitCode = 0;
try {
  const extensionDevelopmentPath = unpackVsix(packagedVsix(), join(scratch, 'vsix'));
  for (const run of runs) {
    const dir = join(scratch, run.name);
    const userDataDir = join(dir, 'user-data');
    const extensionsDir = join(dir, 'extensions');
    mkdirSync(extensionsDir, { recursive: true });
    writeUserSettings(userDataDir, { ...baseSettings, ...run.settings });
    const workspace = copyFixtureWorkspace(dir, {
      'endpointslices.kubeconfig': join(dir, 'no-cluster.kubeconfig'),
    });
    console.log(`\n=== e2e [${run.name}] VS Code ${options['vscode-version']} (desktop)`);
    const code = await runTests({
      version: options['vscode-version'],
      extensionDevelopmentPath,
      extensionTestsPath: join(repoRoot, 'out', 'test', 'e2e', 'index.js'),
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--skip-welcome',
        '--user-data-dir',
        userDataDir,
        '--extensions-dir',
        extensionsDir,
      ],
    }).catch((error) => {
      console.error(`e2e [${run.name}]: ${error.message ?? error}`);
      return 1;
    });
    exitCode ||= code;
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(exitCode);
