/**
 * Wrappers that keep one failing handler from taking the server down. A bad document or a
 * misbehaving client must cost at most that one answer; the error goes to the client's log.
 */

/** The part of `connection.console` the guards need, so tests can pass a plain recorder. */
export interface ErrorLog {
  error(message: string): void;
}

/** Formats an unknown thrown value with its stack when it has one. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    return error.stack ?? `${error.name}: ${error.message}`;
  }
  return String(error);
}

/**
 * Wraps a notification handler. Synchronous throws and rejected promises are both logged;
 * nothing escapes to the JSON-RPC layer.
 */
export function guard<A extends unknown[]>(
  log: ErrorLog,
  label: string,
  handler: (...args: A) => void | Promise<void>,
): (...args: A) => void {
  return (...args: A): void => {
    try {
      const result = handler(...args);
      if (result instanceof Promise) {
        result.catch((error: unknown) => log.error(`${label} failed: ${describeError(error)}`));
      }
    } catch (error) {
      log.error(`${label} failed: ${describeError(error)}`);
    }
  };
}

/**
 * Wraps a request handler that must always answer: on failure the error is logged and the
 * fallback is returned instead of an error response.
 */
export function guardRequest<A extends unknown[], R>(
  log: ErrorLog,
  label: string,
  fallback: () => R,
  handler: (...args: A) => R,
): (...args: A) => R {
  return (...args: A): R => {
    try {
      return handler(...args);
    } catch (error) {
      log.error(`${label} failed: ${describeError(error)}`);
      return fallback();
    }
  };
}

/**
 * Wraps an async request handler like `guardRequest`: a rejection is logged and answered with
 * the fallback, never with an error response.
 */
export function guardAsyncRequest<A extends unknown[], R>(
  log: ErrorLog,
  label: string,
  fallback: () => R,
  handler: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  return async (...args: A): Promise<R> => {
    try {
      return await handler(...args);
    } catch (error) {
      log.error(`${label} failed: ${describeError(error)}`);
      return fallback();
    }
  };
}
