import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { performance } from 'node:perf_hooks';
import { parse } from 'yaml';

/**
 * A bare HTTPS client for the local kube-apiserver, authenticated with the admin kubeconfig's
 * client certificate. It is the floor of the cluster benchmark: no client library, no informer,
 * no model, only requests and JSON.parse.
 */
export class ApiServer {
  readonly server: string;
  private readonly agent: Agent;

  constructor(kubeconfigPath: string, maxSockets = 8) {
    const config = parse(readFileSync(kubeconfigPath, 'utf8')) as KubeconfigShape;
    const cluster = config.clusters?.[0]?.cluster;
    const user = config.users?.[0]?.user;
    if (!cluster?.server || !user?.['client-certificate-data'] || !user['client-key-data']) {
      throw new Error(`${kubeconfigPath}: expected a server and client-certificate credentials`);
    }
    const b64 = (value: string | undefined): Buffer => Buffer.from(value ?? '', 'base64');
    this.server = cluster.server;
    // keepAlive: a paged LIST is several requests on one connection, as client-go does it.
    this.agent = new Agent({
      keepAlive: true,
      maxSockets,
      ca: b64(cluster['certificate-authority-data']),
      cert: b64(user['client-certificate-data']),
      key: b64(user['client-key-data']),
    });
  }

  /** One request; the body is returned as text so callers can time JSON.parse separately. */
  send(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; text: string }> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const contentType =
      method === 'PATCH' ? 'application/strategic-merge-patch+json' : 'application/json';
    return new Promise((resolve, reject) => {
      const req = request(
        new URL(path, this.server),
        {
          method,
          agent: this.agent,
          headers: {
            accept: 'application/json',
            ...(payload === undefined ? {} : { 'content-type': contentType }),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.setTimeout(60_000, () => req.destroy(new Error(`${method} ${path}: timed out`)));
      req.end(payload);
    });
  }

  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const { status, text } = await this.send(method, path, body);
    if (status >= 300) throw new Error(`${method} ${path}: HTTP ${status} ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
  }

  /**
   * A paged LIST (`limit` + `continue`), as client-go's pager and kubectl do it. Returns the
   * items, the resourceVersion to watch from, and the time spent waiting for bytes versus
   * decoding them.
   */
  async list(path: string, limit = 500, headers: Record<string, string> = {}): Promise<ListResult> {
    const start = performance.now();
    const items: unknown[] = [];
    let decodeMs = 0;
    let bytes = 0;
    let pages = 0;
    let token: string | undefined;
    let resourceVersion = '';
    do {
      const sep = path.includes('?') ? '&' : '?';
      const query = `${sep}limit=${limit}${token ? `&continue=${encodeURIComponent(token)}` : ''}`;
      const { status, text } = await this.send('GET', path + query, undefined, headers);
      if (status !== 200) throw new Error(`LIST ${path}: HTTP ${status} ${text.slice(0, 300)}`);
      bytes += text.length;
      pages++;
      const decodeStart = performance.now();
      const page = JSON.parse(text) as ListShape;
      decodeMs += performance.now() - decodeStart;
      items.push(...(page.items ?? page.rows ?? []));
      token = page.metadata?.continue || undefined;
      resourceVersion = page.metadata?.resourceVersion ?? resourceVersion;
    } while (token);
    return { items, resourceVersion, ms: performance.now() - start, decodeMs, bytes, pages };
  }

  /**
   * A raw watch (`watch=1`, bookmarks on) from `resourceVersion`; `onEvent` gets each decoded
   * line. Resolves once the server answered; call the returned function to stop.
   */
  watch(path: string, resourceVersion: string, onEvent: (event: WatchEvent) => void): Promise<() => void> {
    const sep = path.includes('?') ? '&' : '?';
    const url = new URL(
      `${path}${sep}watch=1&allowWatchBookmarks=true&resourceVersion=${encodeURIComponent(resourceVersion)}`,
      this.server,
    );
    return new Promise((resolve, reject) => {
      const req = request(url, { method: 'GET', agent: this.agent, headers: { accept: 'application/json' } }, (res) => {
        if (res.statusCode !== 200) {
          reject(new Error(`WATCH ${path}: HTTP ${res.statusCode}`));
          res.resume();
          return;
        }
        let buffered = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffered += chunk;
          let newline: number;
          while ((newline = buffered.indexOf('\n')) >= 0) {
            const line = buffered.slice(0, newline);
            buffered = buffered.slice(newline + 1);
            if (line.trim()) onEvent(JSON.parse(line) as WatchEvent);
          }
        });
        // Stopping destroys the request; the resulting socket error is expected, not a failure.
        res.on('error', () => undefined);
        resolve(() => req.destroy());
      });
      req.on('error', reject);
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: {
    metadata: { name: string; resourceVersion?: string; labels?: Record<string, string> };
    endpoints?: { conditions?: { ready?: boolean }; targetRef?: { name?: string } }[];
  };
}

export interface ListResult {
  items: unknown[];
  resourceVersion: string;
  ms: number;
  decodeMs: number;
  bytes: number;
  pages: number;
}

interface ListShape {
  items?: unknown[];
  /** A `meta.k8s.io/v1 Table` (what kubectl get asks for) has rows instead of items. */
  rows?: unknown[];
  metadata?: { continue?: string; resourceVersion?: string };
}

interface KubeconfigShape {
  clusters?: { cluster?: { server?: string; 'certificate-authority-data'?: string } }[];
  users?: { user?: { 'client-certificate-data'?: string; 'client-key-data'?: string } }[];
}
