/**
 * One request and its answer, under limits a hostile or broken apiserver cannot stretch: a
 * deadline (the headers, or the whole answer), an idle limit, and a cap on the bytes read. Node's
 * own request timeout is an idle timer, so a server sending a byte every few seconds, or header
 * lines without end, would hold a request forever; and readline keeps a line without an end in
 * memory until V8 refuses the string. When this side ends an exchange, the reason it gives is
 * what the caller sees, not the socket's symptom ("the connection was cut").
 */
import type * as http from 'node:http';
import { ClusterError, LimitError, classifyError } from './clusterErrors';
import type { ClusterErrorKind } from './model';

export class Exchange {
  private request: http.ClientRequest | undefined;
  private deadline: NodeJS.Timeout | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private cause: ClusterError | undefined;
  private reject: (error: ClusterError) => void = () => undefined;
  /** Rejects when this side ends the exchange; for the steps before there is a request. */
  readonly ended: Promise<never>;

  constructor(
    private readonly signal: AbortSignal | undefined,
    private readonly secret: string | undefined = undefined,
  ) {
    this.ended = new Promise<never>((_, reject) => (this.reject = reject));
    this.ended.catch(() => undefined);
    if (signal?.aborted) {
      this.end(new ClusterError({ kind: 'other', message: 'aborted' }));
    }
    signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  /** The exchange ends with a timeout unless it finishes within `ms` (replaces an earlier deadline). */
  limit(
    ms: number,
    what = `no complete answer within ${seconds(ms)}`,
    kind: ClusterErrorKind = 'unreachable',
  ): void {
    clearTimeout(this.deadline);
    this.deadline = setTimeout(() => this.end(new ClusterError({ kind, message: what })), ms);
  }

  /** The exchange ends unless a byte arrives within `ms`; call again on every byte. */
  idle(ms: number): void {
    clearTimeout(this.idleTimer);
    const message = `nothing received for ${seconds(ms)}`;
    this.idleTimer = setTimeout(() => this.end(new ClusterError({ kind: 'unreachable', message })), ms);
  }

  attach(request: http.ClientRequest): void {
    this.request = request;
    if (this.cause) {
      request.destroy();
    }
  }

  /** Ends the exchange for `cause`, which is what the caller will be told. */
  end(cause: ClusterError): void {
    this.cause ??= cause;
    this.finish();
    this.reject(this.cause);
    // Without the error: the socket may already be back in the keep-alive pool, where an error
    // event has no listener. The cause is reported through failure() instead.
    this.request?.destroy();
  }

  /** What to report for a failure: the reason this side ended the exchange, if it did. */
  failure(error: unknown): ClusterError {
    const info = this.cause?.info ?? classifyError(error);
    const message = this.redact(info.message);
    // The cause itself when there is nothing to redact: its class (LimitError) matters.
    return this.cause && message === info.message ? this.cause : new ClusterError({ ...info, message });
  }

  /** Never show the credential a server echoed back (a proxy's error page, a debug message). */
  redact(text: string): string {
    return this.secret && this.secret.length >= 8 ? text.split(this.secret).join('***') : text;
  }

  /** No deadline or idle limit any more (an abort still ends the exchange). */
  clearTimers(): void {
    clearTimeout(this.deadline);
    clearTimeout(this.idleTimer);
  }

  /** The exchange is over: no timer, no abort listener. */
  finish(): void {
    this.clearTimers();
    this.signal?.removeEventListener('abort', this.onAbort);
  }

  private readonly onAbort = (): void => this.end(new ClusterError({ kind: 'other', message: 'aborted' }));
}

/**
 * Reads a whole body of at most `limit` bytes. Past the limit, `truncate` keeps the first `limit`
 * bytes (an error page: its start says enough) and otherwise the exchange fails.
 */
export function readBody(
  response: http.IncomingMessage,
  exchange: Exchange,
  limit: number,
  overflow: 'truncate' | 'fail',
): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    let settled = false;
    const settle = (result: () => void): void => {
      if (!settled) {
        settled = true;
        result();
      }
    };
    response.on('data', (chunk: Buffer) => {
      if (settled) {
        return;
      }
      chunks.push(chunk);
      bytes += chunk.length;
      if (bytes <= limit) {
        return;
      }
      if (overflow === 'truncate') {
        settle(() => resolve(Buffer.concat(chunks).subarray(0, limit).toString('utf8')));
        response.destroy();
      } else {
        exchange.end(new LimitError(`the answer is larger than ${size(limit)}`));
      }
    });
    response.on('end', () => settle(() => resolve(Buffer.concat(chunks).toString('utf8'))));
    response.on('error', (error) => settle(() => reject(exchange.failure(error))));
    response.on('close', () => settle(() => reject(exchange.failure(connectionCut()))));
  });
}

/**
 * Splits a byte stream at line ends into lines of at most `maxBytes` (a UTF-8 character split
 * across chunks stays whole: lines are decoded only once complete). A longer line is refused as
 * soon as it grows past the limit, so at most `maxBytes` of it are ever held.
 */
export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(private readonly maxBytes: number) {}

  /** The lines `chunk` completes; undefined when a line is longer than the limit. */
  push(chunk: Buffer): Buffer[] | undefined {
    const lines: Buffer[] = [];
    let start = 0;
    for (let end = chunk.indexOf(10); end !== -1; end = chunk.indexOf(10, start)) {
      const piece = chunk.subarray(start, end);
      if (this.pendingBytes + piece.length > this.maxBytes) {
        return undefined;
      }
      if (this.pendingBytes > 0) {
        this.pending.push(piece); // no spread: a slow drip leaves many small chunks
      }
      lines.push(this.pendingBytes > 0 ? Buffer.concat(this.pending) : piece);
      this.pending = [];
      this.pendingBytes = 0;
      start = end + 1;
    }
    if (start < chunk.length) {
      this.pending.push(chunk.subarray(start));
      this.pendingBytes += chunk.length - start;
    }
    return this.pendingBytes > this.maxBytes ? undefined : lines;
  }

  /** The last line, when the stream ended without a line end. */
  rest(): Buffer | undefined {
    return this.pendingBytes > 0 ? Buffer.concat(this.pending) : undefined;
  }
}

/**
 * Hands each non-blank line of a watch to `onLine`; resolves when the server ends the stream. A
 * line past the limit, or a throw from `onLine`, ends the exchange with that reason.
 */
export function readLines(
  response: http.IncomingMessage,
  exchange: Exchange,
  options: { maxLineBytes: number; idleMs: number },
  onLine: (line: string) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const splitter = new LineSplitter(options.maxLineBytes);
    let failed = false;
    let settled = false;
    const stop = (reason: ClusterError): void => {
      failed = true;
      exchange.end(reason);
    };
    const emit = (line: Buffer): void => {
      const text = line.toString('utf8');
      if (failed || !text.trim()) {
        return;
      }
      try {
        onLine(text);
      } catch (error) {
        stop(error instanceof ClusterError ? error : exchange.failure(error));
      }
    };
    const fail = (error: unknown): void => {
      if (!settled) {
        settled = true;
        exchange.finish();
        reject(exchange.failure(error)); // the reason the exchange was ended for, if it was
      }
    };
    exchange.idle(options.idleMs);
    response.on('data', (chunk: Buffer) => {
      exchange.idle(options.idleMs);
      const lines = failed ? [] : splitter.push(chunk);
      if (!lines) {
        const limit = size(options.maxLineBytes);
        stop(new LimitError(`the apiserver sent a watch event longer than ${limit}; the watch was ended`));
        return;
      }
      lines.forEach(emit);
    });
    response.on('end', () => {
      const last = failed ? undefined : splitter.rest();
      if (last) {
        emit(last);
      }
      if (failed) {
        fail(connectionCut());
        return;
      }
      settled = true;
      exchange.finish();
      resolve();
    });
    response.on('error', fail);
    response.on('close', () => fail(connectionCut()));
  });
}

function connectionCut(): ClusterError {
  return new ClusterError({ kind: 'unreachable', message: 'the connection was cut' });
}

/** A duration for a message: "30 s", "600 ms". */
export function seconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
}

/** A byte count for a message: "16 MiB", "64 KiB". */
export function size(bytes: number): string {
  return bytes >= 1 << 20 ? `${Math.round(bytes / (1 << 20))} MiB` : `${Math.round(bytes / 1024)} KiB`;
}
