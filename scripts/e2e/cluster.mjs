// The local control plane for the cluster-panel checks (run.mjs, ui.mjs): starts the shared
// default cluster when it is not up (and stops it again at the end), seeds the demo, and mints a
// read-only identity per window, so the audit log says which window asked for what. The
// kubeconfig written for a window has two contexts side by side: that identity (view
// everywhere) and the namespace-restricted user.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from './codeServer.mjs';

/** Namespace of the identities and of the objects the e2e suite creates; removed at the end. */
export const e2eNamespace = 'endpointslices-e2e';

function script(name) {
  return execFileSync('bash', [join(repoRoot, 'cluster', name)], {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

function isUp() {
  try {
    const answer = execFileSync('bash', ['-c', 'source cluster/lib.sh && es_curl /readyz'], {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return answer.trim() === 'ok';
  } catch {
    return false;
  }
}

/**
 * Brings the demo cluster up and seeded; registers its stop (only if this started it) and the
 * removal of what the e2e run created in `cleanups`. `windows` names the identities to mint.
 * Returns the admin kubeconfig, the audit log and, per window, a kubeconfig and its username.
 */
export async function prepareDemoCluster(cleanups, scratch, windows) {
  const wasUp = isUp();
  const started = Date.now();
  const adminKubeconfig = script('up.sh').split('\n').pop();
  if (!wasUp && process.env.ENDPOINTSLICES_KEEP_CLUSTER !== '1') {
    cleanups.add(async () => script('down.sh'));
  }
  script('seed.sh');
  console.log(
    `cluster: ${wasUp ? 'already up' : 'started'}, demo seeded in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  // The helper the cluster tests use (compiled by tsc -b), so both mint identities the same way.
  const { KubeAdmin } = await import(join(repoRoot, 'out', 'test', 'cluster', 'kubeAdmin.js'));
  const admin = new KubeAdmin(adminKubeconfig);
  await admin.deleteNamespace(e2eNamespace);
  await admin.createNamespace(e2eNamespace);
  cleanups.add(async () => {
    for (const name of windows) {
      await admin.deleteClusterRoleBinding(`${e2eNamespace}-${name}`);
    }
    await admin.deleteNamespace(e2eNamespace);
  });
  const state = dirname(adminKubeconfig);
  const restricted = parse(readFileSync(join(state, 'restricted.kubeconfig'), 'utf8'));
  const identities = {};
  for (const name of windows) {
    const viewer = JSON.parse(
      await admin.viewerKubeconfig(e2eNamespace, name, `${name}@endpointslices-local`),
    );
    viewer.users.push({ name: 'restricted', user: restricted.users[0].user });
    viewer.contexts.push({
      name: 'restricted@endpointslices-local',
      context: { cluster: 'local', user: 'restricted' },
    });
    const kubeconfig = join(scratch, `${name}.kubeconfig`);
    writeFileSync(kubeconfig, JSON.stringify(viewer, null, 2), { mode: 0o600 });
    identities[name] = { kubeconfig, username: `system:serviceaccount:${e2eNamespace}:${name}` };
  }
  return { adminKubeconfig, auditLog: join(state, 'audit.log'), identities };
}
