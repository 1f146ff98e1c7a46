/**
 * Where the broker and the clients stand on the stage: the broker in the middle, the clients
 * evenly around it on an ellipse that fills the panel (two rings, alternating, when there are
 * many), in the order the scenario declared them. Pure and deterministic: the same names and
 * size always give the same picture, so a step back never moves a node.
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

/** Above this many clients, nodes shrink and the state word moves into a legend. */
export const DENSE_FROM = 13;
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

/** The layout for `names` on a stage of `width` x `height` pixels. */
export function stageLayout(names: readonly string[], width: number, height: number): StageLayout {
  const w = Math.max(width, 240);
  const h = Math.max(height, 160);
  const dense = names.length >= DENSE_FROM;
  const nodeRadius = dense ? 10 : 15;
  const broker = { x: w / 2, y: h / 2 };
  // Room for the labels: names beside the nodes on the left and right, above/below at the poles.
  const marginX = dense ? 74 : 84;
  const marginY = dense ? 26 : 48;
  const rx = Math.max(w / 2 - marginX, 60);
  const ry = Math.max(h / 2 - marginY, 40);
  const n = names.length;
  // Equal distances along the ellipse (not equal angles): on a wide stage, equal angles would
  // crowd the clients at the left and right ends.
  const angles = equalArcAngles(n, rx, ry, n > 8 ? 0.5 : 0);
  const clients = names.map((name, i) => {
    const angle = angles[i]!;
    const x = broker.x + rx * Math.cos(angle);
    const y = broker.y + ry * Math.sin(angle);
    return { name, angle, x, y, ...labelFor(angle, x, y, nodeRadius, dense, dense && i % 2 === 1) };
  });
  return { width: w, height: h, broker, brokerHalf: { w: 40, h: 17 }, clients, nodeRadius, dense };
}

function labelFor(angle: number, x: number, y: number, r: number, dense: boolean, inward: boolean): Pick<ClientPlace, 'labelX' | 'labelY' | 'labelAnchor'> {
  const cos = Math.cos(angle);
  // Near the top or bottom: centred above or below the node; else beside it, outward. The
  // label is the name, and below it (unless dense) the state word, 12 px lower. When crowded,
  // every other label goes inward (towards the broker), so neighbours' names do not collide.
  if (Math.abs(cos) < 0.45) {
    const top = Math.sin(angle) < 0 !== inward;
    const above = y - r - (dense ? 5 : 18);
    return { labelX: x, labelY: top ? above : y + r + 12, labelAnchor: 'middle' };
  }
  const right = cos > 0 !== inward;
  return { labelX: x + (right ? r + 5 : -(r + 5)), labelY: dense ? y + 4 : y - 2, labelAnchor: right ? 'start' : 'end' };
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
