import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import type { Connection } from 'vscode-languageserver';

/**
 * The end of the LSP lifecycle. After `shutdown` the server answers every request with
 * InvalidRequest, as the specification requires, and waits for `exit` (which
 * vscode-languageserver turns into the process exit, code 0 after a shutdown).
 */
export class Lifecycle {
  private down = false;

  get isShutDown(): boolean {
    return this.down;
  }

  /** Called by the `shutdown` handler, once. */
  shutDown(): void {
    this.down = true;
  }

  /** Wraps a request handler: it runs until shutdown, and is refused after it. */
  request<A extends unknown[], R>(handler: (...args: A) => R): (...args: A) => R {
    return (...args: A): R => {
      this.refuseAfterShutdown();
      return handler(...args);
    };
  }

  /**
   * Methods nobody registered get MethodNotFound, as without this handler, or InvalidRequest
   * after shutdown like every other request.
   */
  answerUnknownRequests(connection: Connection): void {
    connection.onRequest((method: string) => {
      this.refuseAfterShutdown();
      throw new ResponseError(ErrorCodes.MethodNotFound, `Unhandled method ${method}`);
    });
  }

  private refuseAfterShutdown(): void {
    if (this.down) {
      throw new ResponseError(ErrorCodes.InvalidRequest, 'The server is shut down; only exit is expected.');
    }
  }
}
