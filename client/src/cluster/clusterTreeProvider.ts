/**
 * The thin adapter between the model and VS Code's tree: node -> TreeItem, and the model's
 * change sets -> onDidChangeTreeData for exactly those elements. VS Code finds the elements to
 * refresh by object identity, so each node id is interned: the tree always gets the same object
 * for an id, updated in place.
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
import { ancestorIds, children, present, rootId } from './model';
import type { Changes, ClusterNode, NamespaceNode } from './model';

const collapsibleStates = {
  none: TreeItemCollapsibleState.None,
  collapsed: TreeItemCollapsibleState.Collapsed,
  expanded: TreeItemCollapsibleState.Expanded,
};

/** How long getChildren waits for a first answer before showing "Loading…" (the tree updates later). */
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
   */
  constructor(
    private readonly session: ClusterSession,
    private readonly onNamespaceShown: (node: NamespaceNode) => void = () => undefined,
  ) {}

  getTreeItem(element: ClusterNode): TreeItem {
    const look = present(this.session.model, element);
    if (!look) {
      return Object.assign(new TreeItem('(gone)', TreeItemCollapsibleState.None), { id: element.id });
    }
    const item = new TreeItem(look.label, collapsibleStates[look.collapsible]);
    item.id = element.id;
    item.description = look.description;
    item.tooltip = look.tooltip === undefined ? undefined : new MarkdownString(look.tooltip);
    item.iconPath = new ThemeIcon(
      look.icon.id,
      look.icon.color === undefined ? undefined : new ThemeColor(look.icon.color),
    );
    item.contextValue = look.contextValue;
    item.command = look.command && { ...look.command, arguments: look.command.arguments ?? [] };
    return item;
  }

  async getChildren(element?: ClusterNode): Promise<ClusterNode[]> {
    let timer: NodeJS.Timeout | undefined;
    const patience = new Promise<void>((resolve) => (timer = setTimeout(resolve, firstAnswerMs)));
    await Promise.race([this.prepare(element), patience]).finally(() => clearTimeout(timer));
    return this.childrenNow(element);
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
    this.onNamespaceShown(element);
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
