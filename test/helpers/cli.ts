import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/** The shipped CLI bundle; `node scripts/bundle.mjs` must have run. */
export const cliBundle = resolve(__dirname, '../../../dist/cli.js');
export const fixturesDir = resolve(__dirname, '../../../test/fixtures/cli');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in the fixtures folder, so reported paths are short and relative. */
export function runCli(
  args: readonly string[],
  options: { input?: string | Buffer; cwd?: string } = {},
): CliResult {
  const result = spawnSync(process.execPath, [cliBundle, ...args], {
    cwd: options.cwd ?? fixturesDir,
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (result.error) {
    throw result.error;
  }
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the CLI and parses its stdout as JSON. */
export function runCliJson<T>(
  args: readonly string[],
  options: { input?: string | Buffer; cwd?: string } = {},
): CliResult & { json: T } {
  const result = runCli(['--format', 'json', ...args], options);
  return { ...result, json: JSON.parse(result.stdout) as T };
}
