/**
 * The thin adapter between the model and VS Code's tree: node -> TreeItem, and the model's
 * change sets -> onDidChangeTreeData for exactly those elements. VS Code finds the elements to
 * refresh by object identity, so each node id is interned: the tree always gets the same object
 * for an id, updated in place.
 *
 * Below the root, getChildren never waits for the cluster: it answers with what the model has
 * ("Loading…" at first) and the tree is refreshed when the lists arrive. VS Code up to 1.10x
 * (code-server 4.100 included) remembers the parent's tree node before it awaits getChildren;
 * a refresh of that element while the answer is pending (and loading a namespace refreshes its
 * node) replaces the node, the answer's children are registered on the dead one, and the next
 * fetch throws "Element with id … is already registered", leaving the element empty. An answer
 * without a wait leaves no such window. The root may wait: a root refresh cancels its fetch.
 */
import {
  EventEmitter,
  MarkdownString,
  ThemeColor,
  ThemeIcon,
  TreeItem,
  TreeItemCollapsibleState,
} from 'vscode';
import type { TreeDataProvider } from 'vscode';
import type { ClusterSession } from './clusterSession';
import { ancestorIds, children, fullTooltip, noKubeconfig, present, rootId } from './model';
import type { Changes, ClusterNode, NamespaceNode } from './model';

const collapsibleStates = {
  none: TreeItemCollapsibleState.None,
  collapsed: TreeItemCollapsibleState.Collapsed,
  expanded: TreeItemCollapsibleState.Expanded,
};

/** How long the root waits for the kubeconfig before showing "Loading…" (the tree updates later). */
const firstAnswerMs = 3_000;

export class ClusterTreeProvider implements TreeDataProvider<ClusterNode> {
  private readonly emitter = new EventEmitter<ClusterNode | ClusterNode[] | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly known = new Map<string, ClusterNode>();
  /** The ids each element's last getChildren returned (root: rootId), to forget removed subtrees. */
  private readonly childIds = new Map<string, string[]>();

  /**
   * `onNamespaceShown` hears of every namespace VS Code asks children of, including ones it
   * restores expanded after a reload without an expand event, so they are released when hidden.
   * `showProgress` gets the load behind each "Loading…" answer (the view's progress bar).
   */
  constructor(
    private readonly session: ClusterSession,
    private readonly hooks: {
      onNamespaceShown?: (node: NamespaceNode) => void;
      showProgress?: (loading: Promise<void>) => void;
      /** Whether the view should show its welcome content (no kubeconfig), after each root answer. */
      onWelcome?: (noKubeconfig: boolean) => void;
    } = {},
  ) {}

  getTreeItem(element: ClusterNode): TreeItem {
    const look = present(this.session.model, element);
    if (!look) {
      return Object.assign(new TreeItem('(gone)', TreeItemCollapsibleState.None), { id: element.id });
    }
    const item = new TreeItem(look.label, collapsibleStates[look.collapsible]);
    item.id = element.id;
    item.description = look.description;
    // A tooltip with a part computed on hover is left to resolveTreeItem (VS Code resolves only
    // properties that are undefined).
    item.tooltip =
      look.tooltip === undefined || look.tooltipOnHover ? undefined : new MarkdownString(look.tooltip);
    item.iconPath = new ThemeIcon(
      look.icon.id,
      look.icon.color === undefined ? undefined : new ThemeColor(look.icon.color),
    );
    item.contextValue = look.contextValue;
    item.command = look.command && { ...look.command, arguments: look.command.arguments ?? [] };
    return item;
  }

  /** On hover: the whole tooltip, from the model as it is now. */
  resolveTreeItem(item: TreeItem, element: ClusterNode): TreeItem {
    const look = present(this.session.model, element);
    const tooltip = look && fullTooltip(look);
    if (tooltip !== undefined) {
      item.tooltip = new MarkdownString(tooltip);
    }
    return item;
  }

  async getChildren(element?: ClusterNode): Promise<ClusterNode[]> {
    // Failures end up in the model as message nodes; the promise only says when loading ended.
    const loading = this.prepare(element).catch(() => undefined);
    if (!element) {
      let timer: NodeJS.Timeout | undefined;
      const patience = new Promise<void>((resolve) => (timer = setTimeout(resolve, firstAnswerMs)));
      await Promise.race([loading, patience]).finally(() => clearTimeout(timer));
    }
    const children = this.childrenNow(element);
    if (!element) {
      this.hooks.onWelcome?.(noKubeconfig(this.session.model));
    }
    if (children.some((child) => child.kind === 'message' && child.severity === 'loading')) {
      this.hooks.showProgress?.(loading);
    }
    return children;
  }

  /** The children as the model has them now, interned (no waiting, no loading). */
  childrenNow(element?: ClusterNode): ClusterNode[] {
    const parent = element && (this.known.get(element.id) ?? element);
    const fresh = children(this.session.model, parent).map((node) => this.intern(node));
    const key = parent?.id ?? rootId;
    const keep = new Set(fresh.map((node) => node.id));
    // Forget children (and their subtrees) that this parent no longer has.
    for (const id of this.childIds.get(key) ?? []) {
      if (!keep.has(id)) {
        this.forget(id);
      }
    }
    this.childIds.set(key, [...keep]);
    return fresh;
  }

  getParent(element: ClusterNode): ClusterNode | undefined {
    return element.parent && (this.known.get(element.parent.id) ?? element.parent);
  }

  /** Refreshes the changed elements VS Code has, skipping those under another refreshed one. */
  refresh(changes: Changes): void {
    if (changes.has(rootId)) {
      this.emitter.fire(undefined);
      return;
    }
    const elements = [...changes]
      .filter((id) => !ancestorIds(id).some((ancestor) => changes.has(ancestor)))
      .flatMap((id) => this.known.get(id) ?? []);
    if (elements.length > 0) {
      this.emitter.fire(elements);
    }
  }

  dispose(): void {
    this.emitter.dispose();
  }

  private prepare(element?: ClusterNode): Promise<void> {
    if (!element) {
      return this.session.start();
    }
    if (element.kind === 'context') {
      return this.session.ensureContext(element.context);
    }
    if (element.kind !== 'namespace') {
      return Promise.resolve();
    }
    this.hooks.onNamespaceShown?.(element);
    // Its Services are what the user waits for; pods and Endpoints follow as a refresh.
    return this.session.ensureNamespace(element.context, element.namespace, 'view');
  }

  private intern(node: ClusterNode): ClusterNode {
    const existing = this.known.get(node.id);
    if (existing) {
      return Object.assign(existing, node);
    }
    this.known.set(node.id, node);
    return node;
  }

  private forget(id: string): void {
    this.known.delete(id);
    for (const child of this.childIds.get(id) ?? []) {
      this.forget(child);
    }
    this.childIds.delete(id);
  }
}
