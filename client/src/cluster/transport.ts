/**
 * GET requests to one context's apiserver. @kubernetes/client-node supplies everything about
 * the connection (server, CA, client certificate, token, exec and auth-provider plugins, proxy
 * agent) through `applyToHTTPSOptions`; the request itself is Node's, so a watch is a plain
 * stream we can time out and abort. There is no method parameter: this layer can only read.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { createInterface } from 'node:readline';
import { ClusterError, classifyError, statusError } from './clusterErrors';
import type { KubeConfig } from './loadClusterClient';

export type Query = Record<string, string | number | boolean | undefined>;

export interface WatchStream {
  /** Settles when the stream ends: resolves on a clean end, rejects on a failure. */
  closed: Promise<void>;
  close(): void;
}

/** The two ways the client reads: one JSON document, or a stream of JSON lines. */
export interface Transport {
  getJson(path: string, query: Query, signal?: AbortSignal): Promise<unknown>;
  /** Resolves once the server answered 200; `onLine` gets each line; a throw from it ends the stream. */
  stream(
    path: string,
    query: Query,
    onLine: (line: string) => void,
    signal?: AbortSignal,
  ): Promise<WatchStream>;
}

export interface TransportOptions {
  /** Whole-response limit for ordinary requests. */
  requestTimeoutMs?: number;
  /** A watch with no byte for this long is presumed dead (bookmarks and events keep it alive). */
  watchIdleMs?: number;
}

export function httpsTransport(config: KubeConfig, options: TransportOptions = {}): Transport {
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const watchIdleMs = options.watchIdleMs ?? 15 * 60_000;
  // One keep-alive pool per context: expanding a namespace sends several lists at once, and a
  // fresh TLS handshake (and secure context) per request was a fifth of the first render.
  const agents = { https: new https.Agent({ keepAlive: true }), http: new http.Agent({ keepAlive: true }) };
  return {
    async getJson(path, query, signal) {
      const response = await open(config, path, query, requestTimeoutMs, signal, agents);
      const body = await readBody(response);
      try {
        return JSON.parse(body) as unknown;
      } catch {
        throw new ClusterError({ kind: 'server', message: `${path}: the answer is not JSON` });
      }
    },
    async stream(path, query, onLine, signal) {
      const response = await open(config, path, query, requestTimeoutMs, signal, agents);
      response.socket.setTimeout(watchIdleMs, () => response.destroy(timeoutError(watchIdleMs)));
      response.socket.setKeepAlive(true, 30_000);
      const closed = new Promise<void>((resolve, reject) => {
        const lines = createInterface({ input: response, crlfDelay: Infinity });
        lines.on('line', (line) => {
          try {
            if (line.trim()) {
              onLine(line);
            }
          } catch (error) {
            response.destroy(error as Error);
          }
        });
        const fail = (error: Error): void => reject(new ClusterError(classifyError(error)));
        response.on('error', fail);
        lines.on('error', fail); // readline re-emits the input's errors
        // A server that ends the response (timeoutSeconds, shutdown) closes cleanly; an
        // aborted connection reports 'aborted' first.
        response.on('aborted', () =>
          reject(new ClusterError({ kind: 'unreachable', message: 'the connection was cut' })),
        );
        lines.on('close', () => resolve());
      });
      return { closed, close: () => response.destroy() };
    },
  };
}

function timeoutError(ms: number): Error {
  return Object.assign(new Error(`no answer within ${ms / 1000} s`), { code: 'REQUEST_TIMEOUT' });
}

async function open(
  config: KubeConfig,
  path: string,
  query: Query,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  agents: { https: https.Agent; http: http.Agent },
): Promise<http.IncomingMessage> {
  const server = config.getCurrentCluster()?.server;
  if (!server) {
    throw new ClusterError({
      kind: 'kubeconfig-invalid',
      message: `context ${config.getCurrentContext()} has no cluster server`,
    });
  }
  const url = new URL(server.replace(/\/+$/, '') + path);
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) {
      url.searchParams.set(key, String(value));
    }
  }
  const options: https.RequestOptions = {
    method: 'GET',
    headers: { Accept: 'application/json', 'User-Agent': 'vscode-endpointslices' },
  };
  try {
    // Certificates, tokens, exec/auth-provider plugins and proxy agents, per kubeconfig.
    await config.applyToHTTPSOptions(options);
  } catch (error) {
    throw new ClusterError({ kind: 'credentials', message: (error as Error).message });
  }
  // A proxy agent from the kubeconfig wins; otherwise the pool. The pool keys sockets by the TLS
  // options, so a rotated client certificate gets a new connection.
  options.agent ??= url.protocol === 'http:' ? agents.http : agents.https;
  const response = await send(url, options, timeoutMs, signal);
  const status = response.statusCode ?? 0;
  if (status < 200 || status > 299) {
    throw statusError(status, await readBody(response).catch(() => ''));
  }
  return response;
}

function send(
  url: URL,
  options: https.RequestOptions,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new ClusterError({ kind: 'other', message: 'aborted' }));
      return;
    }
    const request = (url.protocol === 'http:' ? http : https).request(url, options, resolve);
    // An idle-socket limit: it keeps guarding the body of a list; a watch replaces it.
    request.setTimeout(timeoutMs, () => request.destroy(timeoutError(timeoutMs)));
    request.on('error', (error) => reject(new ClusterError(classifyError(error))));
    const abort = (): void => {
      request.destroy(new Error('aborted'));
    };
    signal?.addEventListener('abort', abort, { once: true });
    request.on('close', () => signal?.removeEventListener('abort', abort));
    request.end();
  });
}

function readBody(response: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    response.on('error', (error) => reject(new ClusterError(classifyError(error))));
    response.on('aborted', () =>
      reject(new ClusterError({ kind: 'unreachable', message: 'the connection was cut' })),
    );
  });
}
