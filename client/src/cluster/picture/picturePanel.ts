/**
 * Routing picture panels: a webview beside the editor per Service, following the cluster view's
 * watches. The picture is computed here from the model (picture/model, pure) and sent as a laid
 * out scene; the webview only draws it (dist/picture.js, loaded when a panel opens). A change
 * that touches the Service (the same change sets the tree refreshes with) sends a new scene,
 * which the webview applies in place.
 *
 * A picture opened from a manifest shows what the routing engine predicts from the workspace
 * (the language server's answer, asked again after each edit of a YAML file, debounced) and
 * switches to the live Service and back when the current context has it.
 */
import { Uri, ViewColumn, languages, window, workspace } from 'vscode';
import type { Disposable, WebviewPanel } from 'vscode';
import type { ClusterSession } from '../clusterSession';
import { ids, rootId } from '../model';
import type { Changes } from '../model';
import type { AskWorkspaceRouting } from '../../workspaceRouting';
import {
  buildPicture,
  buildWorkspacePicture,
  layoutPicture,
  pictureViewType,
  readFromWebview,
  readPictureState,
} from './model';
import type {
  FromWebview,
  PictureAddress,
  PictureShowing,
  Scene,
  SceneTarget,
  ToWebview,
  WorkspaceManifest,
} from './model';
import { failedHtml, nonce, pictureHtml } from './pictureHtml';
import { pictureSlots } from './pictureSlots';

/** Edits come in bursts: the workspace picture asks again once they pause this long. */
const workspaceDebounceMs = 250;

export interface PictureDependencies {
  session: ClusterSession;
  /** Whether the tree shows a namespace (then closing the picture keeps its watches). */
  shownInTree: (context: string, namespace: string) => boolean;
  /** Reveals the object in the Clusters view; false when the tree does not show it. */
  reveal: (address: PictureAddress, target: SceneTarget) => Promise<boolean>;
  /** Opens the object's read-only YAML. */
  open: (address: PictureAddress, target: SceneTarget) => Promise<void>;
  /** Heard after each scene is on screen (the e2e suite and the log read it). */
  onDrawn?: (address: PictureAddress, ms: number, items: number) => void;
  /** The language server's prediction for a workspace Service. */
  askWorkspaceRouting: AskWorkspaceRouting;
  /** The text of dist/picture.js, read once for all panels. */
  script: () => Thenable<string>;
}

/** What a panel draws: the live Service, or the prediction for a manifest (and then may switch). */
export interface PictureSource {
  showing: PictureShowing;
  workspace?: WorkspaceManifest;
}

export class RoutingPictures implements Disposable {
  private readonly panels = new Set<PicturePanel>();
  private readonly subscriptions: Disposable[];
  private pending: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly deps: PictureDependencies) {
    // An edit anywhere may change the prediction (a template in another file); the diagnostics
    // the server publishes after re-reading a file changed on disk say the same for closed files.
    this.subscriptions = [
      workspace.onDidChangeTextDocument((event) => {
        if (event.document.languageId === 'yaml' && event.contentChanges.length > 0) this.workspaceChanged();
      }),
      languages.onDidChangeDiagnostics((event) => {
        // Only YAML files' diagnostics can say a manifest changed; other languages' never do.
        if (event.uris.some((uri) => /\.ya?ml$/i.test(uri.path))) this.workspaceChanged();
      }),
    ];
  }

  /**
   * Shows the picture of a Service, in its panel if one is open, else in a new one beside the
   * editor; with `source`, the prediction for that manifest.
   */
  show(address: PictureAddress, source: PictureSource = { showing: 'live' }): void {
    const open = [...this.panels].find(
      (p) => sameAddress(p.address, address) && p.source.workspace?.uri === source.workspace?.uri,
    );
    if (open) {
      open.panel.reveal(undefined, false);
      return;
    }
    const panel = window.createWebviewPanel(
      pictureViewType,
      title(address, source.showing),
      ViewColumn.Beside,
      options(),
    );
    this.adopt(panel, address, [], source);
  }

  /** The serializer's entry: a panel VS Code restores after a reload, with the state the webview saved. */
  restore(panel: WebviewPanel, state: unknown): void {
    const restored = readPictureState(state);
    if (!restored) {
      panel.dispose(); // nothing to show: a state from another version or a broken one
      return;
    }
    panel.webview.options = options();
    this.adopt(panel, restored.address, restored.expanded, {
      showing: restored.showing ?? 'live',
      ...(restored.workspace ? { workspace: restored.workspace } : {}),
    });
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
        panel.liveChanged();
      }
    }
  }

  private workspaceChanged(): void {
    if (![...this.panels].some((panel) => panel.source.workspace)) {
      return;
    }
    clearTimeout(this.pending);
    this.pending = setTimeout(() => {
      for (const panel of this.panels) {
        if (panel.source.showing === 'workspace') panel.update();
      }
    }, workspaceDebounceMs);
  }

  /** The open panels' Services (for the e2e suite). */
  get open(): PictureAddress[] {
    return [...this.panels].map((panel) => panel.address);
  }

  dispose(): void {
    clearTimeout(this.pending);
    for (const subscription of this.subscriptions) {
      subscription.dispose();
    }
    for (const panel of [...this.panels]) {
      panel.panel.dispose();
    }
  }

  private adopt(
    panel: WebviewPanel,
    address: PictureAddress,
    expanded: string[],
    source: PictureSource,
  ): void {
    const picture = new PicturePanel(panel, address, expanded, source, this.deps);
    this.panels.add(picture);
    panel.onDidDispose(() => {
      picture.dispose();
      this.panels.delete(picture);
    });
  }
}

/** Scripts on; no local resource at all: the page holds its script and styles. */
function options(): { enableScripts: true; localResourceRoots: Uri[] } {
  return { enableScripts: true, localResourceRoots: [] };
}

function title(address: PictureAddress, showing: PictureShowing): string {
  return `Routing: ${address.service}${showing === 'workspace' ? ' (workspace)' : ''}`;
}

function sameAddress(a: PictureAddress, b: PictureAddress): boolean {
  return a.context === b.context && a.namespace === b.namespace && a.service === b.service;
}

class PicturePanel {
  private expanded: Set<string>;
  private readonly release: () => void;
  private ready = false;
  private disposed = false;
  private readonly subscriptions: Disposable[] = [];
  /** Answers from the language server may overtake each other: only the latest is drawn. */
  private asked = 0;
  /** Whether the last workspace scene offered the live picture (a live change may alter that). */
  private offeredLive = false;

  constructor(
    readonly panel: WebviewPanel,
    readonly address: PictureAddress,
    expanded: string[],
    readonly source: PictureSource,
    private readonly deps: PictureDependencies,
  ) {
    this.expanded = new Set(expanded);
    panel.title = title(address, source.showing);
    void deps.script().then(
      (script) => {
        if (!this.disposed) panel.webview.html = pictureHtml(script, nonce());
      },
      (error: unknown) => {
        if (!this.disposed) panel.webview.html = failedHtml(error);
      },
    );
    this.subscriptions.push(
      panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(readFromWebview(message))),
    );
    // A workspace picture without a kubeconfig context has no live Service to watch.
    const live = address.context !== '';
    this.release = live
      ? deps.session.hold(address.context, address.namespace, () =>
          deps.shownInTree(address.context, address.namespace),
        )
      : () => undefined;
    if (live) {
      void this.watch();
    }
  }

  /** Starts the session and the namespace's watches (again after a refresh reset them). */
  private async watch(): Promise<void> {
    await this.deps.session.start();
    await this.deps.session.ensureNamespace(this.address.context, this.address.namespace, 'view');
    this.update();
  }

  /**
   * Whether the namespace's watches need starting again: a refresh stopped them, or the session
   * had no kubeconfig yet when the panel started them (its settings arrived late after a reload).
   * Not while the kubeconfig failed: nothing would start, and update() would ask again at once.
   */
  private needsWatch(): boolean {
    const { session } = this.deps;
    const { context, namespace } = this.address;
    return (
      context !== '' && session.model.kubeconfig.state !== 'failed' && !session.isWatching(context, namespace)
    );
  }

  /** The live model changed: a live picture draws again; a workspace one when its switch comes or goes. */
  liveChanged(): void {
    if (this.source.showing === 'workspace' && this.needsWatch()) {
      void this.watch(); // for its switch to the live Service
    }
    if (this.source.showing === 'live' || this.liveExists() !== this.offeredLive) {
      this.update();
    }
  }

  update(): void {
    if (!this.ready) {
      return; // the webview asks with 'ready' when its script runs (again after being hidden)
    }
    if (this.source.showing === 'workspace') {
      void this.updateWorkspace();
      return;
    }
    const { session } = this.deps;
    const { context, namespace, service } = this.address;
    const data = session.model.namespace(context, namespace);
    if (!data || data.loading) {
      if (this.needsWatch()) {
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
    this.postScene(layoutPicture(picture, { expanded: this.expanded }));
  }

  /** Asks the language server for the prediction and draws it, unless a newer question was asked. */
  private async updateWorkspace(): Promise<void> {
    const manifest = this.source.workspace;
    if (!manifest) {
      return;
    }
    const asked = ++this.asked;
    const answer = await this.deps
      .askWorkspaceRouting({
        textDocument: { uri: manifest.uri },
        position: { line: manifest.line, character: 0 },
        name: this.address.service,
      })
      .catch((error: unknown) => ({
        found: false as const,
        message: `The language server did not answer: ${error instanceof Error ? error.message : String(error)}`,
      }));
    if (asked !== this.asked || this.source.showing !== 'workspace') {
      return;
    }
    if (!answer.found) {
      this.post({ type: 'status', text: answer.message });
      return;
    }
    // Follows the manifest as edits above it move it.
    manifest.line = answer.service.line;
    const picture = buildWorkspacePicture(answer, {
      namespace: this.address.namespace,
      clusterDomain: this.deps.session.model.dnsDomain,
      fileName: (uri) => workspace.asRelativePath(Uri.parse(uri), false),
    });
    this.postScene(layoutPicture(picture, { expanded: this.expanded }));
  }

  private postScene(scene: Scene): void {
    this.offeredLive = this.liveExists();
    const switchTo = this.source.showing === 'live' ? 'workspace' : 'live';
    const offered = this.source.showing === 'live' ? this.source.workspace !== undefined : this.offeredLive;
    this.post({
      type: 'scene',
      scene,
      address: this.address,
      expanded: [...this.expanded],
      showing: this.source.showing,
      ...(offered ? { switchTo } : {}),
      ...(this.source.workspace ? { workspace: { ...this.source.workspace } } : {}),
    });
  }

  /** Whether the current context has the Service, so the panel can switch to its live picture. */
  private liveExists(): boolean {
    const { context, namespace, service } = this.address;
    return (
      context !== '' && this.deps.session.model.namespace(context, namespace)?.services.has(service) === true
    );
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
      case 'switch':
        if (this.source.workspace) {
          this.source.showing = this.source.showing === 'live' ? 'workspace' : 'live';
          this.panel.title = title(this.address, this.source.showing);
          this.update();
        }
        return;
      case 'reveal':
        if (message.target.kind === 'file' || !(await this.deps.reveal(this.address, message.target))) {
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
    this.disposed = true;
    this.release();
    for (const subscription of this.subscriptions) {
      subscription.dispose();
    }
  }
}
