/**
 * The cluster view's commands. Tree-item commands get the node VS Code passes from the menu;
 * chooseNamespaces also takes (context, names) so it can be scripted and tested.
 */
import { ConfigurationTarget, QuickPickItemKind, Range, Uri, commands, env, window, workspace } from 'vscode';
import type { Disposable, QuickPickItem, TreeView } from 'vscode';
import { objectUri } from './clusterDocuments';
import type { ObjectAddress } from './clusterDocuments';
import type { ClusterSession } from './clusterSession';
import type { ClusterTreeProvider } from './clusterTreeProvider';
import {
  clusterCommands,
  legacyAddresses,
  mergedView,
  podAddresses,
  serviceDnsNameOf,
  sliceEndpoint,
  sliceService,
} from './model';
import type { ClusterNode, PodNode } from './model';
import type { AskServiceManifest } from '../workspaceRouting';

export interface ClusterCommandContext {
  session: ClusterSession;
  provider: ClusterTreeProvider;
  treeView: TreeView<ClusterNode>;
  /** Persists the namespace choice (extension state); never the kubeconfig. */
  saveFilters: () => Thenable<void>;
  /** The extension's folder, for its README. */
  extensionUri: Uri;
  /** Where the workspace defines a live Service (the language server's index). */
  askServiceManifest: AskServiceManifest;
}

export function registerClusterCommands(ctx: ClusterCommandContext): Disposable[] {
  const table: Record<string, (...args: unknown[]) => unknown> = {
    [clusterCommands.refresh]: () => ctx.session.refresh(),
    [clusterCommands.chooseNamespaces]: (target, names) => chooseNamespaces(ctx, target, names),
    [clusterCommands.openYaml]: onNode((node) => openObject(objectOf(ctx, node))),
    [clusterCommands.openServiceManifest]: onNode((node) => openServiceManifest(ctx, serviceOf(ctx, node))),
    [clusterCommands.copyAddress]: onNode((node) => copyAddress(ctx, node)),
    [clusterCommands.revealPod]: onNode((node) => revealPod(ctx, node)),
    [clusterCommands.copyName]: onNode((node) => copyName(node)),
    [clusterCommands.copyDnsName]: onNode((node) => copyDnsName(ctx, node)),
    [clusterCommands.chooseKubeconfig]: () => chooseKubeconfig(),
    [clusterCommands.openDocs]: () =>
      commands.executeCommand('markdown.showPreview', Uri.joinPath(ctx.extensionUri, 'README.md')),
  };
  return Object.entries(table).map(([id, handler]) => commands.registerCommand(id, handler));
}

/**
 * The item commands act on the tree item they were invoked on; run from a keybinding or another
 * extension without one, they say so instead of failing.
 */
function onNode(run: (node: ClusterNode) => unknown): (node: unknown) => unknown {
  return (node) => {
    if (typeof node === 'object' && node !== null && 'kind' in node) return run(node as ClusterNode);
    window.setStatusBarMessage('Select an item in the Clusters view first', 3_000);
    return undefined;
  };
}

async function openObject(address: ObjectAddress | undefined): Promise<void> {
  if (!address) {
    window.setStatusBarMessage('Nothing to open for this item', 3_000);
    return;
  }
  const document = await workspace.openTextDocument(objectUri(address));
  await window.showTextDocument(document, { preview: true });
}

/**
 * The workspace file that defines the Service when there is one (that is what the user edits),
 * else the live object; the status bar says which was opened.
 */
async function openServiceManifest(
  ctx: ClusterCommandContext,
  address: ObjectAddress | undefined,
): Promise<void> {
  if (!address) {
    window.setStatusBarMessage('No Service for this item', 3_000);
    return;
  }
  const place = await ctx
    .askServiceManifest({ name: address.name, namespace: address.namespace })
    .catch(() => null);
  const found = place && { uri: Uri.parse(place.uri), line: place.line };
  if (!found) {
    await openObject(address);
    window.setStatusBarMessage(
      `No workspace file defines Service ${address.name}: showing the live object (read-only)`,
      8_000,
    );
    return;
  }
  const document = await workspace.openTextDocument(found.uri);
  await window.showTextDocument(document, {
    preview: true,
    selection: new Range(found.line, 0, found.line, 0),
  });
  window.setStatusBarMessage(
    `Service ${address.name} is defined in ${workspace.asRelativePath(found.uri)}; Open as Read-Only YAML shows the live object`,
    8_000,
  );
}

/** The name a node stands for: a context, namespace, Service, slice, Endpoints or pod. */
function nameOf(node: ClusterNode): string | undefined {
  switch (node.kind) {
    case 'context':
      return node.context;
    case 'namespace':
      return node.namespace;
    case 'orphans':
      return node.service;
    case 'service':
    case 'slice':
    case 'legacyEndpoints':
    case 'pod':
      return node.name;
    default:
      return undefined;
  }
}

async function copyName(node: ClusterNode): Promise<void> {
  const name = nameOf(node);
  if (name === undefined) {
    window.setStatusBarMessage('No name to copy', 3_000);
    return;
  }
  await env.clipboard.writeText(name);
  window.setStatusBarMessage(`Copied ${name}`, 3_000);
}

/** A Service's `<name>.<namespace>.svc.<cluster domain>` (the endpointslices.cluster.dnsDomain setting). */
async function copyDnsName(ctx: ClusterCommandContext, node: ClusterNode): Promise<void> {
  if (node.kind !== 'service') {
    window.setStatusBarMessage('Copy DNS Name works on a Service', 3_000);
    return;
  }
  const name = serviceDnsNameOf(node.namespace, node.name, ctx.session.model.dnsDomain);
  await env.clipboard.writeText(name);
  window.setStatusBarMessage(`Copied ${name}`, 3_000);
}

/** Points the endpointslices.kubeconfig setting (user settings) at a file the user picks. */
async function chooseKubeconfig(): Promise<void> {
  const picked = await window.showOpenDialog({
    title: 'Choose the kubeconfig the cluster view reads',
    canSelectMany: false,
    openLabel: 'Use This Kubeconfig',
  });
  const file = picked?.[0];
  if (file) {
    await workspace
      .getConfiguration('endpointslices')
      .update('kubeconfig', file.fsPath, ConfigurationTarget.Global);
  }
}

/** The object a node shows: the slice, Endpoints or pod itself; an endpoint's slice; a Service. */
function objectOf(ctx: ClusterCommandContext, node: ClusterNode): ObjectAddress | undefined {
  if (node.kind === 'message' || node.kind === 'context' || node.kind === 'namespace') {
    return undefined;
  }
  const scope = { context: node.context, namespace: node.namespace };
  switch (node.kind) {
    case 'slice':
      return { ...scope, kind: 'endpointslices', name: node.name };
    case 'endpoint':
      return { ...scope, kind: 'endpointslices', name: node.slice };
    case 'legacyEndpoints':
      return { ...scope, kind: 'endpoints', name: node.name };
    case 'legacyAddress':
      return { ...scope, kind: 'endpoints', name: node.endpoints };
    case 'pod':
      return { ...scope, kind: 'pods', name: node.name };
    case 'mergedEndpoint': {
      // The first slice the endpoint was found in.
      const data = ctx.session.model.namespace(node.context, node.namespace);
      const found = data && mergedView(data, node.service).byKey.get(node.key);
      return found ? { ...scope, kind: 'endpointslices', name: found.slices[0] ?? '' } : undefined;
    }
    default:
      return serviceOf(ctx, node);
  }
}

function serviceOf(ctx: ClusterCommandContext, node: ClusterNode): ObjectAddress | undefined {
  if (
    node.kind === 'message' ||
    node.kind === 'context' ||
    node.kind === 'namespace' ||
    node.kind === 'orphans'
  ) {
    return undefined;
  }
  const scope = { context: node.context, namespace: node.namespace };
  const data = ctx.session.model.namespace(node.context, node.namespace);
  const name =
    node.kind === 'service'
      ? node.name
      : node.kind === 'merged' || node.kind === 'mergedEndpoint'
        ? node.service
        : node.kind === 'slice'
          ? data && sliceService(data.slices.get(node.name) ?? { metadata: { name: '' } })
          : node.kind === 'endpoint'
            ? data && sliceService(data.slices.get(node.slice) ?? { metadata: { name: '' } })
            : node.kind === 'legacyEndpoints'
              ? node.name
              : undefined;
  return name ? { ...scope, kind: 'services', name } : undefined;
}

/** The addresses a node stands for: an endpoint's, a legacy address, a pod's IPs. */
export function addressesOf(session: ClusterSession, node: ClusterNode): string[] {
  if (node.kind === 'message' || node.kind === 'context' || node.kind === 'namespace') {
    return [];
  }
  const data = session.model.namespace(node.context, node.namespace);
  switch (node.kind) {
    case 'endpoint': {
      const slice = data?.slices.get(node.slice);
      return (data && slice && sliceEndpoint(data, slice, node.key)?.endpoint.addresses) ?? [];
    }
    case 'mergedEndpoint':
      return (data && mergedView(data, node.service).byKey.get(node.key)?.endpoint.addresses) ?? [];
    case 'legacyAddress':
      return legacyAddresses(data?.legacyEndpoints.get(node.endpoints))
        .filter((a) => a.key === node.key)
        .map((a) => a.address.ip);
    case 'pod': {
      const pod = data?.pods.get(node.name);
      return pod ? podAddresses(pod) : [];
    }
    default:
      return [];
  }
}

async function copyAddress(ctx: ClusterCommandContext, node: ClusterNode): Promise<void> {
  const addresses = addressesOf(ctx.session, node);
  if (addresses.length === 0) {
    window.setStatusBarMessage('No address to copy', 3_000);
    return;
  }
  await env.clipboard.writeText(addresses.join('\n'));
  window.setStatusBarMessage(`Copied ${addresses.join(', ')}`, 3_000);
}

async function revealPod(ctx: ClusterCommandContext, node: ClusterNode): Promise<void> {
  const pod =
    node.kind === 'pod'
      ? node
      : ctx.provider.childrenNow(node).find((child): child is PodNode => child.kind === 'pod');
  if (!pod) {
    window.setStatusBarMessage('No pod behind this endpoint', 3_000);
    return;
  }
  await ctx.treeView.reveal(pod, { select: true, focus: true, expand: true });
}

async function chooseNamespaces(ctx: ClusterCommandContext, target: unknown, names: unknown): Promise<void> {
  const context = await pickContext(ctx, target);
  if (context === undefined) {
    return;
  }
  const chosen = Array.isArray(names) ? names.map(String) : await pickNamespaces(ctx, context);
  if (chosen === undefined) {
    return;
  }
  ctx.session.setFilter(context, chosen);
  await ctx.saveFilters();
}

async function pickContext(ctx: ClusterCommandContext, target: unknown): Promise<string | undefined> {
  if (typeof target === 'string') {
    return target;
  }
  if (target && typeof target === 'object' && 'context' in target && typeof target.context === 'string') {
    return target.context;
  }
  await ctx.session.start();
  const contexts = ctx.session.model.contexts().map((c) => c.name);
  return contexts.length <= 1
    ? contexts[0]
    : window.showQuickPick(contexts, { title: 'Choose namespaces for which context?' });
}

const namespaceName = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * A multi-select of the namespaces the user may list (if any) plus the current choice; typing a
 * name offers it, so users who may not list namespaces can still name theirs. None picked: show all.
 */
function pickNamespaces(ctx: ClusterCommandContext, context: string): Promise<string[] | undefined> {
  const current = ctx.session.model.filter(context) ?? [];
  const picker = window.createQuickPick<QuickPickItem>();
  picker.title = `Namespaces shown for ${context}`;
  picker.placeholder = 'Pick namespaces, or type a name; pick none to show every namespace you may list';
  picker.canSelectMany = true;
  let listed: string[] = [];
  const update = (): void => {
    const typed = picker.value.trim();
    const names = [...new Set([...current, ...listed, ...picker.selectedItems.map((i) => i.label)])].sort();
    const offer =
      typed && namespaceName.test(typed) && !names.includes(typed)
        ? [{ label: typed, description: 'type: add this namespace' }]
        : [];
    const selected = new Set(picker.selectedItems.map((i) => i.label));
    picker.items = [
      ...offer,
      ...(offer.length ? [{ label: '', kind: QuickPickItemKind.Separator }] : []),
      ...names.map((label) => ({ label })),
    ];
    picker.selectedItems = picker.items.filter((i) => selected.has(i.label));
  };
  picker.busy = true;
  void ctx.session.listNamespaces(context).then((names) => {
    listed = names ?? [];
    picker.busy = false;
    update();
  });
  update();
  picker.selectedItems = picker.items.filter((i) => current.includes(i.label));
  picker.onDidChangeValue(update);
  return new Promise((resolve) => {
    picker.onDidAccept(() => {
      // A typed name counts as picked: type it and press Enter.
      const typed = picker.value.trim();
      const picked = picker.selectedItems.map((i) => i.label);
      resolve(namespaceName.test(typed) && !picked.includes(typed) ? [...picked, typed] : picked);
      picker.hide();
    });
    picker.onDidHide(() => {
      resolve(undefined);
      picker.dispose();
    });
    picker.show();
  });
}
