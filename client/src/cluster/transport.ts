/**
 * GET requests to one context's apiserver. @kubernetes/client-node supplies everything about
 * the connection (server, CA, client certificate, token, exec and auth-provider plugins, proxy
 * agent) through `applyToHTTPSOptions`; the request itself is Node's, so a watch is a plain
 * stream we can time out and abort. There is no method parameter: this layer can only read.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import * as tls from 'node:tls';
import { ClusterError, credentialError, statusError } from './clusterErrors';
import { Exchange, readBody, readLines, seconds } from './exchange';
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
  /**
   * Resolves once the server answered 200; `onLine` gets each line; a throw from it ends the
   * stream, which then rejects with what was thrown.
   */
  stream(
    path: string,
    query: Query,
    onLine: (line: string) => void,
    signal?: AbortSignal,
  ): Promise<WatchStream>;
}

/** Limits on what a server may make a request cost; the defaults are documented in the README. */
export interface TransportOptions {
  /** Whole-answer deadline for ordinary requests: credentials, headers and body. */
  requestTimeoutMs?: number;
  /** A watch's headers (and credentials) must arrive within this. */
  headerTimeoutMs?: number;
  /** A watch with no byte for this long is presumed dead (bookmarks and events keep it alive). */
  watchIdleMs?: number;
  /** A watch lasts at most its `timeoutSeconds` plus this, however busy the server keeps it. */
  watchGraceMs?: number;
  /** The largest answer read for a list page or an object. */
  maxBodyBytes?: number;
  /** The longest watch line (one event); etcd stores objects of at most 1.5 MiB. */
  maxLineBytes?: number;
  /** How much of an error answer is read; the message shown is its first line, shortened. */
  maxErrorBytes?: number;
}

type Limits = Required<TransportOptions>;

export const defaultTransportLimits: Limits = {
  requestTimeoutMs: 30_000,
  headerTimeoutMs: 30_000,
  watchIdleMs: 15 * 60_000,
  watchGraceMs: 60_000,
  maxBodyBytes: 128 << 20,
  maxLineBytes: 16 << 20,
  maxErrorBytes: 64 << 10,
};

export function httpsTransport(config: KubeConfig, options: TransportOptions = {}): Transport {
  // An option left undefined keeps its default.
  const set = Object.entries(options).filter(([, value]) => value !== undefined);
  const limits: Limits = { ...defaultTransportLimits, ...Object.fromEntries(set) };
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
      const { exchange, response } = await open(
        config,
        path,
        query,
        signal,
        agents,
        limits,
        limits.requestTimeoutMs,
      );
      try {
        const body = await readBody(response, exchange, limits.maxBodyBytes, 'fail');
        try {
          return JSON.parse(body) as unknown;
        } catch {
          throw new ClusterError({ kind: 'server', message: `${path}: the answer is not JSON` });
        }
      } finally {
        exchange.finish();
      }
    },
    async stream(path, query, onLine, signal) {
      const { exchange, response } = await open(
        config,
        path,
        query,
        signal,
        agents,
        limits,
        limits.headerTimeoutMs,
      );
      const timeoutSeconds =
        typeof query['timeoutSeconds'] === 'number' ? query['timeoutSeconds'] : undefined;
      if (timeoutSeconds === undefined) {
        exchange.clearTimers(); // no deadline but the idle limit: the caller closes it
      } else {
        exchange.limit(timeoutSeconds * 1000 + limits.watchGraceMs);
      }
      response.socket.setKeepAlive(true, 30_000);
      const closed = readLines(
        response,
        exchange,
        { maxLineBytes: limits.maxLineBytes, idleMs: limits.watchIdleMs },
        onLine,
      );
      closed.catch(() => undefined); // the caller may close before awaiting it
      return { closed, close: () => exchange.end(new ClusterError({ kind: 'other', message: 'closed' })) };
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

/**
 * Sends a GET and resolves with a 2xx answer whose body is still to be read. The deadline
 * (`firstMs`) runs from before the credentials are fetched (an exec plugin may hang) to the
 * headers, and for ordinary requests on to the end of the body; an error answer is read only up
 * to a cap, within the same deadline.
 */
async function open(
  config: KubeConfig,
  path: string,
  query: Query,
  signal: AbortSignal | undefined,
  agents: Agents,
  limits: Limits,
  firstMs: number,
): Promise<{ exchange: Exchange; response: http.IncomingMessage }> {
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
  const started = Date.now();
  const pending = new Exchange(signal);
  pending.limit(
    firstMs,
    `no credentials within ${seconds(firstMs)} (an exec plugin that does not finish?)`,
    'credentials',
  );
  let options: RequestOptions;
  try {
    options = await Promise.race([requestOptions(config, url, agents), pending.ended]);
  } finally {
    pending.finish();
  }
  // The same deadline, now with the credential to keep out of messages.
  const exchange = new Exchange(signal, bearer(options));
  exchange.limit(
    Math.max(1, firstMs - (Date.now() - started)),
    `no complete answer within ${seconds(firstMs)}`,
  );
  try {
    const response = await send(url, options, exchange);
    const status = response.statusCode ?? 0;
    if (status < 200 || status > 299) {
      const body = await readBody(response, exchange, limits.maxErrorBytes, 'truncate').catch(() => '');
      const error = statusError(status, body);
      throw new ClusterError({ ...error.info, message: exchange.redact(error.info.message) });
    }
    return { exchange, response };
  } catch (error) {
    exchange.finish();
    throw error;
  }
}

type RequestOptions = https.RequestOptions & Pick<tls.ConnectionOptions, 'secureContext'>;

async function requestOptions(config: KubeConfig, url: URL, agents: Agents): Promise<RequestOptions> {
  // secureContext goes through the agent to tls.connect, which then ignores ca/cert/key.
  const options: RequestOptions = {
    method: 'GET',
    headers: { Accept: 'application/json', 'User-Agent': 'vscode-endpointslices' },
  };
  try {
    // Certificates, tokens, exec/auth-provider plugins and proxy agents, per kubeconfig.
    await config.applyToHTTPSOptions(options);
  } catch (error) {
    throw credentialError(error);
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
  return options;
}

/** The bearer token the request carries, if any (exec plugins and token files included). */
function bearer(options: RequestOptions): string | undefined {
  const header = (options.headers as Record<string, unknown> | undefined)?.['Authorization'];
  return typeof header === 'string' ? header.replace(/^Bearer\s+/i, '') : undefined;
}

function send(url: URL, options: https.RequestOptions, exchange: Exchange): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const request = (url.protocol === 'http:' ? http : https).request(url, options, resolve);
    exchange.attach(request);
    request.on('error', (error) => reject(exchange.failure(error)));
    request.end();
  });
}
