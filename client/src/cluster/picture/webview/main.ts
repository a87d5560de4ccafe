/**
 * The routing picture's webview script: receives scenes from the extension, draws them
 * (draw.ts), and turns clicks and keys into typed messages. It keeps its view state (expanded
 * groups, the ports and hints toggles) with the webview API, so a hidden panel, and the
 * serializer after a reload, come back as they were.
 */
import { readPictureState } from '../model/protocol';
import type {
  FromWebview,
  PictureShowing,
  PictureState,
  Scene,
  SceneItem,
  ToWebview,
  WorkspaceManifest,
} from '../model/protocol';
import { draw } from './draw';
import type { Drawing } from './draw';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: PictureState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const restored = readPictureState(vscode.getState());
const view: {
  address: PictureState['address'] | undefined;
  expanded: string[];
  showPorts: boolean;
  showHints: boolean;
  showing: PictureShowing;
  workspace: WorkspaceManifest | undefined;
} = {
  address: restored?.address,
  expanded: restored?.expanded ?? [],
  showPorts: restored?.showPorts ?? false,
  showHints: restored?.showHints ?? true,
  showing: restored?.showing ?? 'live',
  workspace: restored?.workspace,
};
const drawing: Drawing = { items: new Map(), edges: new Map() };
const root = document.querySelector<SVGSVGElement>('#picture')!;
const card = document.querySelector<HTMLDivElement>('#card')!;
let drawn = 0;

function save(): void {
  if (view.address) {
    vscode.setState({
      address: view.address,
      expanded: view.expanded,
      showPorts: view.showPorts,
      showHints: view.showHints,
      showing: view.showing,
      ...(view.workspace ? { workspace: view.workspace } : {}),
    });
  }
}

function text(selector: string, value: string): void {
  const element = document.querySelector<HTMLElement>(selector)!;
  if (element.textContent !== value) {
    element.textContent = value;
  }
}

function show(scene: Scene): void {
  const started = performance.now();
  text('#title', scene.title);
  text('#verdict', scene.verdict.text);
  document.querySelector('#verdict')!.className = `verdict ${scene.verdict.kind}`;
  text('#count-ready', String(scene.totals.ready));
  text('#count-serving', String(scene.totals.serving));
  text('#count-notReady', String(scene.totals.notReady));
  text('#notes', scene.notes.join(' '));
  text('#origin', scene.origin);
  text('#heading-pods', view.showing === 'workspace' ? 'Pod templates' : 'Pods');
  document.body.classList.toggle('workspace', view.showing === 'workspace');
  document.querySelector<HTMLButtonElement>('#hints')!.hidden = !scene.hinted;
  draw(drawing, root, scene);
  portTable(scene);
  drawn++;
  document.body.dataset['drawn'] = String(drawn);
  requestAnimationFrame(() =>
    vscode.postMessage({ type: 'drawn', ms: performance.now() - started, items: scene.items.length }),
  );
}

/** Service port → targetPort → the port each slice's endpoints listen on. */
function portTable(scene: Scene): void {
  const section = document.querySelector<HTMLElement>('#ports-table')!;
  section.hidden = !view.showPorts;
  document.querySelector('#ports')!.setAttribute('aria-pressed', String(view.showPorts));
  if (!view.showPorts) {
    return;
  }
  const table = document.createElement('table');
  const head = table.createTHead().insertRow();
  const per =
    view.showing === 'workspace' ? 'Container port (per pod template)' : 'Endpoint port (per slice)';
  for (const title of ['Service port', 'targetPort', per]) {
    head.appendChild(document.createElement('th')).textContent = title;
  }
  const body = table.createTBody();
  for (const row of scene.portMapping) {
    const tr = body.insertRow();
    tr.insertCell().textContent = row.servicePort;
    tr.insertCell().textContent = row.targetPort;
    tr.insertCell().textContent =
      row.endpointPorts.map((p) => `${p.slice}: ${p.port} (${p.endpoints} endpoints)`).join('; ') ||
      (view.showing === 'workspace' ? '(no pod template selected)' : '(no slices)');
  }
  if (scene.portMapping.length === 0) {
    body.insertRow().insertCell().textContent = 'The Service has no ports.';
  }
  section.replaceChildren(table);
}

function itemOf(element: Element | null): SceneItem | undefined {
  const g = element?.closest<SVGGElement>('g.item');
  const id = g?.dataset['id'];
  return id === undefined ? undefined : drawing.scene?.items.find((item) => item.id === id);
}

function activate(item: SceneItem, open: boolean): void {
  if (item.expandable && !open) {
    const expanded = !item.expandable.expanded;
    view.expanded = expanded
      ? [...view.expanded, item.expandable.key]
      : view.expanded.filter((key) => key !== item.expandable?.key);
    save();
    vscode.postMessage({ type: 'expand', id: item.expandable.key, expanded });
  } else if (item.target) {
    vscode.postMessage({ type: open ? 'open' : 'reveal', target: item.target });
  }
}

root.addEventListener('click', (event) => {
  const item = itemOf(event.target as Element);
  if (item) {
    activate(item, event.shiftKey || event.altKey);
  }
});
root.addEventListener('dblclick', (event) => {
  const item = itemOf(event.target as Element);
  if (item?.target) {
    vscode.postMessage({ type: 'open', target: item.target });
  }
});

/** The item to go to from `item` with an arrow key: up/down in its column, left/right along edges. */
function neighbour(item: SceneItem, key: string): SceneItem | undefined {
  const scene = drawing.scene;
  if (!scene) {
    return undefined;
  }
  const focusable = (candidate: SceneItem): boolean =>
    drawing.items.get(candidate.id)?.hasAttribute('tabindex') ?? false;
  if (key === 'ArrowUp' || key === 'ArrowDown') {
    const column = scene.items
      .filter((c) => c.column === item.column && focusable(c))
      .sort((a, b) => a.y - b.y);
    const index = column.findIndex((c) => c.id === item.id);
    return column[index + (key === 'ArrowUp' ? -1 : 1)];
  }
  const edges = scene.edges.filter((edge) => edge.kind === 'route');
  const ids =
    key === 'ArrowRight'
      ? edges.filter((e) => e.from === item.id).map((e) => e.to)
      : edges.filter((e) => e.to === item.id).map((e) => e.from);
  return scene.items.filter((c) => ids.includes(c.id) && focusable(c)).sort((a, b) => a.y - b.y)[0];
}

root.addEventListener('keydown', (event) => {
  const item = itemOf(event.target as Element);
  if (!item) {
    return;
  }
  if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    activate(item, event.shiftKey);
  } else if (event.key === 'o') {
    activate(item, true);
  } else if (event.key.startsWith('Arrow')) {
    event.preventDefault();
    const next = neighbour(item, event.key);
    const element = next && drawing.items.get(next.id);
    element?.focus();
    element?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }
});

function showCard(target: Element | null): void {
  const item = itemOf(target);
  const g = target?.closest('g.item');
  if (!item || !g) {
    card.hidden = true;
    return;
  }
  card.textContent = item.tooltip;
  card.hidden = false;
  const box = g.getBoundingClientRect();
  card.style.left = `${Math.min(box.left + window.scrollX, window.scrollX + window.innerWidth - card.offsetWidth - 8)}px`;
  card.style.top = `${box.bottom + window.scrollY + 4}px`;
}
root.addEventListener('mouseover', (event) => showCard(event.target as Element));
root.addEventListener('mouseleave', () => (card.hidden = true));
root.addEventListener('focusin', (event) => showCard(event.target as Element));
root.addEventListener('focusout', () => (card.hidden = true));

function toggle(selector: string, flip: () => void): void {
  document.querySelector(selector)!.addEventListener('click', () => {
    flip();
    save();
    if (drawing.scene) {
      portTable(drawing.scene);
    }
    root.classList.toggle('hide-hints', !view.showHints);
    document.querySelector('#hints')!.setAttribute('aria-pressed', String(view.showHints));
  });
}
toggle('#ports', () => (view.showPorts = !view.showPorts));
document.querySelector('#switch')!.addEventListener('click', () => vscode.postMessage({ type: 'switch' }));

/** The toolbar's switch between the live and the workspace picture, when both exist. */
function switchButton(to: PictureShowing | undefined): void {
  const button = document.querySelector<HTMLButtonElement>('#switch')!;
  button.hidden = to === undefined;
  const label = to === 'live' ? 'Show Live' : 'Show Workspace Prediction';
  if (button.textContent !== label) {
    button.textContent = label;
  }
  button.title =
    to === 'live'
      ? 'The same Service in the current kubeconfig context, as the cluster routes it now'
      : 'What the routing engine predicts from the workspace manifests';
}
toggle('#hints', () => (view.showHints = !view.showHints));
root.classList.toggle('hide-hints', !view.showHints);
document.querySelector('#hints')!.setAttribute('aria-pressed', String(view.showHints));

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  if (message.type === 'scene') {
    view.address = message.address;
    view.expanded = message.expanded;
    view.showing = message.showing;
    view.workspace = message.workspace;
    save();
    switchButton(message.switchTo);
    text('#status', '');
    show(message.scene);
  } else if (message.type === 'status') {
    text('#status', message.text);
  }
});

vscode.postMessage({ type: 'ready', expanded: view.expanded });
