/**
 * Where the broker and the clients stand on the stage: the broker in the middle, the clients
 * evenly around it on an ellipse that fills the panel, in the order the scenario declared them;
 * each name outside its node, where it covers no node and no other name (long names end in
 * "…", the tooltip has them in full). Pure and deterministic: the same names and size always
 * give the same picture, so a step back never moves a node.
 */

export interface Point {
  x: number;
  y: number;
}

export interface ClientPlace extends Point {
  name: string;
  /** Angle from the broker, radians (0 = right, clockwise on screen). */
  angle: number;
  /** Where the name goes: outside the node, away from the broker. */
  labelX: number;
  labelY: number;
  labelAnchor: 'start' | 'middle' | 'end';
  /** The name as drawn: shortened with "…" when long (the full name is in the tooltip). */
  label: string;
  /** Where the name (and its state word under it) is drawn, as the layout reserved it. */
  labelBox: Box;
}

export interface StageLayout {
  width: number;
  height: number;
  broker: Point;
  /** Half width and half height of the broker box. */
  brokerHalf: { w: number; h: number };
  clients: ClientPlace[];
  /** Node radius: smaller when crowded. */
  nodeRadius: number;
  /** True when there are too many clients for a state word under each name. */
  dense: boolean;
}

/** Room for names between the ring of clients and the stage's edge (dense: beside, above and below). */
export const RING_MARGIN = { x: 74, y: 48 };
/** Above this many clients, nodes shrink and the state word moves into a legend. */
export const DENSE_FROM = 13;
/** Longest name drawn in full (characters); longer ones end in "…". */
export const NAME_MAX = 14;
export const NAME_MAX_DENSE = 10;
/** Longest text drawn for a group ("sensor × 200"). */
const GROUP_TEXT_MAX = 22;

/** `name` shortened to at most `max` characters, ending in "…" when cut. */
export function shortName(name: string, max: number): string {
  const chars = [...name];
  return chars.length <= max ? name : `${chars.slice(0, max - 1).join('')}…`;
}
/** Samples of the ellipse when spacing clients along it. */
const ARC_SAMPLES = 720;

/**
 * `n` angles (radians, starting at the top, clockwise on screen) that split the ellipse
 * (rx, ry) into equal arcs; `offset` shifts them by a fraction of one arc.
 */
export function equalArcAngles(n: number, rx: number, ry: number, offset = 0): number[] {
  if (n === 0) return [];
  const cumulative = new Float64Array(ARC_SAMPLES + 1);
  const at = (k: number) => -Math.PI / 2 + (2 * Math.PI * k) / ARC_SAMPLES;
  for (let k = 1; k <= ARC_SAMPLES; k++) {
    const a = at(k - 1);
    const b = at(k);
    cumulative[k] = cumulative[k - 1]! + Math.hypot(rx * (Math.cos(b) - Math.cos(a)), ry * (Math.sin(b) - Math.sin(a)));
  }
  const total = cumulative[ARC_SAMPLES]!;
  const out: number[] = [];
  let k = 0;
  for (let i = 0; i < n; i++) {
    const target = (total * (i + offset)) / n;
    while (k < ARC_SAMPLES && cumulative[k + 1]! < target) k++;
    const span = cumulative[k + 1]! - cumulative[k]! || 1;
    out.push(at(k) + ((target - cumulative[k]!) / span) * ((2 * Math.PI) / ARC_SAMPLES));
  }
  return out;
}

export interface LayoutOptions {
  /** The text drawn for a key that is not a client's name (a group's "sensor × 200"). */
  texts?: ReadonlyMap<string, string>;
  /** Areas drawn over the stage that names keep clear of (the "packets in flight" line in its corner). */
  reserved?: readonly Box[];
  /**
   * A name's width in pixels as the browser draws it (12 px, bold), for a stage that is not
   * dense; without it, a fixed width per character (a guess: fonts differ by 15 %).
   */
  measure?: (text: string) => number;
  /** The widest state word under a name ("disconnected", "abgestürzt"), in pixels: a name's box is at least that wide. */
  stateWordPx?: number;
}

/** Room above and below the ring for a name over or under a node at the top or bottom. */
const POLE_NAME_PX = RING_MARGIN.y;
/** A short or narrow stage keeps the ring at least this far from the broker (its margins give way). */
const SHORT_RING_PX = 80;
/** Up to this many clients the top and bottom nodes stand alone, with room for their names beside them. */
const COMPACT_MAX = 6;

/**
 * The half axes of the ellipse the clients stand on (`rx`, `ry`), for `names` on a stage of
 * `width` x `height` pixels: the stage less its margins for the names. The zoom keeps a point of
 * the ring under the pointer with them (zoom.svelte.ts): the margins depend on the stage's size
 * (a short stage lets them give way), so the ring does not simply grow with the zoom.
 */
export function ringRadii(names: readonly string[], width: number, height: number, options: LayoutOptions = {}): { rx: number; ry: number } {
  const { rx, ry } = ringOf(names, width, height, options);
  return { rx, ry };
}

/** The ring and what stageLayout measures names with. */
function ringOf(names: readonly string[], width: number, height: number, options: LayoutOptions) {
  const w = Math.max(width, 240);
  const h = Math.max(height, 160);
  const dense = names.length >= DENSE_FROM;
  // Room for the labels: names beside the nodes on the left and right, above/below at the poles
  // (a name with its state word; when crowded, up to three rows of names).
  // Group texts ("dashboard × 3") are longer than names: room for the longest beside its node.
  const longest = Math.max(0, ...[...(options.texts?.values() ?? [])].map((t) => [...t].length));
  const measured = !dense && options.measure ? options.measure : undefined;
  const stateWordPx = dense ? 0 : (options.stateWordPx ?? 0);
  /** A name's width, measured or guessed; its label's box is at least as wide as the widest state word under it. */
  const namePx = (label: string, charPx: number) => (measured ? measured(label) : [...label].length * charPx);
  const labelPx = (label: string, charPx: number) => Math.max(namePx(label, charPx), stateWordPx);
  // Measured names: room beside the ring for the widest one at the left or right (up to a quarter of the stage).
  const widest = measured ? Math.max(0, ...names.map((name) => labelPx(shortName(options.texts?.get(name) ?? name, NAME_MAX), 0))) : 0;
  const besideMargin = Math.max(dense ? RING_MARGIN.x : 84, Math.min(w / 4, Math.max(longest * (dense ? 6.2 : 7.2) + 30, widest + 15 + 5 + 4)));
  // A short or narrow stage (1280x720 in projector mode, a phone): rather than squeeze the ring
  // to a line, it keeps at least SHORT_RING_PX from the broker, out to a node's size from the
  // edge; the names at the top and bottom then go beside their nodes, those at the sides above or
  // below (placeLabel finds no room where the margin was). Continuous in the stage's size, so
  // zooming in never makes the ring jump. Only a few clients (a crowd needs the margins).
  const few = names.length <= COMPACT_MAX;
  const widestGuess = () => Math.max(0, ...names.map((name) => labelPx(shortName(options.texts?.get(name) ?? name, NAME_MAX), 7.2)));
  const marginX = few ? Math.min(besideMargin, Math.max(15 + 6, widestGuess() / 2 + 4, w / 2 - SHORT_RING_PX)) : besideMargin;
  const marginY = few ? Math.min(POLE_NAME_PX, Math.max(15 + 6, h / 2 - SHORT_RING_PX)) : POLE_NAME_PX;
  const rx = Math.max(w / 2 - marginX, 60);
  const ry = Math.max(h / 2 - marginY, 40);
  return { w, h, dense, rx, ry, namePx, labelPx };
}

/**
 * The layout for `names` (client names or group keys) on a stage of `width` x `height` pixels.
 * A crowd (more than `CROWD_FROM`) stands on up to four staggered rings with smaller nodes, and
 * a name that finds no free place is not drawn (level of detail: a larger stage, as when
 * zoomed in, has room for more of them).
 */
export function stageLayout(names: readonly string[], width: number, height: number, options: LayoutOptions = {}): StageLayout {
  const { w, h, dense, rx, ry, namePx, labelPx } = ringOf(names, width, height, options);
  const crowd = names.length > CROWD_FROM;
  const broker = { x: w / 2, y: h / 2 };
  const n = names.length;
  const rings = crowd ? Math.min(MAX_RINGS, Math.max(1, Math.ceil((n * CROWD_GAP_PX) / ellipsePerimeter(rx, ry)))) : 1;
  const nodeRadius = crowd ? crowdRadius(n, rings, rx, ry) : dense ? 10 : 15;
  // Equal distances along the ellipse (not equal angles): on a wide stage, equal angles would
  // crowd the clients at the left and right ends. A crowd alternates between the rings.
  const angles = equalArcAngles(n, rx, ry, n > 8 ? 0.5 : 0);
  const points = angles.map((angle, i) => {
    const scale = 1 - RING_STEP * (i % rings);
    return { angle, x: broker.x + rx * scale * Math.cos(angle), y: broker.y + ry * scale * Math.sin(angle) };
  });
  const nodeGrid = new BoxGrid();
  points.forEach((p) => nodeGrid.add({ x0: p.x - nodeRadius, x1: p.x + nodeRadius, y0: p.y - nodeRadius, y1: p.y + nodeRadius }));
  const taken = new BoxGrid();
  for (const box of options.reserved ?? []) taken.add(box);
  // A name must stay on the stage as it is drawn (it may be shorter than the layout's least height).
  const stage = { width: w, height: Math.min(h, Math.max(height, 1)) };
  const clients = names.map((name, i) => {
    const { angle, x, y } = points[i]!;
    const drawn = options.texts?.get(name);
    // In a crowd, names are measured generously (bold glyphs and their halo as the browser draws them).
    const text = { name: drawn ?? name, maxChars: drawn ? GROUP_TEXT_MAX : dense ? NAME_MAX_DENSE : NAME_MAX, charPx: crowd ? 6.8 : dense ? 6.2 : 7.2, height: crowd ? CROWD_LINE_PX : dense ? 11 : 28, ascent: dense ? 10 : 13 };
    const place = placeLabel(candidates(angle, x, y, nodeRadius, dense, crowd ? CROWD_LINE_PX : 11), text, stage, taken, { grid: nodeGrid, r: nodeRadius }, crowd, {
      name: (label) => namePx(label, text.charPx),
      box: (label) => labelPx(label, text.charPx),
    });
    if (place.label !== '') taken.add(place.box);
    return { name, angle, x, y, label: place.label, labelX: place.labelX, labelY: place.labelY, labelAnchor: place.labelAnchor, labelBox: place.box };
  });
  return { width: w, height: h, broker, brokerHalf: { w: 40, h: 17 }, clients, nodeRadius, dense };
}

/** Above this many nodes, the stage is a crowd: rings, small nodes, names where they fit. */
export const CROWD_FROM = 30;
const MAX_RINGS = 4;
/** How much smaller each inner ring is than the one outside it. */
const RING_STEP = 0.2;
/** Wanted distance between neighbours of a crowd, in pixels (more rings until it is met). */
const CROWD_GAP_PX = 14;
/** Height of a name's box in a crowd (10.5 px bold with its 3 px halo, as laid out). */
const CROWD_LINE_PX = 16;

/** Ramanujan's approximation of an ellipse's perimeter. */
function ellipsePerimeter(rx: number, ry: number): number {
  return Math.PI * (3 * (rx + ry) - Math.sqrt((3 * rx + ry) * (rx + 3 * ry)));
}

/** Node radius of a crowd: half the distance to the nearest neighbour, between 2 and 8 px. */
function crowdRadius(n: number, rings: number, rx: number, ry: number): number {
  const innermost = 1 - RING_STEP * (rings - 1);
  const along = (ellipsePerimeter(rx, ry) * innermost * rings) / n;
  const across = rings > 1 ? RING_STEP * ry : Infinity;
  return Math.max(2, Math.min(8, Math.floor(Math.min(along, across) / 2 - 1)));
}

/**
 * Boxes bucketed in a grid of `CELL` pixels, to find those near a box without looking at every
 * one (a crowd of 1,000 nodes and names).
 */
class BoxGrid {
  static readonly CELL = 48;
  readonly boxes: Box[] = [];
  readonly #cells = new Map<number, number[]>();
  #stamp: number[] = [];
  #query = 0;

  add(box: Box): void {
    const index = this.boxes.length;
    this.boxes.push(box);
    this.#stamp.push(0);
    this.#eachCell(box, (key) => {
      const cell = this.#cells.get(key);
      if (cell) cell.push(index);
      else this.#cells.set(key, [index]);
    });
  }

  /** Every box whose cells meet those of `box` (each once). */
  near(box: Box, visit: (b: Box) => void): void {
    const q = ++this.#query;
    this.#eachCell(box, (key) => {
      for (const i of this.#cells.get(key) ?? []) {
        if (this.#stamp[i] === q) continue;
        this.#stamp[i] = q;
        visit(this.boxes[i]!);
      }
    });
  }

  #eachCell(box: Box, f: (key: number) => void): void {
    const c = BoxGrid.CELL;
    for (let gx = Math.floor(box.x0 / c); gx <= Math.floor(box.x1 / c); gx++) {
      for (let gy = Math.floor(box.y0 / c); gy <= Math.floor(box.y1 / c); gy++) f((gx + 4096) * 8192 + (gy + 4096));
    }
  }
}

type LabelPlace = Pick<ClientPlace, 'labelX' | 'labelY' | 'labelAnchor'>;

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * Where a node's name may go, best first. Always outward, away from the broker, where the
 * links and packets are not: beside the node, or above or below it near the top and bottom of
 * the ring. When crowded, above and below have further rows, each a line (`rowPx`) further out. The label
 * is the name, and below it (unless dense) the state word, 12 px lower.
 */
function candidates(angle: number, x: number, y: number, r: number, dense: boolean, rowPx: number): LabelPlace[] {
  const cos = Math.cos(angle);
  const side: LabelPlace = { labelX: x + (cos > 0 ? r + 5 : -(r + 5)), labelY: dense ? y + 4 : y - 2, labelAnchor: cos > 0 ? 'start' : 'end' };
  const rows = dense ? [0, rowPx, 2 * rowPx] : [0];
  const up = Math.sin(angle) < 0;
  const vertical = rows.map((out): LabelPlace => ({ labelX: x, labelY: up ? y - r - (dense ? 5 + out : 18) : y + r + 12 + out, labelAnchor: 'middle' }));
  // Near the top and bottom: above or below, else beside, on either side (a short stage has no
  // room above or below; the "packets in flight" line may take the right).
  if (Math.abs(cos) >= 0.45) return [side, ...vertical];
  const otherSide: LabelPlace = { labelX: 2 * x - side.labelX, labelY: side.labelY, labelAnchor: side.labelAnchor === 'start' ? 'end' : 'start' };
  return [...vertical, side, otherSide];
}

function boxOf(p: LabelPlace, width: number, height: number, ascent: number): Box {
  const x0 = p.labelAnchor === 'start' ? p.labelX : p.labelAnchor === 'end' ? p.labelX - width : p.labelX - width / 2;
  return { x0, x1: x0 + width, y0: p.labelY - ascent, y1: p.labelY - ascent + height };
}

/** The room between the label's anchor and the stage's edge (`stageWidth`), in pixels. */
function roomTo(p: LabelPlace, stageWidth: number): number {
  return p.labelAnchor === 'start' ? stageWidth - p.labelX : p.labelAnchor === 'end' ? p.labelX : 2 * Math.min(p.labelX, stageWidth - p.labelX);
}

/** The longest shortening of `text.name` (at most `maxChars`, at least 4 characters) no wider than `roomPx`. */
function fittedName(text: NameText, roomPx: number, width: (label: string) => number): string {
  let chars = Math.max(4, Math.min(text.maxChars, Math.floor((roomPx - 2) / text.charPx)));
  let label = shortName(text.name, chars);
  // Measured widths: shorten further while the drawn name is still wider than the room.
  while (chars > 4 && width(label) > roomPx - 2) label = shortName(text.name, --chars);
  return label;
}

function overlap(a: Box, b: Box): number {
  return Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0)) * Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));
}

/** How deep a box reaches into a circle (0 when it does not touch it). */
export function intoCircle(b: Box, cx: number, cy: number, r: number): number {
  const dx = Math.max(b.x0 - cx, 0, cx - b.x1);
  const dy = Math.max(b.y0 - cy, 0, cy - b.y1);
  return Math.max(0, r * r - (dx * dx + dy * dy));
}

/** A name to place: at most `maxChars` characters of `charPx` pixels each, `height` tall. */
interface NameText {
  name: string;
  maxChars: number;
  charPx: number;
  height: number;
  /** How far it reaches above its baseline (a 12 px bold name with its halo: 13 px). */
  ascent: number;
}

/** The nodes a name must not cover: their bounding boxes in a grid, and their radius. */
interface NodeSet {
  grid: BoxGrid;
  r: number;
}

/**
 * The first candidate where the name covers no node and no name placed before; else the least
 * covering, or (`hideCovered`, in a crowd) no name at all (`label` is ''). At each, the name is
 * shortened to what fits on the stage (never below 4 characters).
 */
function placeLabel(
  options: LabelPlace[],
  text: NameText,
  stage: { width: number; height: number },
  taken: BoxGrid,
  nodes: NodeSet,
  hideCovered: boolean,
  width: { name: (label: string) => number; box: (label: string) => number },
): LabelPlace & { box: Box; label: string } {
  let best: (LabelPlace & { box: Box; label: string }) | undefined;
  let bestCover = Infinity;
  for (const option of options) {
    const label = fittedName(text, roomTo(option, stage.width), width.name);
    const box = boxOf(option, width.box(label), text.height, text.ascent);
    // Cut off at the top or bottom edge counts as covered; at the left or right edge too (a
    // state word wider than the shortened name), except in a crowd, whose names hide when covered.
    let cover = (Math.max(0, -box.y0) + Math.max(0, box.y1 - stage.height)) * (box.x1 - box.x0);
    if (!hideCovered) cover += (Math.max(0, -box.x0) + Math.max(0, box.x1 - stage.width)) * (box.y1 - box.y0);
    taken.near(box, (t) => (cover += overlap(box, t)));
    nodes.grid.near(box, (n) => (cover += intoCircle(box, (n.x0 + n.x1) / 2, (n.y0 + n.y1) / 2, nodes.r)));
    if (cover === 0) return { ...option, box, label };
    if (cover < bestCover) {
      best = { ...option, box, label };
      bestCover = cover;
    }
  }
  if (hideCovered) return { ...best!, label: '' };
  return best!;
}

/** Where a link starts and ends: from the broker box's edge to the client circle's edge. */
export function linkEnds(layout: StageLayout, client: Point): { x1: number; y1: number; x2: number; y2: number } {
  const { broker, brokerHalf, nodeRadius } = layout;
  const dx = client.x - broker.x;
  const dy = client.y - broker.y;
  const len = Math.hypot(dx, dy) || 1;
  // Leave the broker box where the ray from its centre crosses its border.
  const t = Math.min(brokerHalf.w / Math.abs(dx || 1e-9), brokerHalf.h / Math.abs(dy || 1e-9));
  return {
    x1: broker.x + dx * Math.min(t, 1),
    y1: broker.y + dy * Math.min(t, 1),
    x2: client.x - (dx / len) * nodeRadius,
    y2: client.y - (dy / len) * nodeRadius,
  };
}
