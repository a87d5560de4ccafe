import type { RemoteConsole } from 'vscode-languageserver';

/**
 * Sends `console` output to the client's log. With `--stdio`, stdout is the protocol stream
 * and one stray `console.log` from a dependency would corrupt it. `format` is Node's `util.format`
 * in the Node server and a plain one in the browser worker.
 */
export function redirectConsole(remote: RemoteConsole, format: (...args: unknown[]) => string): void {
  /* eslint-disable no-console -- the one place that touches console: it points it at the client. */
  console.log = (...args: unknown[]) => remote.log(format(...args));
  console.info = (...args: unknown[]) => remote.info(format(...args));
  console.warn = (...args: unknown[]) => remote.warn(format(...args));
  console.error = (...args: unknown[]) => remote.error(format(...args));
  console.debug = (...args: unknown[]) => remote.log(format(...args));
  console.trace = (...args: unknown[]) => remote.log(new Error(format(...args)).stack ?? format(...args));
  /* eslint-enable no-console */
}
