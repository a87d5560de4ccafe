/**
 * Wires the cluster view into VS Code: the tree view, its commands, the read-only document
 * provider, workspace trust, the kubeconfig setting, and which namespaces are watched (those
 * expanded in a visible view). Nothing here talks to a cluster or loads the Kubernetes client:
 * that happens when the tree first asks for its children.
 */
import { commands, window, workspace } from 'vscode';
import type { Disposable, ExtensionContext, LogOutputChannel, TreeView } from 'vscode';
import { createClusterClient } from './clusterClient';
import { registerClusterCommands } from './clusterCommands';
import { ClusterDocuments } from './clusterDocuments';
import { ClusterSession } from './clusterSession';
import { ClusterTreeProvider } from './clusterTreeProvider';
import { kubeconfigFiles, kubeconfigSettingChanged } from './kubeconfig';
import { KubeconfigWatcher } from './kubeconfigWatcher';
import { registerRoutingPictures } from './picture/pictureCommands';
import type { RoutingPictures } from './picture/picturePanel';
import { classifyError } from './clusterErrors';
import { clusterDocumentScheme, clusterViewId } from './model';
import type { ClusterNode, NamespaceNode } from './model';
import type { AskServiceManifest, AskWorkspaceRouting } from '../workspaceRouting';

const filtersKey = 'endpointslices.cluster.namespaces';

/** What the e2e suite reads; not a public API. */
export interface ClusterViewHandle {
  session: ClusterSession;
  provider: ClusterTreeProvider;
  treeView: TreeView<ClusterNode>;
  pictures: RoutingPictures;
}

/**
 * `ask`: the language server's workspace facts, for routing pictures of manifests and for the
 * manifest that defines a live Service.
 */
export function registerClusterView(
  context: ExtensionContext,
  log: LogOutputChannel,
  ask: { routing: AskWorkspaceRouting; serviceManifest: AskServiceManifest },
): ClusterViewHandle & Disposable {
  // The session reports to the provider and the documents, which read from the session.
  const listeners: {
    provider?: ClusterTreeProvider;
    documents?: ClusterDocuments;
    pictures?: RoutingPictures;
  } = {};
  // Started with the session (the first time the tree is shown, trusted workspaces only): the
  // view follows `kubectl config use-context` and new clusters without a manual refresh.
  const kubeconfigWatcher = new KubeconfigWatcher(
    () => {
      log.info('Cluster view: the kubeconfig changed; reloading');
      void session.refresh();
    },
    { onError: (message) => log.warn(`Cluster view: kubeconfig watch: ${message}`) },
  );
  const settingsArrived = firstConfigurationChange(settingsGraceMs);
  const kubeconfigSetting = (): string | undefined =>
    workspace.getConfiguration('endpointslices').get<string>('kubeconfig');
  // The setting the session's client was created with (unset until the session first reads it).
  let read: { setting: string | undefined } | undefined;
  const session = new ClusterSession(
    {
      createClient: () => {
        const setting = kubeconfigSetting();
        read = { setting };
        log.info(
          `Cluster view: reading the kubeconfig (${setting ? `setting: ${setting}` : 'KUBECONFIG or ~/.kube/config'})`,
        );
        void kubeconfigWatcher.watch(kubeconfigFiles({ setting }));
        return createClusterClient({ setting }).catch(async (error: unknown) => {
          // Shown as "No kubeconfig found" only once the user settings have surely arrived: a
          // setting that arrives now reloads the session and this read's outcome is dropped.
          if (!setting && classifyError(error).kind === 'no-kubeconfig') {
            await settingsArrived;
          }
          throw error;
        });
      },
      onChange: (changes) => {
        listeners.provider?.refresh(changes);
        listeners.pictures?.changed(changes);
      },
      onObjects: (...args) => listeners.documents?.objectsChanged(...args),
      onError: (where, message) => log.warn(`Cluster view: ${where}: ${message}`),
      releaseGraceMs: releaseGraceMs(),
    },
    workspace.isTrusted,
  );
  // After a window reload the user settings may reach the extension host after the view read
  // them, with an event that does not name the setting: so the value itself is compared, at
  // every configuration change and once more when the settings' grace period ends, should they
  // have come with no event (a CI run saw a view read no setting and hear nothing for a minute).
  const followKubeconfigSetting = (how: string): void => {
    const now = kubeconfigSetting();
    if (!read || !kubeconfigSettingChanged(read.setting, now)) return;
    if (!session.model.trusted) {
      log.info(
        'Cluster view: the kubeconfig setting changed; the workspace is not trusted, so it is not read',
      );
      return;
    }
    log.info(
      `Cluster view: the kubeconfig setting changed${how} (${now ? `now: ${now}` : 'now unset'}); reloading`,
    );
    void session.refresh();
  };
  const lateSettingsCheck = setTimeout(
    () => followKubeconfigSetting(', with no configuration event'),
    settingsGraceMs,
  );
  const dnsDomain = (): string | undefined =>
    workspace.getConfiguration('endpointslices').get<string>('cluster.dnsDomain');
  session.setDnsDomain(dnsDomain());
  const documents = new ClusterDocuments(session);
  for (const [name, names] of Object.entries(
    context.globalState.get<Record<string, string[]>>(filtersKey) ?? {},
  )) {
    session.setFilter(name, names);
  }
  const demand = new Demand(session);
  const provider = new ClusterTreeProvider(session, {
    onNamespaceShown: (node) => demand.shown(node),
    showProgress: (loading) =>
      void window.withProgress({ location: { viewId: clusterViewId } }, () => loading),
    onWelcome: (noKubeconfig) =>
      void commands.executeCommand('setContext', 'endpointslices.cluster.noKubeconfig', noKubeconfig),
  });
  const treeView = window.createTreeView(clusterViewId, {
    treeDataProvider: provider,
    showCollapseAll: true,
  });
  const { pictures, disposables: pictureDisposables } = registerRoutingPictures({
    session,
    provider,
    treeView,
    extensionUri: context.extensionUri,
    askWorkspaceRouting: ask.routing,
    log: (message) => log.info(message),
    shownInTree: (contextName, namespace) => demand.wants(contextName, namespace),
  });
  Object.assign(listeners, { provider, documents, pictures });
  demand.visible(treeView.visible);
  // Choices for contexts of another kubeconfig stay stored for when it comes back.
  const saveFilters = (): Thenable<void> => {
    const stored = { ...context.globalState.get<Record<string, string[]>>(filtersKey) };
    for (const { name } of session.model.contexts()) {
      const names = session.model.filter(name);
      if (names) {
        stored[name] = names;
      } else {
        delete stored[name];
      }
    }
    return context.globalState.update(filtersKey, stored);
  };
  const disposables: Disposable[] = [
    treeView,
    provider,
    documents,
    treeView.onDidExpandElement(({ element }) => demand.expanded(element)),
    treeView.onDidCollapseElement(({ element }) => demand.collapsed(element)),
    treeView.onDidChangeVisibility(({ visible }) => demand.visible(visible)),
    workspace.onDidGrantWorkspaceTrust(() => {
      log.info('Cluster view: the workspace is trusted now');
      session.setTrusted(true);
    }),
    workspace.onDidChangeConfiguration(() => {
      followKubeconfigSetting('');
      // Same for the domain; setting an unchanged one changes nothing.
      session.setDnsDomain(dnsDomain());
    }),
    workspace.registerTextDocumentContentProvider(clusterDocumentScheme, documents),
    workspace.onDidCloseTextDocument((document) => documents.forget(document.uri)),
    ...registerClusterCommands({
      session,
      provider,
      treeView,
      saveFilters,
      extensionUri: context.extensionUri,
      askServiceManifest: ask.serviceManifest,
    }),
    ...pictureDisposables,
  ];
  return {
    session,
    provider,
    treeView,
    pictures,
    dispose: () => {
      clearTimeout(lateSettingsCheck);
      kubeconfigWatcher.dispose();
      session.dispose();
      for (const disposable of disposables) {
        disposable.dispose();
      }
    },
  };
}

/**
 * Which namespaces need their watches: expanded ones, while their context is expanded and the
 * view is visible. Everything else is released (and stopped after the session's grace period).
 */
class Demand {
  private readonly expandedNamespaces = new Map<string, { context: string; namespace: string }>();
  private readonly collapsedContexts = new Set<string>();
  private isVisible = true;

  constructor(private readonly session: ClusterSession) {}

  /** Whether the tree shows the namespace (expanded, under an expanded context, in a visible view). */
  wants(context: string, namespace: string): boolean {
    return (
      this.isVisible &&
      !this.collapsedContexts.has(context) &&
      [...this.expandedNamespaces.values()].some((n) => n.context === context && n.namespace === namespace)
    );
  }

  /** VS Code asked for the namespace's children: it is expanded (maybe restored after a reload). */
  shown(node: NamespaceNode): void {
    this.expandedNamespaces.set(node.id, node);
  }

  expanded(node: ClusterNode): void {
    if (node.kind === 'namespace') {
      this.expandedNamespaces.set(node.id, node);
      void this.session.ensureNamespace(node.context, node.namespace);
    } else if (node.kind === 'context') {
      this.collapsedContexts.delete(node.context);
      this.apply();
    }
  }

  collapsed(node: ClusterNode): void {
    if (node.kind === 'namespace') {
      this.expandedNamespaces.delete(node.id);
      this.session.releaseNamespace(node.context, node.namespace);
    } else if (node.kind === 'context') {
      this.collapsedContexts.add(node.context);
      this.apply();
    }
  }

  visible(visible: boolean): void {
    this.isVisible = visible;
    this.apply();
  }

  private apply(): void {
    for (const { context, namespace } of this.expandedNamespaces.values()) {
      if (this.isVisible && !this.collapsedContexts.has(context)) {
        void this.session.ensureNamespace(context, namespace);
      } else {
        this.session.releaseNamespace(context, namespace);
      }
    }
  }
}

/**
 * How long, after activation, a missing kubeconfig may be the user settings not having reached
 * the extension host yet. After a window reload VS Code may start the extension (to restore a
 * routing picture, or the view) before it hands over the user settings, which follow as a
 * configuration change some 10–200 ms later; until then a view without the setting would
 * wrongly say "No kubeconfig found".
 */
const settingsGraceMs = 3_000;

/** Resolves at the first configuration change, or `graceMs` from now if none comes. */
function firstConfigurationChange(graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, graceMs);
    const listener = workspace.onDidChangeConfiguration(done);
    function done(): void {
      clearTimeout(timer);
      listener.dispose();
      resolve();
    }
  });
}

/**
 * How long a namespace nobody looks at stays watched: 30 s, or what
 * ENDPOINTSLICES_CLUSTER_RELEASE_MS says (the UI checks shorten it to meet a released namespace).
 */
function releaseGraceMs(): number | undefined {
  const raw = process.env['ENDPOINTSLICES_CLUSTER_RELEASE_MS'];
  const value = Number(raw);
  return raw && Number.isFinite(value) && value >= 0 ? value : undefined;
}
