// Entry point VS Code loads as `extensionTestsPath`: it runs inside the real extension host and
// reports through the console, which the driver (scripts/e2e/run.mjs, or @vscode/test-electron)
// receives. The resolved or rejected promise becomes the window's exit code.
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

/**
 * The suites, in the order they run. Activation must come first: it checks that nothing
 * activated the extension before a YAML file was opened, which only a fresh window shows.
 * `clusterPanel` needs the local cluster the driver prepares (scripts/e2e/cluster.mjs).
 */
export const suites = [
  'activation',
  'diagnostics',
  'json',
  'commands',
  'workspaceTrust',
  'editing',
  'routingDoctor',
  'languageStatus',
  'clusterPanel',
];

/** Lines the driver looks for: where the suite's output starts, and the counts at its end. */
export const startMarker = 'endpointslices-e2e-start';
export const resultMarker = 'endpointslices-e2e-result';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    // The log is read in CI files and terminals alike; escape codes would only get in the way.
    color: false,
    // Generous: the first diagnostics wait for the server to start in a cold extension host.
    timeout: 30_000,
    ...(process.env.ENDPOINTSLICES_E2E_GREP ? { grep: process.env.ENDPOINTSLICES_E2E_GREP } : {}),
  });
  for (const name of suites) {
    mocha.addFile(path.join(__dirname, 'suite', `${name}.test.js`));
  }
  console.log(`${startMarker} VS Code ${vscode.version}, Node ${process.versions.node}`);
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const stats = runner.stats;
      const counts = {
        passed: stats?.passes ?? 0,
        failed: stats?.failures ?? failures,
        pending: stats?.pending ?? 0,
      };
      console.log(`${resultMarker} ${JSON.stringify(counts)}`);
      if (failures > 0) {
        reject(new Error(`${failures} e2e test(s) failed`));
      } else {
        resolve();
      }
    });
  });
}
