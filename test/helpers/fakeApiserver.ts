// A misbehaving kube-apiserver for the cluster view's robustness tests: plain HTTP on 127.0.0.1
// (client-node allows http: with insecure-skip-tls-verify), a free port, one mode per
// misbehaviour. Everything not named by the mode answers like a tiny healthy cluster: one
// namespace, one Service with one slice, a watch that sends a bookmark and stays open. Sizes and
// intervals are options, so each test stays within a few seconds and a few megabytes.
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export const fakeToken = 'FAKE-TOKEN-8c1d5e2f7a';

export type FakeMode =
  | 'normal'
  | 'watch-endless-line'
  | 'watch-close'
  | 'watch-error-event'
  | 'watch-garbage'
  | 'watch-bad-object'
  | 'gone-list'
  | 'gone-watch'
  | 'slowloris'
  | 'headers-forever'
  | 'huge-error'
  | 'echo-token'
  | 'big-page'
  | 'list-continue-forever'
  | 'ns-continue-forever'
  | 'list-weird-objects'
  | 'ns-no-metadata';

export interface FakeApiserverOptions {
  /** Bytes for watch-endless-line and huge-error. */
  bytes?: number;
  /** Items in the one page of big-page. */
  items?: number;
  /** Interval of slowloris bytes and headers-forever lines. */
  tickMs?: number;
}

export interface FakeRequest {
  path: string;
  watch: boolean;
  at: number;
}

export interface FakeApiserver {
  url: string;
  requests: FakeRequest[];
  /** Requests for `path` (a suffix, e.g. 'endpointslices'), lists or watches. */
  count(path: string, watch: boolean): number;
  /** Writes a kubeconfig for this server (bearer token `fakeToken`) into `dir`; returns its path. */
  kubeconfig(dir: string): string;
  close(): Promise<void>;
}

type Handler = (request: Request, response: ServerResponse) => boolean;

interface Request {
  path: string;
  kind: string;
  watch: boolean;
  raw: IncomingMessage;
  options: Required<FakeApiserverOptions>;
  /** Registers a repeating writer that stops when the server closes. */
  every(ms: number, write: () => boolean): void;
}

const slice = (name: string, service: string, ip: string): object => ({
  metadata: {
    name,
    namespace: 'default',
    resourceVersion: '11',
    labels: { 'kubernetes.io/service-name': service },
  },
  addressType: 'IPv4',
  endpoints: [{ addresses: [ip], conditions: { ready: true } }],
  ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
});

const healthyItems: Record<string, object[]> = {
  services: [
    {
      metadata: { name: 'web', namespace: 'default', resourceVersion: '10' },
      spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80 }] },
    },
  ],
  endpointslices: [slice('web-abc', 'web', '10.0.0.1')],
  endpoints: [],
  pods: [],
  namespaces: [{ metadata: { name: 'default' } }],
};

function json(response: ServerResponse, status: number, body: unknown): true {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(typeof body === 'string' ? body : JSON.stringify(body));
  return true;
}

const status = (code: number, message: string): object => ({
  kind: 'Status',
  apiVersion: 'v1',
  code,
  message,
});

/** What each mode does differently; returning false falls through to the healthy answer. */
const modes: Record<FakeMode, Handler> = {
  normal: () => false,
  'watch-endless-line': (r, response) => {
    if (!r.watch || r.kind !== 'endpointslices') {
      return false;
    }
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.write('{"type":"ADDED","object":{"metadata":{"name":"');
    const chunk = 'a'.repeat(64 << 10);
    let written = 0;
    r.every(1, () => {
      while (written < r.options.bytes && response.write(chunk)) {
        written += chunk.length;
      }
      return written < r.options.bytes;
    });
    return true;
  },
  'watch-close': (r, response) => r.watch && json(response, 200, ''),
  'watch-error-event': (r, response) => {
    if (!r.watch) {
      return false;
    }
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.write(`${JSON.stringify({ type: 'ERROR', object: status(500, 'etcd down') })}\n`);
    return true;
  },
  'watch-garbage': (r, response) => {
    if (!r.watch) {
      return false;
    }
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.write(`${fakeToken} is not json\n`);
    return true;
  },
  'watch-bad-object': (r, response) => {
    if (!r.watch || r.kind !== 'endpointslices') {
      return false;
    }
    response.writeHead(200, { 'Content-Type': 'application/json' });
    const events = [
      { type: 'ADDED', object: { kind: 'EndpointSlice' } },
      { type: 'MODIFIED', object: 'str' },
      {
        type: 'ADDED',
        object: {
          metadata: { name: 'web-y', labels: { 'kubernetes.io/service-name': 'web' } },
          endpoints: 5,
          ports: 'x',
        },
      },
    ];
    response.write(events.map((event) => `${JSON.stringify(event)}\n`).join(''));
    return true;
  },
  'gone-list': (r, response) =>
    !r.watch && r.kind !== 'namespaces' && json(response, 410, status(410, 'too old resource version')),
  'gone-watch': (r, response) =>
    r.watch &&
    json(
      response,
      200,
      `${JSON.stringify({ type: 'ERROR', object: status(410, 'too old resource version') })}\n`,
    ),
  slowloris: (r, response) => {
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.write('{"kind":"NamespaceList","items":[');
    r.every(r.options.tickMs, () => response.write(' ') || true);
    return true;
  },
  'headers-forever': (r) => {
    r.raw.socket.write('HTTP/1.1 200 OK\r\n');
    r.every(r.options.tickMs, () => r.raw.socket.write('X-Pad: aaaaaaaaaa\r\n') || true);
    return true;
  },
  'huge-error': (r, response) => {
    if (r.watch || r.kind !== 'endpointslices') {
      return false;
    }
    response.writeHead(500, { 'Content-Type': 'text/plain' });
    const chunk = 'x'.repeat(64 << 10);
    let written = 0;
    r.every(1, () => {
      while (written < r.options.bytes && response.write(chunk)) {
        written += chunk.length;
      }
      if (written >= r.options.bytes) {
        response.end();
      }
      return written < r.options.bytes;
    });
    return true;
  },
  'echo-token': (r, response) =>
    json(response, 500, status(500, `internal error, header was ${r.raw.headers.authorization ?? ''}`)),
  'big-page': (r, response) => {
    if (r.watch || r.kind !== 'endpointslices') {
      return false;
    }
    const items = Array.from({ length: r.options.items }, (_, i) => `{"metadata":{"name":"s${i}"}}`);
    return json(response, 200, `{"metadata":{"resourceVersion":"12"},"items":[${items.join(',')}]}`);
  },
  'list-continue-forever': (r, response) =>
    !r.watch &&
    r.kind === 'endpointslices' &&
    json(response, 200, {
      metadata: { resourceVersion: '1', continue: `c${Math.random()}` },
      items: [slice(`s${Math.random()}`, 'web', '10.0.0.9')],
    }),
  'ns-continue-forever': (r, response) =>
    r.kind === 'namespaces' &&
    json(response, 200, {
      metadata: { continue: `c${Math.random()}` },
      items: [{ metadata: { name: `ns${Math.random()}` } }],
    }),
  'list-weird-objects': (r, response) =>
    !r.watch &&
    r.kind === 'endpointslices' &&
    json(response, 200, {
      metadata: { resourceVersion: '1' },
      items: [
        {
          metadata: { name: 'web-x', labels: { 'kubernetes.io/service-name': 'web' } },
          endpoints: [{ addresses: null, conditions: 'yes' }, { addresses: [123, null, {}] }, null],
          ports: [null, { port: 'x' }],
        },
        { addressType: 'IPv4' },
        null,
        5,
      ],
    }),
  'ns-no-metadata': (r, response) =>
    r.kind === 'namespaces' &&
    json(response, 200, { items: [{}, null, { metadata: { name: 'default' } }], metadata: {} }),
};

function healthy(r: Request, response: ServerResponse): void {
  if (r.watch) {
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.write(
      `${JSON.stringify({ type: 'BOOKMARK', object: { metadata: { resourceVersion: '20' } } })}\n`,
    );
    return;
  }
  json(response, 200, { metadata: { resourceVersion: '20' }, items: healthyItems[r.kind] ?? [] });
}

export async function startFakeApiserver(
  mode: FakeMode,
  options: FakeApiserverOptions = {},
): Promise<FakeApiserver> {
  const requests: FakeRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const started = Date.now();
  const settings = { bytes: 4 << 20, items: 10, tickMs: 100, ...options };
  const server = createServer((raw, response) => {
    const url = new URL(raw.url ?? '/', 'http://fake');
    const watch = url.searchParams.get('watch') === 'true';
    requests.push({ path: url.pathname, watch, at: Date.now() - started });
    const every = (ms: number, write: () => boolean): void => {
      const timer = setInterval(() => {
        if (raw.socket.destroyed || !write()) {
          clearInterval(timer);
          timers.delete(timer);
        }
      }, ms);
      timers.add(timer);
    };
    const kind = url.pathname.split('/').at(-1) ?? '';
    const request: Request = { path: url.pathname, kind, watch, raw, options: settings, every };
    if (!modes[mode](request, response)) {
      healthy(request, response);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    count: (path, watch) => requests.filter((r) => r.path.endsWith(path) && r.watch === watch).length,
    kubeconfig(dir) {
      const file = join(dir, `kubeconfig-${mode}.yaml`);
      writeFileSync(file, kubeconfigText(url, `    token: ${fakeToken}`));
      return file;
    },
    close: () => {
      timers.forEach(clearInterval);
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A kubeconfig for `server` whose one user is described by `userLines` (indented by four). */
export function kubeconfigText(server: string, userLines: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'current-context: fake',
    'clusters:',
    '- name: fake',
    '  cluster:',
    `    server: ${server}`,
    '    insecure-skip-tls-verify: true',
    'users:',
    '- name: someone',
    '  user:',
    userLines,
    'contexts:',
    '- name: fake',
    '  context: {cluster: fake, user: someone}',
    '',
  ].join('\n');
}
