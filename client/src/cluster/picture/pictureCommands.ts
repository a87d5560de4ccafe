/**
 * "Show Routing Picture": on a Service or slice in the Clusters view (the live Service), and from
 * a Service manifest in the editor (what the routing engine predicts from the workspace, with a
 * switch to the live Service of the same name when the current context has it). Also registers
 * the serializer that brings open pictures back after a reload, and how a picture's click reveals
 * an object in the tree or opens its read-only YAML (or, in a workspace picture, its file).
 */
import { Range, Uri, ViewColumn, commands, window, workspace } from 'vscode';
import type { Disposable, TextEditor, TreeView } from 'vscode';
import { objectUri } from '../clusterDocuments';
import type { ClusterSession } from '../clusterSession';
import type { ClusterTreeProvider } from '../clusterTreeProvider';
import { clusterCommands, sliceService } from '../model';
import type { ClusterNode } from '../model';
import { pictureViewType } from './model';
import type { PictureAddress, SceneTarget } from './model';
import { RoutingPictures } from './picturePanel';
import type { PictureSource } from './picturePanel';
import type { AskWorkspaceRouting } from '../../workspaceRouting';

export interface PictureCommandContext {
  session: ClusterSession;
  provider: ClusterTreeProvider;
  treeView: TreeView<ClusterNode>;
  extensionUri: Uri;
  askWorkspaceRouting: AskWorkspaceRouting;
  log: (message: string) => void;
  /** Whether the tree shows a namespace: a closed picture then leaves its watches running. */
  shownInTree: (context: string, namespace: string) => boolean;
}

export function registerRoutingPictures(ctx: PictureCommandContext): {
  pictures: RoutingPictures;
  disposables: Disposable[];
} {
  let script: Thenable<string> | undefined;
  const pictures = new RoutingPictures({
    session: ctx.session,
    // Read when the first picture opens, then kept: the same text for every panel.
    script: () =>
      (script ??= workspace.fs
        .readFile(Uri.joinPath(ctx.extensionUri, 'dist', 'picture.js'))
        .then((bytes) => new TextDecoder().decode(bytes))),
    askWorkspaceRouting: ctx.askWorkspaceRouting,
    shownInTree: ctx.shownInTree,
    reveal: (address, target) => revealInTree(ctx, address, target),
    open: (address, target) => openYaml(address, target),
    onDrawn: (address, ms, items) =>
      ctx.log(
        `Routing picture of ${address.namespace}/${address.service}: ${items} items drawn in ${ms.toFixed(0)} ms`,
      ),
  });
  const disposables: Disposable[] = [
    pictures,
    commands.registerCommand(clusterCommands.showRoutingPicture, (node: unknown) =>
      showPicture(ctx, pictures, node),
    ),
    window.registerWebviewPanelSerializer(pictureViewType, {
      deserializeWebviewPanel: (panel, state: unknown) => Promise.resolve(pictures.restore(panel, state)),
    }),
  ];
  return { pictures, disposables };
}

async function showPicture(
  ctx: PictureCommandContext,
  pictures: RoutingPictures,
  node: unknown,
): Promise<void> {
  if (isNode(node)) {
    const address = fromNode(ctx, node);
    if (address) {
      pictures.show(address);
    }
    return;
  }
  const shown = await fromEditor(ctx, window.activeTextEditor);
  if (shown) {
    pictures.show(shown.address, shown.source);
  }
}

function isNode(value: unknown): value is ClusterNode {
  return typeof value === 'object' && value !== null && 'kind' in value && 'id' in value;
}

/** A Service node, or a slice's Service (by its label). */
function fromNode(ctx: PictureCommandContext, node: ClusterNode): PictureAddress | undefined {
  if (node.kind === 'service') {
    return { context: node.context, namespace: node.namespace, service: node.name };
  }
  if (node.kind === 'slice') {
    const slice = ctx.session.model.namespace(node.context, node.namespace)?.slices.get(node.name);
    const service = slice && sliceService(slice);
    if (service !== undefined) {
      return { context: node.context, namespace: node.namespace, service };
    }
  }
  window.setStatusBarMessage(
    'Show Routing Picture works on a Service or an EndpointSlice of a Service',
    5_000,
  );
  return undefined;
}

/**
 * The Service manifest under the cursor (or the file's first Service), as the language server
 * reads it (kubectl's YAML 1.1, the engine's split into documents): its workspace picture, and
 * the live Service of the same name in the kubeconfig's current context to switch to (in the
 * manifest's namespace, else the context's, else `default`). Without a context (or in an
 * untrusted workspace, where no kubeconfig is read) the picture is the workspace's alone.
 */
async function fromEditor(
  ctx: PictureCommandContext,
  editor: TextEditor | undefined,
): Promise<{ address: PictureAddress; source: PictureSource } | undefined> {
  const answer =
    editor &&
    (await ctx
      .askWorkspaceRouting({
        textDocument: { uri: editor.document.uri.toString() },
        position: { line: editor.selection.active.line, character: editor.selection.active.character },
      })
      .catch(() => undefined));
  if (!editor || !answer?.found) {
    void window.showInformationMessage(
      'Show Routing Picture: put the cursor in a Service manifest, or use it on a Service in the Clusters view.',
    );
    return undefined;
  }
  const found = answer.service;
  await ctx.session.start();
  const contexts = ctx.session.model.contexts();
  const context = contexts.find((c) => c.current) ?? contexts[0];
  return {
    address: {
      context: context?.name ?? '',
      namespace: found.namespace ?? context?.namespace ?? 'default',
      service: found.name,
    },
    source: {
      showing: 'workspace',
      workspace: { uri: editor.document.uri.toString(), line: found.line },
    },
  };
}

/** Finds the object's node in the Clusters view under the Service and reveals it; false when not there. */
async function revealInTree(
  ctx: PictureCommandContext,
  address: PictureAddress,
  target: SceneTarget,
): Promise<boolean> {
  let node: ClusterNode | undefined;
  const path: ((n: ClusterNode) => boolean)[] = [
    (n) => n.kind === 'context' && n.context === address.context,
    (n) => n.kind === 'namespace' && n.namespace === address.namespace,
    (n) => n.kind === 'service' && n.name === address.service,
  ];
  for (const step of path) {
    node = ctx.provider.childrenNow(node).find(step);
    if (!node) {
      return false;
    }
  }
  const found = target.kind === 'services' ? node : findBelow(ctx.provider, node, target, 3);
  if (!found) {
    return false;
  }
  await ctx.treeView.reveal(found, { select: true, focus: false, expand: false });
  return true;
}

function matches(node: ClusterNode, target: SceneTarget): boolean {
  if (target.kind === 'pods') {
    return node.kind === 'pod' && node.name === target.name;
  }
  if (target.endpointKey !== undefined) {
    return node.kind === 'endpoint' && node.slice === target.name && node.key === target.endpointKey;
  }
  return node.kind === 'slice' && node.name === target.name;
}

/** Depth-first through slices and endpoints (not the merged view, whose pods repeat the slices'). */
function findBelow(
  provider: ClusterTreeProvider,
  node: ClusterNode | undefined,
  target: SceneTarget,
  depth: number,
): ClusterNode | undefined {
  if (depth === 0) {
    return undefined;
  }
  for (const child of provider.childrenNow(node)) {
    if (matches(child, target)) {
      return child;
    }
    if (child.kind === 'slice' || child.kind === 'endpoint') {
      const below = findBelow(provider, child, target, depth - 1);
      if (below) {
        return below;
      }
    }
  }
  return undefined;
}

async function openYaml(address: PictureAddress, target: SceneTarget): Promise<void> {
  if (target.kind === 'file') {
    const line = target.line ?? 0;
    const document = await workspace.openTextDocument(Uri.parse(target.name));
    await window.showTextDocument(document, {
      viewColumn: ViewColumn.One,
      selection: new Range(line, 0, line, 0),
    });
    return;
  }
  const uri = objectUri({
    context: address.context,
    namespace: address.namespace,
    kind: target.kind,
    name: target.name,
  });
  const document = await workspace.openTextDocument(uri);
  await window.showTextDocument(document, { preview: true, viewColumn: ViewColumn.One });
}
