/**
 * Draws a scene into the picture's SVG and keeps it drawn: items and edges are elements keyed by
 * id, so a new scene moves, recolours and relabels what is there, adds what is new and fades out
 * what is gone. Nothing is redrawn wholesale, so focus, hover and positions survive a live update.
 */
import type { Scene, SceneEdge, SceneItem } from '../model/protocol';

const svgNs = 'http://www.w3.org/2000/svg';

export interface Drawing {
  items: Map<string, SVGGElement>;
  edges: Map<string, SVGPathElement>;
  scene?: Scene;
}

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number> = {},
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(svgNs, tag);
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name, String(value));
  }
  return element;
}

export function draw(drawing: Drawing, root: SVGSVGElement, scene: Scene): void {
  // At most its natural size, and scaled down to the panel's width when that is narrower.
  root.setAttribute('width', '100%');
  root.setAttribute('viewBox', `0 0 ${scene.width} ${scene.height}`);
  root.style.maxWidth = `${scene.width}px`;
  const itemLayer = root.querySelector<SVGGElement>('#items')!;
  const edgeLayer = root.querySelector<SVGGElement>('#edges')!;
  const byId = new Map(scene.items.map((item) => [item.id, item]));
  sync(
    drawing.items,
    scene.items,
    itemLayer,
    JSON.stringify,
    (item, element) => drawItem(element, item),
    () => svg('g'),
  );
  const place = (id: string): string => {
    const item = byId.get(id);
    return item ? `${item.x},${item.y},${item.w},${item.h}` : '';
  };
  sync(
    drawing.edges,
    scene.edges.filter((edge) => byId.has(edge.from) && byId.has(edge.to)),
    edgeLayer,
    (edge) => `${edge.kind} ${edge.tone} ${place(edge.from)} ${place(edge.to)}`,
    (edge, element) => drawEdge(element, edge, byId),
    () => svg('path'),
  );
  drawing.scene = scene;
}

/**
 * Updates elements that changed, creates new ones in order, and fades out the rest. What an
 * element was drawn from is remembered (`look`), so a readiness flip among a thousand endpoints
 * touches the few elements it changes.
 */
function sync<T extends { id: string }, E extends SVGElement>(
  elements: Map<string, E>,
  list: readonly T[],
  layer: SVGGElement,
  look: (value: T) => string,
  update: (value: T, element: E) => void,
  create: () => E,
): void {
  const keep = new Set(list.map((value) => value.id));
  for (const [id, element] of elements) {
    if (!keep.has(id)) {
      elements.delete(id);
      element.classList.add('leaving');
      element.removeAttribute('tabindex');
      setTimeout(() => element.remove(), 250);
    }
  }
  for (const value of list) {
    let element = elements.get(value.id);
    if (!element) {
      element = create();
      element.dataset['id'] = value.id;
      element.classList.add('entering');
      layer.appendChild(element);
      elements.set(value.id, element);
      const entering = element;
      requestAnimationFrame(() => entering.classList.remove('entering'));
    }
    const drawnFrom = look(value);
    if (drawn.get(element) !== drawnFrom) {
      drawn.set(element, drawnFrom);
      update(value, element);
    }
  }
}

const drawn = new WeakMap<SVGElement, string>();

function drawItem(g: SVGGElement, item: SceneItem): void {
  const interactive = item.target !== undefined || item.expandable !== undefined;
  g.setAttribute(
    'class',
    `item col-${item.column} tone-${item.tone}${interactive ? ' interactive' : ''}${item.expandable ? (item.expandable.expanded ? ' expanded' : ' collapsed') : ''}`,
  );
  g.style.transform = `translate(${item.x}px, ${item.y}px)`;
  g.dataset['flags'] = (item.flags ?? []).join(' ');
  g.setAttribute('role', interactive ? 'button' : 'img');
  g.setAttribute('aria-label', [...item.lines, ...(item.flags ?? [])].filter(Boolean).join(', '));
  if (interactive) {
    g.setAttribute('tabindex', '0');
  } else {
    g.removeAttribute('tabindex');
  }
  if (item.expandable) {
    g.setAttribute('aria-expanded', String(item.expandable.expanded));
  } else {
    g.removeAttribute('aria-expanded');
  }
  let box = g.querySelector<SVGRectElement>('rect.box');
  if (!box) {
    box = svg('rect', { class: 'box', rx: 4 });
    g.append(box, svg('rect', { class: 'stripe', x: 0, y: 0, width: 4 }));
  }
  const plain = item.column === 'family' || item.id === 'outsiders' || item.id === 'outsiders:more';
  box.setAttribute('width', String(item.w));
  box.setAttribute('height', String(item.h));
  box.classList.toggle('plain', plain);
  g.querySelector('rect.stripe')!.setAttribute('height', String(plain ? 0 : item.h));
  drawLines(g, item);
  drawCounts(g, item);
}

function drawLines(g: SVGGElement, item: SceneItem): void {
  const texts = [...g.querySelectorAll<SVGTextElement>('text')];
  item.lines.forEach((line, index) => {
    let text = texts[index];
    if (!text) {
      text = svg('text', { class: index === 0 ? 'title' : 'detail' });
      g.appendChild(text);
    }
    text.setAttribute('x', '10');
    text.setAttribute('y', String(13 + index * 16));
    if (text.textContent !== line) {
      text.textContent = line;
    }
  });
  texts.slice(item.lines.length).forEach((text) => text.remove());
}

/** A group's ready / serving / not ready split as a bar along its bottom edge. */
function drawCounts(g: SVGGElement, item: SceneItem): void {
  const bar = g.querySelector<SVGGElement>('g.bar');
  if (!item.counts) {
    bar?.remove();
    return;
  }
  const group = bar ?? g.appendChild(svg('g', { class: 'bar' }));
  const total = item.counts.ready + item.counts.serving + item.counts.notReady || 1;
  let x = 8;
  const width = item.w - 16;
  (['ready', 'serving', 'notReady'] as const).forEach((state, index) => {
    const part =
      group.children[index] ?? group.appendChild(svg('rect', { class: `part tone-${state}`, height: 3 }));
    const w = (width * item.counts![state]) / total;
    part.setAttribute('x', String(x));
    part.setAttribute('y', String(item.h - 5));
    part.setAttribute('width', String(w));
    x += w;
  });
}

/**
 * A curve from the right side of `from` to the left side of `to`. On a tall box (a node over
 * many rows) the line meets the box level with the other end, so lines stay straight where they
 * can. A hint runs back from the zone's left side to the endpoint's right side along the gap
 * above the endpoint's row, so it crosses the pods and nodes between their boxes, not over them.
 */
function drawEdge(path: SVGPathElement, edge: SceneEdge, byId: Map<string, SceneItem>): void {
  const from = byId.get(edge.from)!;
  const to = byId.get(edge.to)!;
  const clamp = (value: number, item: SceneItem): number =>
    Math.min(Math.max(value, item.y + 8), item.y + item.h - 8);
  if (edge.kind === 'hint') {
    const gap = to.y - 3;
    const [zx, zy, ex, ey] = [from.x, clamp(gap, from), to.x + to.w, to.y + 8];
    path.setAttribute(
      'd',
      `M${zx},${zy} C${zx - 16},${zy} ${zx - 16},${gap} ${zx - 32},${gap} L${ex + 32},${gap} C${ex + 16},${gap} ${ex + 16},${ey} ${ex},${ey}`,
    );
  } else {
    const centre = to.y + Math.min(to.h, 34) / 2;
    const fromY = clamp(centre, from);
    const toY = clamp(fromY, to);
    const [x1, x2] = [from.x + from.w, to.x];
    const bend = Math.max(24, (x2 - x1) / 2);
    path.setAttribute('d', `M${x1},${fromY} C${x1 + bend},${fromY} ${x2 - bend},${toY} ${x2},${toY}`);
  }
  path.setAttribute('class', `edge ${edge.kind} tone-${edge.tone}`);
  path.dataset['from'] = edge.from;
  path.dataset['to'] = edge.to;
}
