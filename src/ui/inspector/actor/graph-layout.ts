/**
 * A small layered layout for state diagrams (top to bottom), made by hand because the graphs
 * are small (a dozen states) and a layout library would weigh more than the whole app shell.
 *
 * Theory of operation: each container (the root, then every compound state) is laid out on its
 * own, children first, so a compound state is a box of the size of its inner layout. Inside a
 * container, edges between descendants are lifted to the container's children; a depth-first
 * search from the initial child (then from the others, in declaration order) marks back edges,
 * and the remaining acyclic graph gets longest-path layers. Layers are rows, centred; nodes keep
 * declaration order within a row. Edges are then drawn between the real boxes: forward edges
 * as curves downward, back edges as curves bowing out to the side. Last, the edge labels are
 * placed: each beside its edge (right of it, else left of it; back edges: right of the bow's
 * apex), moved down or up in steps of a third of a line until it covers no state box and no label
 * placed before it, and the diagram grows to hold them. Sizes assume the component's fonts
 * (12.5 px states, 12 px labels), so the diagram is drawn at 1:1 and stays readable.
 *
 * A narrow panel (the inspector at 1280×720) passes `maxWidth`: a row wider than that is wrapped
 * into several rows, the narrow states first and to the left, the widest last and centred, so
 * the edges coming down the middle into it pass beside the wrapped states; labels that would end
 * past `maxWidth` move left. Back edges bow out right of every box between their ends, so a
 * wrapped row never puts a box in their way.
 */
import type { GraphEdge, MachineGraph } from './machine-graph.ts';

export interface Box {
  id: string;
  label: string;
  x: number;
  y: number;
  width: number;
  height: number;
  compound: boolean;
  depth: number;
}

export interface RoutedEdge {
  id: string;
  /** SVG path data. */
  d: string;
  labelX: number;
  labelY: number;
  label: string;
  /** All events, for the tooltip. */
  title: string;
  back: boolean;
  fromAny: boolean;
  source?: string;
  target: string;
}

/** The words a diagram shows (default: the code names, for tests and tools). */
export interface DiagramWords {
  /** A state's name by its key. */
  state?: (key: string) => string;
  /** A transition's label by its events (`NET.PACKET [connackAccepted]`, ...); `fromAny` for one from any state. */
  edge?: (events: string[], fromAny: boolean) => string;
  /** A transition's tooltip by its events. */
  edgeTitle?: (events: string[]) => string;
}

/** How a diagram is fitted (default: as wide as its rows and labels need). */
export interface FitOptions {
  /** The widest the diagram may be, in diagram pixels (at 1:1, CSS pixels). */
  maxWidth?: number;
}

/**
 * The smallest scale the component may draw a diagram at: 12 px labels stay 11 px or more. A
 * panel `w` px wide fits a diagram of `w / MIN_SCALE` diagram pixels.
 */
export const MIN_SCALE = 11.04 / 12;

export interface DiagramLayout {
  width: number;
  height: number;
  boxes: Box[];
  edges: RoutedEdge[];
}

/** Average advance of a character of the state font (12.5 px sans, bold when current). */
const CHAR_PX = 7.5;
/** Average advance of a character of the edge label font (12 px sans). */
const LABEL_CHAR_PX = 6.9;
const LABEL_H = 15;
const NODE_H = 28;
const NODE_PAD_X = 12;
const GAP_X = 22;
const GAP_Y = 46;
const COMPOUND_PAD = 10;
const COMPOUND_HEADER = 18;
const MARGIN = 16;
/** Room above the diagram for edges that come from any state. */
const FROM_ANY_ROOM = 26;
/** Back edges bow out to the right of the boxes: the room they need. */
const SIDE_ROOM = 56;

interface Sized {
  id: string;
  width: number;
  height: number;
  /** Child positions relative to this node's top-left (compound only). */
  inner: Map<string, { x: number; y: number }>;
}

/** Lay out `graph`, its states and transitions named by `words` (default: as in the code). */
export function layoutDiagram(graph: MachineGraph, words: DiagramWords = {}, fit: FitOptions = {}): DiagramLayout {
  const maxWidth = fit.maxWidth ?? Infinity;
  const stateLabel = words.state ?? ((key: string) => key);
  const edgeLabel = words.edge ?? shortLabel;
  const edgeTitle = words.edgeTitle ?? ((events: string[]) => events.join('\n'));
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const parentOf = (id: string) => byId.get(id)?.parent;
  const depthOf = (id: string): number => {
    let d = 0;
    for (let p = parentOf(id); p !== undefined; p = parentOf(p)) d++;
    return d;
  };
  /** The ancestor-or-self of `id` that is a direct child of `container` (undefined = root). */
  const liftTo = (id: string, container: string | undefined): string | undefined => {
    let cur: string | undefined = id;
    while (cur !== undefined && parentOf(cur) !== container) cur = parentOf(cur);
    return cur;
  };

  const sized = new Map<string, Sized>();
  const layoutContainer = (container: string | undefined, children: string[], initial: string | undefined, limit: number): { width: number; height: number; pos: Map<string, { x: number; y: number }> } => {
    for (const c of children) sizeNode(c, limit - 2 * COMPOUND_PAD);
    // Lifted edges among the children.
    const succ = new Map<string, string[]>(children.map((c) => [c, []]));
    for (const e of graph.edges) {
      if (e.source === undefined) continue;
      const a = liftTo(e.source, container);
      const b = liftTo(e.target, container);
      if (a === undefined || b === undefined || a === b) continue;
      if (!succ.get(a)!.includes(b)) succ.get(a)!.push(b);
    }
    // Back edges by DFS from the initial child, then the rest.
    const state = new Map<string, 'open' | 'done'>();
    const back = new Set<string>();
    const dfs = (n: string) => {
      state.set(n, 'open');
      for (const m of succ.get(n)!) {
        const s = state.get(m);
        if (s === 'open') back.add(`${n}->${m}`);
        else if (s === undefined) dfs(m);
      }
      state.set(n, 'done');
    };
    const order = initial && children.includes(initial) ? [initial, ...children.filter((c) => c !== initial)] : children;
    for (const c of order) if (!state.has(c)) dfs(c);
    // Longest-path layers over forward edges (bounded: at most n passes).
    const layer = new Map<string, number>(children.map((c) => [c, 0]));
    for (let pass = 0; pass < children.length; pass++) {
      let changed = false;
      for (const [a, bs] of succ) {
        for (const b of bs) {
          if (back.has(`${a}->${b}`)) continue;
          if (layer.get(b)! < layer.get(a)! + 1) {
            layer.set(b, layer.get(a)! + 1);
            changed = true;
          }
        }
      }
      if (!changed) break;
    }
    const layers: string[][] = [];
    for (const c of children) (layers[layer.get(c)!] ??= []).push(c);
    const rowWidth = (r: string[]) => r.reduce((w, id) => w + sized.get(id)!.width, 0) + GAP_X * Math.max(0, r.length - 1);
    // Each layer is a row, or several when it is wider than the limit; a wrapped row is marked
    // (its states go to the left, out of the way of edges coming down the middle).
    const rows: { ids: string[]; wrapped: boolean }[] = [];
    for (const l of layers) {
      if (!l) continue;
      const sub = wrapRow(l, (id) => sized.get(id)!.width, limit);
      sub.forEach((ids, i) => rows.push({ ids, wrapped: i < sub.length - 1 }));
    }
    const rowWidths = rows.map((r) => rowWidth(r.ids));
    const width = Math.max(0, ...rowWidths);
    const pos = new Map<string, { x: number; y: number }>();
    let y = 0;
    rows.forEach(({ ids: row, wrapped }, i) => {
      const rowHeight = Math.max(...row.map((id) => sized.get(id)!.height));
      let x = wrapped ? 0 : (width - rowWidths[i]!) / 2;
      for (const id of row) {
        const s = sized.get(id)!;
        pos.set(id, { x, y: y + (rowHeight - s.height) / 2 });
        x += s.width + GAP_X;
      }
      y += rowHeight + GAP_Y;
    });
    return { width, height: Math.max(0, y - GAP_Y), pos };
  };
  function sizeNode(id: string, limit: number): void {
    const n = byId.get(id)!;
    if (n.children.length === 0) {
      sized.set(id, { id, width: Math.max(64, stateLabel(n.key).length * CHAR_PX + 2 * NODE_PAD_X), height: NODE_H, inner: new Map() });
      return;
    }
    const inner = layoutContainer(id, n.children, n.initial, limit);
    const labelWidth = stateLabel(n.key).length * CHAR_PX + 2 * NODE_PAD_X;
    sized.set(id, {
      id,
      width: Math.max(inner.width + 2 * COMPOUND_PAD, labelWidth),
      height: inner.height + 2 * COMPOUND_PAD + COMPOUND_HEADER,
      inner: inner.pos,
    });
  }

  const top = graph.nodes.filter((n) => n.parent === undefined).map((n) => n.id);
  const hasFromAny = graph.edges.some((e) => e.source === undefined);
  const root = layoutContainer(undefined, top, graph.initial, maxWidth - 2 * MARGIN - SIDE_ROOM);
  const offsetY = MARGIN + (hasFromAny ? FROM_ANY_ROOM : 0);
  const boxes: Box[] = [];
  const place = (id: string, x: number, y: number) => {
    const s = sized.get(id)!;
    const n = byId.get(id)!;
    boxes.push({ id, label: stateLabel(n.key), x, y, width: s.width, height: s.height, compound: n.children.length > 0, depth: depthOf(id) });
    if (n.children.length > 0) {
      const innerWidth = Math.max(0, ...[...s.inner.entries()].map(([cid, p]) => p.x + sized.get(cid)!.width));
      const dx = (s.width - innerWidth) / 2;
      for (const [cid, p] of s.inner) place(cid, x + dx + p.x, y + COMPOUND_PAD + COMPOUND_HEADER + p.y);
    }
  };
  for (const [id, p] of root.pos) place(id, MARGIN + p.x, offsetY + p.y);
  const boxById = new Map(boxes.map((b) => [b.id, b]));
  let backIndex = 0;
  const edges = graph.edges.map((e) => routeEdge({ ...e, label: edgeLabel(e.events, e.source === undefined), title: edgeTitle(e.events) }, boxById, boxes, () => backIndex++));
  // Forward labels first: they set the width; a back edge's label (shown when the edge is taken
  // or hovered) then fits inside it.
  const front = edges.filter((e) => !e.back);
  const labelRight = placeLabels(front, boxes, [], Math.max(root.width + 2 * MARGIN + SIDE_ROOM, maxWidth) - MARGIN);
  const width = Math.max(root.width + 2 * MARGIN + SIDE_ROOM, labelRight + MARGIN);
  placeLabels(edges.filter((e) => e.back), boxes, front.map(labelRect), width - MARGIN / 2);
  const height = Math.max(root.height + offsetY + MARGIN, ...edges.map((e) => e.labelY + LABEL_H / 2 + MARGIN));
  return { width, height, boxes, edges };
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The rectangle a label covers (`labelY` is its baseline, text anchored at its start). */
export function labelRect(e: Pick<RoutedEdge, 'labelX' | 'labelY' | 'label'>): Rect {
  return { x: e.labelX - 2, y: e.labelY - LABEL_H + 4, width: e.label.length * LABEL_CHAR_PX + 4, height: LABEL_H };
}

/**
 * Place each label (in order) where it covers no state box (a compound state's header only) and
 * no label placed before it: right of its edge, else left of it (forward edges), moved down or up
 * a third of a line at a time; bounded. A label that would end right of `maxRight` moves left
 * first. Returns the right end of the rightmost label.
 */
function placeLabels(edges: RoutedEdge[], boxes: Box[], placedBefore: Rect[], maxRight: number): number {
  const obstacles: Rect[] = boxes.map((b) => (b.compound ? { x: b.x, y: b.y, width: b.width, height: COMPOUND_HEADER + 2 } : b));
  const placed: Rect[] = [...placedBefore];
  const free = (r: Rect) => r.y >= 0 && r.x >= 0 && !obstacles.some((o) => overlaps(o, r)) && !placed.some((p) => overlaps(p, r));
  let right = 0;
  for (const e of edges) {
    const textWidth = labelRect(e).width;
    const rightOf = Math.max(2, Math.min(e.labelX, maxRight - textWidth + 2));
    // Left of the edge: the label ends a gap before the line (labelX is the line's x + 4).
    const leftOf = e.back || e.fromAny ? rightOf : e.labelX - 12 - textWidth;
    const baseY = e.labelY;
    let found = false;
    for (let i = 0; i < 60 && !found; i++) {
      const shift = (i % 2 === 0 ? 1 : -1) * Math.ceil(i / 2) * (LABEL_H / 3);
      for (const x of [rightOf, leftOf]) {
        e.labelX = x;
        e.labelY = baseY + shift;
        if (free(labelRect(e))) {
          found = true;
          break;
        }
      }
    }
    if (!found) {
      e.labelX = rightOf;
      e.labelY = baseY;
    }
    const r = labelRect(e);
    placed.push(r);
    right = Math.max(right, r.x + r.width);
  }
  return right;
}

/**
 * A layer's states as one row, or as several when wider than `limit`: the narrowest first,
 * packed greedily, the widest in the last row.
 */
function wrapRow(ids: string[], widthOf: (id: string) => number, limit: number): string[][] {
  const total = ids.reduce((w, id) => w + widthOf(id), 0) + GAP_X * Math.max(0, ids.length - 1);
  if (total <= limit || ids.length < 2) return [ids];
  const byWidth = [...ids].sort((a, b) => widthOf(a) - widthOf(b));
  const rows: string[][] = [];
  let row: string[] = [];
  let w = 0;
  for (const id of byWidth) {
    const add = widthOf(id) + (row.length > 0 ? GAP_X : 0);
    if (row.length > 0 && w + add > limit) {
      rows.push(row);
      row = [];
      w = 0;
    }
    w += widthOf(id) + (row.length > 0 ? GAP_X : 0);
    row.push(id);
  }
  rows.push(row);
  return rows;
}

function shortLabel(events: string[]): string {
  const names = [...new Set(events.map((e) => e.replace(/ \[.*\]$/, '')))];
  return names.length <= 1 ? (names[0] ?? '') : `${names[0]} +${names.length - 1}`;
}

function routeEdge(e: GraphEdge & { label: string; title: string }, boxes: Map<string, Box>, all: Box[], nextBack: () => number): RoutedEdge {
  const t = boxes.get(e.target)!;
  const base = { id: e.id, label: e.label, title: e.title, source: e.source, target: e.target };
  if (e.source === undefined) {
    // From any state: a short arrow coming down into the target from above.
    const x = t.x + t.width / 2;
    const y = t.y;
    return { ...base, d: `M ${x} ${y - FROM_ANY_ROOM + 4} L ${x} ${y - 2}`, labelX: x + 4, labelY: y - FROM_ANY_ROOM + 10, back: false, fromAny: true };
  }
  const s = boxes.get(e.source)!;
  const sCx = s.x + s.width / 2;
  const tCx = t.x + t.width / 2;
  const forward = t.y >= s.y + s.height - 1;
  if (forward) {
    const y1 = s.y + s.height;
    const y2 = t.y - 2;
    const x1 = sCx + Math.max(-s.width / 4, Math.min(s.width / 4, (tCx - sCx) / 3));
    const x2 = tCx + Math.max(-t.width / 4, Math.min(t.width / 4, (sCx - tCx) / 3));
    const my = (y1 + y2) / 2;
    return { ...base, d: `M ${x1} ${y1} C ${x1} ${my} ${x2} ${my} ${x2} ${y2}`, labelX: (x1 + x2) / 2 + 4, labelY: my + 3, back: false, fromAny: false };
  }
  const sideBySide = Math.abs(s.y - t.y) < 4;
  if (sideBySide) {
    // Same row: a horizontal curve, bowing down.
    const leftToRight = tCx > sCx;
    const x1 = leftToRight ? s.x + s.width : s.x;
    const x2 = leftToRight ? t.x - 2 : t.x + t.width + 2;
    const y = s.y + s.height / 2;
    return { ...base, d: `M ${x1} ${y} C ${x1} ${y + 20} ${x2} ${y + 20} ${x2} ${y}`, labelX: (x1 + x2) / 2, labelY: y + 22, back: false, fromAny: false };
  }
  // Upward (a back edge): leave from the right side, bow out to the right of every box between
  // its ends (except the states holding both), enter from the right; its label sits right of the
  // bow's apex.
  const k = nextBack();
  const x1 = s.x + s.width;
  const y1 = s.y + s.height / 2;
  const x2 = t.x + t.width + 2;
  const y2 = t.y + t.height / 2 + ((k % 3) - 1) * 4;
  const holdsBoth = (b: Box) => s.id.startsWith(`${b.id}.`) && t.id.startsWith(`${b.id}.`);
  const inTheWay = all.filter((b) => b !== s && b !== t && !holdsBoth(b) && b.y < y1 && b.y + b.height > y2).map((b) => b.x + b.width);
  const bow = Math.max(x1, x2, ...inTheWay) + 16 + (k % 5) * 7;
  // The cubic's point at t = 1/2.
  const apexX = 0.125 * x1 + 0.75 * bow + 0.125 * x2;
  return {
    ...base,
    d: `M ${x1} ${y1} C ${bow} ${y1} ${bow} ${y2} ${x2} ${y2}`,
    labelX: apexX + 4,
    labelY: (y1 + y2) / 2 + 4,
    back: true,
    fromAny: false,
  };
}
