import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { clusterCommands, clusterDocumentScheme, commandTargets } from '../../client/src/cluster/model';
import { liveDocumentScheme } from '../../server/src/lsp/liveDocuments';
import { WorkspaceIndex, serviceManifestIn } from '../../server/src/service';

const manifest = JSON.parse(readFileSync(resolve(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: {
    menus: Record<string, { command: string; when?: string; group?: string }[]>;
    viewsWelcome: { view: string; contents: string; when?: string }[];
    viewsContainers: { activitybar: { title: string }[] };
    views: Record<string, { name: string }[]>;
  };
};

/** Every contextValue the tree produces (presentation.ts), each command's targets included. */
const contextValues = [
  ...new Set([
    ...Object.values(commandTargets).flat(),
    'merged',
    'orphans',
    'page',
    'message.loading',
    'message.forbidden',
  ]),
];

/** The contextValues a menu entry's `when` clause offers it on. */
function offeredOn(when: string): string[] {
  const regex = /viewItem =~ \/(.+)\/$/.exec(when)?.[1];
  const equal = /viewItem == (\S+)/.exec(when)?.[1];
  const test = regex ? (value: string): boolean => new RegExp(regex).test(value) : (v: string) => v === equal;
  return contextValues.filter(test);
}

describe('the tree items context menus', () => {
  const entries = manifest.contributes.menus['view/item/context'] ?? [];

  it('offer each command on exactly the items it acts on (inline actions on some of them)', () => {
    for (const entry of entries) {
      const offered = offeredOn(entry.when ?? '');
      const targets = commandTargets[entry.command] ?? [];
      const inline = entry.group === 'inline';
      assert.ok(offered.length > 0, `${entry.command} is offered nowhere`);
      for (const value of offered) {
        assert.ok(targets.includes(value), `${entry.command} is offered on ${value}, where it does nothing`);
      }
      if (!inline) {
        assert.deepEqual(offered.sort(), [...targets].sort(), `${entry.command}: ${entry.when}`);
      }
    }
  });

  it('Copy Address is not offered on a slice; a namespace has a menu of its own', () => {
    const on = (value: string): string[] =>
      entries
        .filter((e) => e.group !== 'inline' && offeredOn(e.when ?? '').includes(value))
        .map((e) => e.command);
    assert.ok(!on('endpointSlice').includes(clusterCommands.copyAddress));
    assert.deepEqual(on('namespace').sort(), [
      clusterCommands.chooseNamespaces,
      clusterCommands.copyName,
      clusterCommands.refresh,
    ]);
  });

  it('no kubeconfig: a welcome view with a button to choose one', () => {
    const [welcome] = manifest.contributes.viewsWelcome;
    assert.equal(welcome?.when, 'endpointslices.cluster.noKubeconfig');
    assert.match(
      welcome?.contents ?? '',
      /\[Choose a Kubeconfig File\]\(command:endpointslices\.cluster\.chooseKubeconfig\)/,
    );
  });

  it('the view title fits the side bar: container and view names stay short', () => {
    const container = manifest.contributes.viewsContainers.activitybar[0].title;
    const view = Object.values(manifest.contributes.views).flat()[0].name;
    // VS Code shows "CONTAINER: VIEW" in capitals beside the title actions.
    assert.ok(
      `${container}: ${view}`.length <= 24,
      `"${container}: ${view}" is cut off at the default width`,
    );
  });
});

describe('the workspace manifest of a live Service (the language server answers from its index)', () => {
  const doc = (kind: string, name: string, namespace?: string, apiVersion = 'v1'): string =>
    `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: ${name}\n` +
    (namespace === undefined ? '' : `  namespace: ${namespace}\n`);
  const indexOf = (files: Record<string, string>): WorkspaceIndex => {
    const index = new WorkspaceIndex();
    for (const [name, text] of Object.entries(files)) index.update(`file:///ws/${name}`, text);
    return index;
  };
  const found = (index: WorkspaceIndex, name: string, namespace: string): string | undefined => {
    const place = serviceManifestIn(index, { name, namespace });
    return place === null ? undefined : `${place.uri.slice('file:///ws/'.length)}:${place.line}`;
  };

  it('prefers the one naming the namespace, then one without a namespace; never another kind or namespace', () => {
    const files = {
      'a.yaml': doc('Service', 'web', 'other'),
      'b.yaml': doc('Deployment', 'web', 'demo', 'apps/v1'),
      'c.yaml': doc('Service', 'web'),
      'd.yaml': `${doc('ConfigMap', 'x')}---\n${doc('Service', 'web', 'demo')}`,
    };
    assert.equal(found(indexOf(files), 'web', 'demo'), 'd.yaml:8', 'the line of its name, in file lines');
    const { 'd.yaml': _, ...withoutExact } = files;
    assert.equal(found(indexOf(withoutExact), 'web', 'demo'), 'c.yaml:3');
    assert.equal(
      found(indexOf({ 'a.yaml': files['a.yaml'], 'b.yaml': files['b.yaml'] }), 'web', 'demo'),
      undefined,
    );
    assert.equal(found(indexOf(files), 'api', 'demo'), undefined);
  });

  it('reads names as kubectl does: a YAML 1.1 boolean is no Service name', () => {
    const index = indexOf({
      'on.yaml': doc('Service', 'on', 'demo'),
      'quoted.yaml': doc('Service', '"yes"', 'demo'),
    });
    assert.equal(found(index, 'on', 'demo'), undefined);
    assert.equal(found(index, 'yes', 'demo'), 'quoted.yaml:3');
  });
});

describe('live documents', () => {
  it('the server knows the scheme of the read-only YAML the view opens (it gives them no advice)', () => {
    assert.equal(liveDocumentScheme, clusterDocumentScheme);
  });
});
