/**
 * What the cluster tests do to the cluster as its administrator (the extension itself never
 * writes): create and delete namespaces, Services and pods, flip readiness through fakelet's
 * annotation, and mint a read-only identity whose requests the audit log attributes to it.
 * Plain HTTPS with the admin kubeconfig's client certificate; no Kubernetes client library, so
 * nothing here shares code with what is being tested.
 */
import { readFileSync } from 'node:fs';
import * as https from 'node:https';
import { setTimeout as delay } from 'node:timers/promises';
import { parse } from 'yaml';

interface KubeconfigFile {
  clusters: { cluster: { server: string; 'certificate-authority-data': string } }[];
  users: { user: { 'client-certificate-data'?: string; 'client-key-data'?: string } }[];
}

export class KubeAdmin {
  readonly server: string;
  readonly ca: Buffer;
  private readonly cert: Buffer;
  private readonly key: Buffer;

  constructor(readonly kubeconfigPath: string) {
    const config = parse(readFileSync(kubeconfigPath, 'utf8')) as KubeconfigFile;
    const cluster = config.clusters[0].cluster;
    const user = config.users[0].user;
    this.server = cluster.server;
    this.ca = Buffer.from(cluster['certificate-authority-data'], 'base64');
    this.cert = Buffer.from(user['client-certificate-data'] ?? '', 'base64');
    this.key = Buffer.from(user['client-key-data'] ?? '', 'base64');
  }

  request(
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
  ): Promise<{ status: number; json: unknown }> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const request = https.request(new URL(this.server + path), {
        method,
        ca: this.ca,
        cert: this.cert,
        key: this.key,
        // The length is always given: Node sends a DELETE's body unframed (no chunking by
        // default for DELETE), and the apiserver then reads that body as the next request on the
        // kept-alive connection and answers it with a plain-text 400.
        headers: {
          Accept: 'application/json',
          ...(payload ? { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(payload) } : {}),
        },
        timeout: 15_000,
      });
      request.on('response', (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: response.statusCode ?? 0, json: parsedBody(text) });
        });
      });
      request.on('timeout', () => request.destroy(new Error(`${method} ${path}: timeout`)));
      request.on('error', reject);
      request.end(payload);
    });
  }

  /** A request that must succeed (2xx, or 404 for deletes, 409 for creates of what exists). */
  async must(method: string, path: string, body?: unknown, contentType?: string): Promise<unknown> {
    const { status, json } = await this.request(method, path, body, contentType);
    const tolerated = (method === 'DELETE' && status === 404) || (method === 'POST' && status === 409);
    if ((status < 200 || status > 299) && !tolerated) {
      throw new Error(`${method} ${path}: ${status} ${JSON.stringify(json)}`);
    }
    return json;
  }

  /** Creates a namespace and waits for its `default` ServiceAccount, without which pods are refused. */
  async createNamespace(name: string): Promise<void> {
    await this.must('POST', '/api/v1/namespaces', { metadata: { name } });
    const deadline = Date.now() + 30_000;
    while ((await this.request('GET', `/api/v1/namespaces/${name}/serviceaccounts/default`)).status !== 200) {
      if (Date.now() > deadline) {
        throw new Error(`namespace ${name} got no default ServiceAccount`);
      }
      await delay(100);
    }
  }

  /** Deletes the namespace and waits until it is gone (so a rerun starts clean). */
  async deleteNamespace(name: string, timeoutMs = 60_000): Promise<void> {
    // Pods deleted with a long grace period stay Terminating (fakelet honours it): end them now.
    await this.must('DELETE', `/api/v1/namespaces/${name}/pods?gracePeriodSeconds=0`);
    await this.must('DELETE', `/api/v1/namespaces/${name}`);
    const deadline = Date.now() + timeoutMs;
    while ((await this.request('GET', `/api/v1/namespaces/${name}`)).status !== 404) {
      if (Date.now() > deadline) {
        throw new Error(`namespace ${name} still exists after ${timeoutMs} ms`);
      }
      await delay(250);
    }
  }

  createService(
    namespace: string,
    name: string,
    selector: Record<string, string>,
    ports: { name: string; port: number; targetPort: number | string }[] = [
      { name: 'http', port: 80, targetPort: 8080 },
    ],
  ): Promise<unknown> {
    return this.must('POST', `/api/v1/namespaces/${namespace}/services`, {
      metadata: { name },
      spec: { selector, ports },
    });
  }

  createPod(namespace: string, name: string, labels: Record<string, string>): Promise<unknown> {
    return this.must('POST', `/api/v1/namespaces/${namespace}/pods`, {
      metadata: { name, labels },
      spec: {
        containers: [{ name: 'app', image: 'registry.invalid/app:1', ports: [{ containerPort: 8080 }] }],
        terminationGracePeriodSeconds: 0,
      },
    });
  }

  /** fakelet's readiness switch (cluster/README.md). */
  setReady(namespace: string, pod: string, ready: boolean): Promise<unknown> {
    return this.must(
      'PATCH',
      `/api/v1/namespaces/${namespace}/pods/${pod}`,
      { metadata: { annotations: { 'fakelet.endpointslices.dev/ready': String(ready) } } },
      'application/merge-patch+json',
    );
  }

  deletePod(namespace: string, pod: string, gracePeriodSeconds: number): Promise<unknown> {
    return this.must(
      'DELETE',
      `/api/v1/namespaces/${namespace}/pods/${pod}?gracePeriodSeconds=${gracePeriodSeconds}`,
    );
  }

  /**
   * A ServiceAccount in `namespace` bound to the built-in `view` ClusterRole, and a kubeconfig
   * (token from the TokenRequest API) for it: a read-only identity the audit log names as
   * system:serviceaccount:<namespace>:<name>.
   */
  async viewerKubeconfig(namespace: string, name: string, contextName: string): Promise<string> {
    await this.must('POST', `/api/v1/namespaces/${namespace}/serviceaccounts`, { metadata: { name } });
    await this.must('POST', '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', {
      metadata: { name: `${namespace}-${name}` },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [{ kind: 'ServiceAccount', name, namespace }],
    });
    const token = (await this.must('POST', `/api/v1/namespaces/${namespace}/serviceaccounts/${name}/token`, {
      spec: { expirationSeconds: 3600 },
    })) as { status: { token: string } };
    return kubeconfigText(this.server, this.ca, contextName, { token: token.status.token });
  }

  deleteClusterRoleBinding(name: string): Promise<unknown> {
    return this.must('DELETE', `/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/${name}`);
  }
}

/** The answer's JSON; an answer that is not JSON (a proxy's or Go's plain-text error) as its text. */
function parsedBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** A one-context kubeconfig for `server`; `user` is the kubeconfig user entry (token, exec, …). */
export function kubeconfigText(
  server: string,
  ca: Buffer | undefined,
  context: string,
  user: object,
): string {
  const cluster = ca ? { server, 'certificate-authority-data': ca.toString('base64') } : { server };
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'local', cluster }],
    users: [{ name: 'user', user }],
    contexts: [{ name: context, context: { cluster: 'local', user: 'user' } }],
    'current-context': context,
  });
}

/** Polls `check` until it returns something other than undefined; fails with `what` at the deadline. */
export async function eventually<T>(
  what: string,
  check: () => T | undefined,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await delay(20);
  }
}

export interface AuditEntry {
  verb: string;
  user: { username: string };
  requestURI: string;
  responseStatus?: { code: number };
}

/** The audit log's entries by one user. */
export function auditEntries(auditLog: string, username: string): AuditEntry[] {
  return readFileSync(auditLog, 'utf8')
    .split('\n')
    .filter((line) => line.includes(`"username":"${username}"`))
    .map((line) => JSON.parse(line) as AuditEntry)
    .filter((entry) => entry.user.username === username);
}
