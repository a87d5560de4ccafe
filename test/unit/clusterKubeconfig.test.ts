import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  ClusterError,
  classifyError,
  credentialError,
  kubeconfigError,
  statusError,
} from '../../client/src/cluster/clusterErrors';
import {
  kubeconfigFiles,
  kubeconfigSettingChanged,
  loadKubeconfig,
} from '../../client/src/cluster/kubeconfig';
import { loadClusterClient } from '../../client/src/cluster/loadClusterClient';

function kubeconfig(
  contexts: { name: string; cluster: string; user: string; namespace?: string }[],
  current: string | undefined,
  server = 'https://127.0.0.1:6443',
): string {
  const clusters = [...new Set(contexts.map((c) => c.cluster))].map(
    (name) => `- name: ${name}\n  cluster: {server: '${server}', certificate-authority: ca.crt}`,
  );
  const users = [...new Set(contexts.map((c) => c.user))].map(
    (name) => `- name: ${name}\n  user: {token: t-${name}}`,
  );
  const ctxs = contexts.map(
    (c) =>
      `- name: ${c.name}\n  context: {cluster: ${c.cluster}, user: ${c.user}${c.namespace ? `, namespace: ${c.namespace}` : ''}}`,
  );
  return `apiVersion: v1\nkind: Config\nclusters:\n${clusters.join('\n')}\nusers:\n${users.join('\n')}\ncontexts:\n${ctxs.join('\n')}\n${current ? `current-context: ${current}\n` : ''}`;
}

describe('kubeconfig: where it is read from', () => {
  it('the setting wins, then KUBECONFIG (all its files), then ~/.kube/config', () => {
    assert.deepEqual(kubeconfigFiles({ setting: '~/k.yaml', env: { KUBECONFIG: '/a' }, home: '/home/me' }), [
      '/home/me/k.yaml',
    ]);
    assert.deepEqual(
      kubeconfigFiles({ setting: ' ', env: { KUBECONFIG: `/a${delimiter}${delimiter}/b` }, home: '/h' }),
      ['/a', '/b'],
    );
    assert.deepEqual(kubeconfigFiles({ env: {}, home: '/h' }), ['/h/.kube/config']);
  });

  it('a setting that arrives after the first read counts as changed; blank equals unset', () => {
    // A window reload: the view read no setting, then the user settings reached the extension host.
    assert.equal(kubeconfigSettingChanged(undefined, '/tmp/picture.kubeconfig'), true);
    assert.equal(kubeconfigSettingChanged('/a', '/b'), true);
    assert.equal(kubeconfigSettingChanged('/a', undefined), true);
    // Other settings changed: the one read is still the one set.
    assert.equal(kubeconfigSettingChanged('/a', '/a'), false);
    assert.equal(kubeconfigSettingChanged(undefined, ''), false);
    assert.equal(kubeconfigSettingChanged(' ', undefined), false);
    assert.equal(kubeconfigSettingChanged('/a ', '/a'), false);
  });
});

describe('kubeconfig: reading without writing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'endpointslices-kubeconfig-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('merges several files like kubectl: first context definition and first current-context win', async () => {
    const a = join(dir, 'a.yaml');
    const b = join(dir, 'b.yaml');
    writeFileSync(
      a,
      kubeconfig([{ name: 'prod', cluster: 'p', user: 'alice', namespace: 'shop' }], undefined),
    );
    writeFileSync(
      b,
      kubeconfig(
        [
          { name: 'prod', cluster: 'x', user: 'x' },
          { name: 'dev', cluster: 'p', user: 'bob' },
        ],
        'dev',
        'https://dev:6443',
      ),
    );
    const before = [readFileSync(a, 'utf8'), readFileSync(b, 'utf8')];
    const loaded = await loadKubeconfig(
      { env: { KUBECONFIG: [a, join(dir, 'missing.yaml'), b].join(delimiter) } },
      await loadClusterClient(),
    );
    assert.deepEqual(loaded.files, [a, b]);
    assert.deepEqual(loaded.contexts, [
      {
        name: 'prod',
        cluster: 'p',
        user: 'alice',
        server: 'https://127.0.0.1:6443',
        namespace: 'shop',
        current: false,
      },
      {
        name: 'dev',
        cluster: 'p',
        user: 'bob',
        server: 'https://dev:6443',
        namespace: undefined,
        current: true,
      },
    ]);
    // Each context gets its own in-memory config; the files are never written.
    assert.equal(loaded.configFor('prod').getCurrentContext(), 'prod');
    assert.equal(loaded.configFor('dev').getCurrentUser()?.token, 't-bob');
    assert.equal(loaded.configFor('prod').getCurrentCluster()?.caFile, join(dir, 'ca.crt'));
    assert.deepEqual([readFileSync(a, 'utf8'), readFileSync(b, 'utf8')], before);
  });

  it('no file at all: no-kubeconfig, naming where it looked', async () => {
    await assert.rejects(
      loadKubeconfig({ setting: join(dir, 'nope.yaml') }, await loadClusterClient()),
      (error: unknown) => {
        assert.ok(error instanceof ClusterError);
        assert.equal(error.info.kind, 'no-kubeconfig');
        assert.match(error.info.message, /nope\.yaml/);
        return true;
      },
    );
  });

  it('a file that is not a kubeconfig: kubeconfig-invalid', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'clusters:\n- name: x\n  cluster: {}\n');
    await assert.rejects(
      loadKubeconfig({ setting: bad }, await loadClusterClient()),
      (error: unknown) => error instanceof ClusterError && error.info.kind === 'kubeconfig-invalid',
    );
  });
});

describe('cluster errors: classified for the message nodes', () => {
  it('HTTP statuses with a Kubernetes Status body', () => {
    const forbidden = statusError(
      403,
      JSON.stringify({ kind: 'Status', message: 'pods is forbidden: User "x" cannot list resource "pods"' }),
    );
    assert.deepEqual(forbidden.info, {
      kind: 'forbidden',
      status: 403,
      message: 'pods is forbidden: User "x" cannot list resource "pods"',
    });
    assert.equal(statusError(401, 'Unauthorized').info.kind, 'unauthorized');
    assert.equal(statusError(503, '<html>').info.kind, 'server');
  });

  it('sockets and TLS', () => {
    const error = (code: string, message = 'x') => Object.assign(new Error(message), { code });
    assert.equal(classifyError(error('ECONNREFUSED')).kind, 'unreachable');
    assert.equal(classifyError(error('ENOTFOUND')).kind, 'unreachable');
    assert.equal(classifyError(error('UNABLE_TO_VERIFY_LEAF_SIGNATURE')).kind, 'tls');
    assert.equal(classifyError(error('ERR_TLS_CERT_ALTNAME_INVALID')).kind, 'tls');
    assert.equal(classifyError(new Error('self-signed certificate in certificate chain')).kind, 'tls');
    assert.equal(classifyError(new Error('boom')).kind, 'other');
  });
});

describe('cluster errors: nothing from a kubeconfig or a credential plugin is quoted', () => {
  const secret = 'SECRET-TOKEN-9f8e7d6c';

  it('credential failures say what kind of failure, not what the plugin printed', () => {
    const parse = new SyntaxError(`Unexpected token 'S', "${secret.slice(0, 10)}"... is not valid JSON`);
    assert.match(credentialError(parse).info.message, /not ExecCredential JSON/);
    assert.doesNotMatch(credentialError(parse).info.message, /SECRET/);
    assert.doesNotMatch(credentialError(new Error(`error: ${secret} expired`)).info.message, /SECRET/);
    const spawn = Object.assign(new Error('spawn kubelogin ENOENT'), {
      code: 'ENOENT',
      syscall: 'spawn kubelogin',
    });
    assert.equal(
      credentialError(spawn).info.message,
      'the exec credential plugin could not be started (ENOENT)',
    );
    const file = Object.assign(new Error('x'), { code: 'EACCES', path: '/home/me/token' });
    assert.equal(credentialError(file).info.message, '/home/me/token: EACCES');
    const http = new Error('HTTP protocol is not allowed when skipTLSVerify is not set or false');
    assert.equal(credentialError(http).info.message, http.message);
    assert.equal(credentialError(parse).info.kind, 'credentials');
  });

  it("a kubeconfig error gives the position and the parser's reason, never the lines", () => {
    const yaml = Object.assign(new Error(`bad indentation (13:4)\n\n 12 |     token: ${secret}`), {
      name: 'YAMLException',
      reason: 'bad indentation of a mapping entry',
      mark: { line: 12, column: 3 },
    });
    assert.equal(
      kubeconfigError('/k.yaml', yaml).info.message,
      '/k.yaml: not valid YAML at line 13, column 4: bad indentation of a mapping entry',
    );
    const tagged = Object.assign(new Error('x'), {
      name: 'YAMLException',
      reason: `unknown tag !<${secret}>`,
    });
    assert.equal(kubeconfigError('/k.yaml', tagged).info.message, '/k.yaml: not valid YAML');
    assert.equal(
      kubeconfigError('/k.yaml', new Error('users[2].name is missing')).info.message,
      '/k.yaml: users[2].name is missing',
    );
    assert.equal(kubeconfigError('/k.yaml', new TypeError(secret)).info.message, '/k.yaml: not a kubeconfig');
  });

  it('server messages are one short line', () => {
    const long = statusError(500, `${'x'.repeat(5000)}\nsecond line`).info.message;
    assert.equal(long.length, 300);
    assert.doesNotMatch(long, /second/);
  });
});
