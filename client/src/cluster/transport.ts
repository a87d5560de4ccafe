/**
 * GET requests to one context's apiserver. @kubernetes/client-node supplies everything about
 * the connection (server, CA, client certificate, token, exec and auth-provider plugins, proxy
 * agent) through `applyToHTTPSOptions`; the request itself is Node's, so a watch is a plain
 * stream we can time out and abort. There is no method parameter: this layer can only read.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import * as tls from 'node:tls';
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
  // One keep-alive pool and one secure context per context: expanding a namespace sends several
  // lists at once, and a TLS handshake with a new secure context per request (and per page) was
  // a third of the time to a first render.
  const agents: Agents = {
    https: new https.Agent({ keepAlive: true }),
    http: new http.Agent({ keepAlive: true }),
    tls: new SecureContexts(),
  };
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

interface Agents {
  https: https.Agent;
  http: http.Agent;
  tls: SecureContexts;
}

type Material = string | Buffer | (string | Buffer)[] | undefined;

/** Other options that shape a secure context; client-node sets none, but if one is set, Node decides. */
const otherContextOptions = [
  'ciphers',
  'ecdhCurve',
  'honorCipherOrder',
  'minVersion',
  'maxVersion',
  'secureOptions',
  'secureProtocol',
  'sigalgs',
  'crl',
  'dhparam',
  'clientCertEngine',
  'privateKeyEngine',
  'privateKeyIdentifier',
  'sessionIdContext',
] as const;

/**
 * The secure context for the TLS material a request carries. Without one, every new connection
 * parses the CA, certificate and key again (an eighth of a first render). The material is read
 * again for every request (files, exec plugins), so the context is reused only while it is the
 * same; a rotated certificate gets a new one.
 */
class SecureContexts {
  private last: { key: string; context: tls.SecureContext } | undefined;

  for(options: https.RequestOptions): tls.SecureContext | undefined {
    const parts = [options.ca, options.cert, options.key, options.pfx, options.passphrase];
    if (!parts.every(isMaterial) || otherContextOptions.some((name) => options[name] !== undefined)) {
      return undefined; // a shape we do not compare (key objects): Node builds the context itself
    }
    const key = parts.map(materialText).join('\u0000');
    if (this.last?.key !== key) {
      const { ca, cert, key: privateKey, pfx, passphrase } = options;
      this.last = { key, context: tls.createSecureContext({ ca, cert, key: privateKey, pfx, passphrase }) };
    }
    return this.last.context;
  }
}

function isMaterial(value: unknown): value is Material {
  const one = (v: unknown): boolean => typeof v === 'string' || Buffer.isBuffer(v);
  return value === undefined || one(value) || (Array.isArray(value) && value.every(one));
}

function materialText(value: Material): string {
  if (value === undefined) {
    return '';
  }
  const text = (v: string | Buffer): string => (typeof v === 'string' ? `s${v}` : `b${v.toString('latin1')}`);
  return Array.isArray(value) ? value.map(text).join('\u0001') : text(value);
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
  agents: Agents,
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
  // secureContext goes through the agent to tls.connect, which then ignores ca/cert/key.
  const options: https.RequestOptions & Pick<tls.ConnectionOptions, 'secureContext'> = {
    method: 'GET',
    headers: { Accept: 'application/json', 'User-Agent': 'vscode-endpointslices' },
  };
  try {
    // Certificates, tokens, exec/auth-provider plugins and proxy agents, per kubeconfig.
    await config.applyToHTTPSOptions(options);
  } catch (error) {
    throw new ClusterError({ kind: 'credentials', message: (error as Error).message });
  }
  // client-node puts a new Agent without keep-alive on every request, so each request would open
  // a connection of its own. Only a proxy agent (proxy-url) is kept; otherwise the pool, which
  // keys its sockets by the TLS options, so a rotated client certificate gets a new connection.
  if (!config.getCurrentCluster()?.proxyUrl) {
    options.agent = url.protocol === 'http:' ? agents.http : agents.https;
    if (url.protocol === 'https:') {
      options.secureContext = agents.tls.for(options);
    }
  }
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
