/**
 * Routing picture panels: a webview beside the editor per Service, following the cluster view's
 * watches. The picture is computed here from the model (picture/model, pure) and sent as a laid
 * out scene; the webview only draws it (dist/picture.js, loaded when a panel opens). A change
 * that touches the Service (the same change sets the tree refreshes with) sends a new scene,
 * which the webview applies in place.
 */
import { Uri, ViewColumn, window } from 'vscode';
import type { Disposable, WebviewPanel } from 'vscode';
import type { ClusterSession } from '../clusterSession';
import { ids, rootId } from '../model';
import type { Changes } from '../model';
import { buildPicture, layoutPicture, pictureViewType, readFromWebview, readPictureState } from './model';
import type { FromWebview, PictureAddress, SceneTarget, ToWebview } from './model';
import { nonce, pictureHtml } from './pictureHtml';
import { pictureSlots } from './pictureSlots';

export interface PictureDependencies {
  session: ClusterSession;
  extensionUri: Uri;
  /** Whether the tree shows a namespace (then closing the picture keeps its watches). */
  shownInTree: (context: string, namespace: string) => boolean;
  /** Reveals the object in the Clusters view; false when the tree does not show it. */
  reveal: (address: PictureAddress, target: SceneTarget) => Promise<boolean>;
  /** Opens the object's read-only YAML. */
  open: (address: PictureAddress, target: SceneTarget) => Promise<void>;
  /** Heard after each scene is on screen (the e2e suite and the log read it). */
  onDrawn?: (address: PictureAddress, ms: number, items: number) => void;
}

export class RoutingPictures implements Disposable {
  private readonly panels = new Set<PicturePanel>();

  constructor(private readonly deps: PictureDependencies) {}

  /** Shows the picture of a Service, in its panel if one is open, else in a new one beside the editor. */
  show(address: PictureAddress): void {
    const open = [...this.panels].find((p) => sameAddress(p.address, address));
    if (open) {
      open.panel.reveal(undefined, false);
      return;
    }
    const panel = window.createWebviewPanel(
      pictureViewType,
      title(address),
      ViewColumn.Beside,
      options(this.deps),
    );
    this.adopt(panel, address, []);
  }

  /** The serializer's entry: a panel VS Code restores after a reload, with the state the webview saved. */
  restore(panel: WebviewPanel, state: unknown): void {
    const restored = readPictureState(state);
    if (!restored) {
      panel.dispose(); // nothing to show: a state from another version or a broken one
      return;
    }
    panel.webview.options = options(this.deps);
    this.adopt(panel, restored.address, restored.expanded);
  }

  /** The model changed: panels whose Service the change touches draw again. */
  changed(changes: Changes): void {
    for (const panel of this.panels) {
      const { context, namespace, service } = panel.address;
      if (
        changes.has(rootId) ||
        changes.has(ids.context(context)) ||
        changes.has(ids.namespace(context, namespace)) ||
        changes.has(ids.service(context, namespace, service))
      ) {
        panel.update();
      }
    }
  }

  /** The open panels' Services (for the e2e suite). */
  get open(): PictureAddress[] {
    return [...this.panels].map((panel) => panel.address);
  }

  dispose(): void {
    for (const panel of [...this.panels]) {
      panel.panel.dispose();
    }
  }

  private adopt(panel: WebviewPanel, address: PictureAddress, expanded: string[]): void {
    const picture = new PicturePanel(panel, address, expanded, this.deps);
    this.panels.add(picture);
    panel.onDidDispose(() => {
      picture.dispose();
      this.panels.delete(picture);
    });
  }
}

function options(deps: PictureDependencies): { enableScripts: true; localResourceRoots: Uri[] } {
  return { enableScripts: true, localResourceRoots: [Uri.joinPath(deps.extensionUri, 'dist')] };
}

function title(address: PictureAddress): string {
  return `Routing: ${address.service}`;
}

function sameAddress(a: PictureAddress, b: PictureAddress): boolean {
  return a.context === b.context && a.namespace === b.namespace && a.service === b.service;
}

class PicturePanel {
  private expanded: Set<string>;
  private readonly release: () => void;
  private ready = false;
  private readonly subscriptions: Disposable[] = [];

  constructor(
    readonly panel: WebviewPanel,
    readonly address: PictureAddress,
    expanded: string[],
    private readonly deps: PictureDependencies,
  ) {
    this.expanded = new Set(expanded);
    panel.title = title(address);
    const script = panel.webview.asWebviewUri(Uri.joinPath(deps.extensionUri, 'dist', 'picture.js'));
    panel.webview.html = pictureHtml(script.toString(), panel.webview.cspSource, nonce());
    this.subscriptions.push(
      panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(readFromWebview(message))),
    );
    this.release = deps.session.hold(address.context, address.namespace, () =>
      deps.shownInTree(address.context, address.namespace),
    );
    void this.watch();
  }

  /** Starts the session and the namespace's watches (again after a refresh reset them). */
  private async watch(): Promise<void> {
    await this.deps.session.start();
    await this.deps.session.ensureNamespace(this.address.context, this.address.namespace, 'view');
    this.update();
  }

  update(): void {
    if (!this.ready) {
      return; // the webview asks with 'ready' when its script runs (again after being hidden)
    }
    const { session } = this.deps;
    const { context, namespace, service } = this.address;
    const data = session.model.namespace(context, namespace);
    if (!data || data.loading) {
      if (!session.isWatching(context, namespace)) {
        void this.watch();
      }
      this.post({ type: 'status', text: `Loading ${namespace}/${service} (context ${context})…` });
      return;
    }
    const picture = buildPicture(data, service, pictureSlots(data, service, session.model.dnsDomain));
    if (!picture) {
      this.post({
        type: 'status',
        text: `Service ${namespace}/${service} does not exist (context ${context}).`,
      });
      return;
    }
    const scene = layoutPicture(picture, { expanded: this.expanded });
    this.post({ type: 'scene', scene, address: this.address, expanded: [...this.expanded] });
  }

  private async receive(message: FromWebview | undefined): Promise<void> {
    switch (message?.type) {
      case 'ready':
        this.ready = true;
        this.expanded = new Set([...this.expanded, ...message.expanded]);
        this.update();
        return;
      case 'expand':
        if (message.expanded) {
          this.expanded.add(message.id);
        } else {
          this.expanded.delete(message.id);
        }
        this.update();
        return;
      case 'reveal':
        if (!(await this.deps.reveal(this.address, message.target))) {
          await this.deps.open(this.address, message.target);
        }
        return;
      case 'open':
        await this.deps.open(this.address, message.target);
        return;
      case 'drawn':
        this.deps.onDrawn?.(this.address, message.ms, message.items);
        return;
      default:
        return;
    }
  }

  private post(message: ToWebview): void {
    void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    this.release();
    for (const subscription of this.subscriptions) {
      subscription.dispose();
    }
  }
}
