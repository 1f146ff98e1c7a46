/**
 * Labels on the stage stay readable when crowded: node names never cover each other or a node
 * (12 and 30 clients on the stage size of a 1280x720 screen), long names are shortened, and
 * packet labels that would overlap collapse into one "3 packets".
 */
import { describe, expect, it } from 'vitest';
import { intoCircle, NAME_MAX, shortName, stageLayout } from '../../src/ui/stage/layout.ts';
import { planLabels, type LabelSpot } from '../../src/ui/stage/packets.ts';

const names = (n: number) => Array.from({ length: n }, (_unused, i) => `client-${String(i + 1).padStart(n > 99 ? 4 : 2, '0')}`);

interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** The name boxes as the layout estimates them (the same character widths as the layout). */
function nameBoxes(n: number, width: number, height: number): { names: Box[]; nodes: Array<{ x: number; y: number; r: number }>; stage: Box } {
  const l = stageLayout(names(n), width, height);
  const charPx = l.dense ? 6.2 : 7.2;
  const lineH = l.dense ? 11 : 24;
  return {
    names: l.clients.map((c) => {
      const w = c.label.length * charPx;
      const x0 = c.labelAnchor === 'start' ? c.labelX : c.labelAnchor === 'end' ? c.labelX - w : c.labelX - w / 2;
      return { x0, x1: x0 + w, y0: c.labelY - 10, y1: c.labelY - 10 + lineH };
    }),
    nodes: l.clients.map((c) => ({ x: c.x, y: c.y, r: l.nodeRadius })),
    stage: { x0: 0, x1: l.width, y0: 0, y1: l.height },
  };
}

describe('stage labels', () => {
  for (const n of [12, 30]) {
    it(`${n} clients at 1280x720 (stage 620x245): no name covers another name or a node, all inside`, () => {
      const { names: boxes, nodes, stage } = nameBoxes(n, 620, 245);
      boxes.forEach((a, i) => {
        boxes.forEach((b, j) => expect(i === j || !overlaps(a, b), `names ${i} and ${j}`).toBe(true));
        nodes.forEach((node, j) => expect(intoCircle(a, node.x, node.y, node.r), `name ${i} on node ${j}`).toBe(0));
        expect(a.x0 >= stage.x0 && a.x1 <= stage.x1 && a.y0 >= stage.y0 - 2 && a.y1 <= stage.y1 + 2, `name ${i} inside`).toBe(true);
      });
    });
  }

  for (const n of [200, 1000]) {
    it(`${n} clients (a group opened): drawn names never overlap, more of them when zoomed in`, () => {
      const drawn = (z: number) => {
        const l = stageLayout(names(n), 620 * z, 245 * z);
        const boxes = nameBoxes(n, 620 * z, 245 * z).names.filter((_b, i) => l.clients[i]!.label !== '');
        const clashes: string[] = [];
        boxes.forEach((a, i) => boxes.forEach((b, j) => i < j && overlaps(a, b) && clashes.push(`${i}/${j}`)));
        expect(clashes, `overlapping names at zoom ${z}`).toEqual([]);
        return boxes.length;
      };
      const atOne = drawn(1);
      expect(atOne).toBeGreaterThan(0);
      expect(drawn(4)).toBeGreaterThan(atOne);
    });
  }

  it('200 clients stand on rings with nodes apart from each other', () => {
    const l = stageLayout(names(200), 620, 245);
    const touching: string[] = [];
    l.clients.forEach((a, i) => l.clients.forEach((b, j) => i < j && Math.hypot(a.x - b.x, a.y - b.y) <= 2 * l.nodeRadius && touching.push(`${a.name}/${b.name}`)));
    expect(touching).toEqual([]);
    expect(l.nodeRadius).toBeGreaterThanOrEqual(2);
  });

  it('shortens long names with an ellipsis', () => {
    expect(shortName('dashboard', NAME_MAX)).toBe('dashboard');
    expect(shortName('temperature-sensor-hall-3', NAME_MAX)).toBe('temperature-s…');
    expect([...shortName('temperature-sensor-hall-3', NAME_MAX)]).toHaveLength(NAME_MAX);
    expect(stageLayout(['temperature-sensor-hall-3'], 600, 300).clients[0]!.label).toBe('temperature-s…');
  });

  it('collapses packet labels that would overlap into one, counting the packets', () => {
    const at = (key: string, x: number, y: number): LabelSpot => ({ key, x, y, width: 60, leftward: false });
    // Three packets resting at one node, and one far away.
    const plan = planLabels([at('a', 100, 100), at('b', 101, 100), at('c', 100, 101), at('d', 100, 101), at('far', 300, 200)], { text: [], shapes: [] });
    expect([...plan.keys()].sort()).toEqual(['a', 'b', 'far']);
    // `b` found room below its packet; `c` and `d` had none and joined the first label they hit.
    expect(plan.get('b')).toEqual({ count: 1, below: true, leftward: false });
    expect(plan.get('a')).toEqual({ count: 3, below: false, leftward: false });
    expect(plan.get('far')).toEqual({ count: 1, below: false, leftward: false });
  });

  it('moves a packet label below its packet when a node is above', () => {
    const plan = planLabels([{ key: 'p', x: 100, y: 100, width: 60, leftward: false }], { text: [], shapes: [{ x0: 100, x1: 200, y0: 80, y1: 95 }] });
    expect(plan.get('p')).toEqual({ count: 1, below: true, leftward: false });
  });

  it('turns a packet label to the other side when a name and its state word are above and below on its side', () => {
    const name = { x0: 105, x1: 200, y0: 70, y1: 130 };
    const plan = planLabels([{ key: 'p', x: 100, y: 100, width: 60, leftward: false }], { text: [name], shapes: [] });
    expect(plan.get('p')).toEqual({ count: 1, below: false, leftward: true });
  });

  it('draws a packet label over a node rather than not at all, but never over a name', () => {
    const node = { x0: 30, x1: 200, y0: 60, y1: 140 };
    expect(planLabels([{ key: 'p', x: 100, y: 100, width: 60, leftward: false }], { text: [], shapes: [node] }).get('p')).toEqual({ count: 1, below: false, leftward: false });
    // Names all around: no label (the packet keeps its tooltip).
    expect(planLabels([{ key: 'p', x: 100, y: 100, width: 60, leftward: false }], { text: [node], shapes: [] }).has('p')).toBe(false);
  });
});

describe('packet labels on a short link', () => {
  it('move a few pixels out rather than cover the client they fly from (the broker just below)', () => {
    // A client's circle above the packet, the broker's box 15 px below it: each of the four usual places touches one.
    const client = { x0: 85, x1: 115, y0: 85, y1: 115 };
    const broker = { x0: 40, x1: 160, y0: 137, y1: 171 };
    const plan = planLabels([{ key: 'p', x: 100, y: 122, width: 60, leftward: false }], { text: [], shapes: [client, broker] });
    expect(plan.get('p')).toEqual({ count: 1, below: false, leftward: false, shift: { dx: 8, dy: 0 } });
  });

  it('move up when a node spans both sides of the packet (the broker, wider than the label)', () => {
    const broker = { x0: 0, x1: 300, y0: 88, y1: 112 };
    const plan = planLabels([{ key: 'p', x: 100, y: 100, width: 60, leftward: false }], { text: [], shapes: [broker] });
    expect(plan.get('p')).toEqual({ count: 1, below: false, leftward: false, shift: { dx: 0, dy: -8 } });
  });
});

describe('stage names at the edge', () => {
  it('shortens a long name beside a node at the edge so that it stays on the stage', () => {
    const l = stageLayout(['a', 'b', 'temperature-sensor-hall-3', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k'], 620, 245);
    const long = l.clients[2]!;
    expect(long.label.endsWith('…')).toBe(true);
    expect(long.labelAnchor).toBe('start');
    expect(long.labelX + long.label.length * 7.2).toBeLessThanOrEqual(620);
  });
});
