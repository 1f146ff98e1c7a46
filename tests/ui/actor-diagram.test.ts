import { describe, expect, it } from 'vitest';
import { clientMachine } from '../../src/core/client/index.ts';
import { labelRect, layoutDiagram } from '../../src/ui/inspector/actor/graph-layout.ts';
import { edgeLabel } from '../../src/ui/inspector/actor/event-words.ts';
import { lastStateChange, takenEdge } from '../../src/ui/inspector/actor/last-transition.ts';
import { activeIds, machineGraph } from '../../src/ui/inspector/actor/machine-graph.ts';
import { actionsFor, dropNextCommand, publishCommand, simpleCommand } from '../../src/ui/actions/commands.ts';
import { createMqttWorld } from '../../src/sim/mqtt-world.ts';

describe('client state diagram', () => {
  const graph = machineGraph(clientMachine);

  it('has a node per state of the client machine, the compound one with its children', () => {
    expect(graph.nodes.map((n) => n.id)).toEqual([
      'client.disconnected',
      'client.opening',
      'client.connecting',
      'client.connected',
      'client.connected.idle',
      'client.connected.awaitingPingresp',
      'client.refused',
      'client.crashed',
    ]);
    expect(graph.nodes.find((n) => n.id === 'client.connected')!.children).toHaveLength(2);
    expect(graph.initial).toBe('client.disconnected');
  });

  it('has the transitions with their events, and SYS.CRASH from any state', () => {
    const edge = (s: string | undefined, t: string) => graph.edges.find((e) => e.source === s && e.target === t);
    expect(edge('client.disconnected', 'client.opening')!.events).toEqual(['APP.CONNECT']);
    expect(edge('client.opening', 'client.connecting')!.events).toEqual(['NET.OPENED']);
    expect(edge('client.connecting', 'client.connected')!.events[0]).toMatch(/^NET\.PACKET/);
    expect(edge('client.connected.idle', 'client.connected.awaitingPingresp')!.events).toEqual(['TIMER.KEEPALIVE']);
    expect(edge(undefined, 'client.crashed')!.events).toEqual(['SYS.CRASH']);
    // Transitions with actions only (APP.PUBLISH while connected) draw no edge.
    expect(graph.edges.every((e) => e.source !== e.target)).toBe(true);
  });

  it('lays states out top to bottom without overlaps, children inside their parent', () => {
    const layout = layoutDiagram(graph);
    const box = (id: string) => layout.boxes.find((b) => b.id === id)!;
    expect(box('client.disconnected').y).toBeLessThan(box('client.opening').y);
    expect(box('client.opening').y).toBeLessThan(box('client.connecting').y);
    expect(box('client.connecting').y).toBeLessThan(box('client.connected').y);
    const parent = box('client.connected');
    for (const id of ['client.connected.idle', 'client.connected.awaitingPingresp']) {
      const b = box(id);
      expect(b.x).toBeGreaterThanOrEqual(parent.x);
      expect(b.x + b.width).toBeLessThanOrEqual(parent.x + parent.width);
      expect(b.y + b.height).toBeLessThanOrEqual(parent.y + parent.height);
    }
    const leaves = layout.boxes.filter((b) => b.depth === 0 || !b.compound);
    for (const a of leaves) {
      for (const b of leaves) {
        if (a === b || a.id.startsWith(`${b.id}.`) || b.id.startsWith(`${a.id}.`)) continue;
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect(apart, `${a.id} / ${b.id}`).toBe(true);
      }
    }
    for (const b of layout.boxes) expect(b.x + b.width).toBeLessThanOrEqual(layout.width);
  });

  it('finds the active states of a snapshot value', () => {
    expect(activeIds('client', { connected: 'idle' })).toEqual(['client.connected', 'client.connected.idle']);
    expect(activeIds('client', 'disconnected')).toEqual(['client.disconnected']);
  });
});

describe('direct actions', () => {
  const world = createMqttWorld({ clients: ['sensor'] });

  it('offers what makes sense for the node', () => {
    expect(actionsFor(world, 'sensor')).toEqual(['connect', 'publish', 'subscribe', 'cable-cut', 'crash', 'drop-next']);
    expect(actionsFor(world, 'broker')).toEqual(['restart', 'restart-persistent']);
  });

  it('builds world commands', () => {
    expect(simpleCommand(world, 'sensor', 'connect')).toMatchObject({ type: 'client.event', client: 'sensor', event: { type: 'APP.CONNECT', options: { clientId: 'sensor' } } });
    expect(simpleCommand(world, 'sensor', 'cable-cut')).toEqual({ type: 'cable.cut', client: 'sensor' });
    expect(simpleCommand(world, 'broker', 'restart-persistent')).toEqual({ type: 'broker.restart', persistence: true });
    const publish = publishCommand('sensor', { topic: 'a/b', payload: 'hi', qos: 2, retain: true });
    expect(publish).toMatchObject({ type: 'client.event', event: { type: 'APP.PUBLISH', topic: 'a/b', qos: 2, retain: true } });
    expect(dropNextCommand('sensor', { packetType: 'pubrec', direction: 'down' })).toEqual({
      type: 'fault.add',
      rule: { client: 'sensor', direction: 'down', packetType: 'pubrec', action: 'drop', remaining: 1 },
    });
  });
});

describe('client state diagram in words', () => {
  const graph = machineGraph(clientMachine);
  const de = (key: string) => key.replace(/^panels\.actor\.events\./, 'de:');

  it('names every transition of the client machine in words, never by its event name', async () => {
    const { de: german } = await import('../../src/ui/i18n/de.ts');
    const { en: english } = await import('../../src/ui/i18n/en.ts');
    for (const dict of [german, english]) {
      const t = (key: string) => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], dict) as string;
      for (const e of graph.edges) {
        const label = edgeLabel(e.events, t);
        expect(label, e.id).not.toMatch(/[A-Z]+\.[A-Z]+|undefined/);
        expect(label.length, e.id).toBeGreaterThan(2);
      }
    }
    expect(edgeLabel(['APP.DISCONNECT', 'NET.MALFORMED', 'NET.CLOSED'], de)).toBe('de:closed +2');
  });

  it('places no label over a state or over another label', () => {
    const layout = layoutDiagram(graph, { edge: (events) => edgeLabel(events, (k) => `a label of ${k.length} chars`) });
    const rects = layout.edges.map((e) => ({ id: e.id, ...labelRect(e) }));
    const overlap = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
      a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    for (const r of rects) {
      expect(r.x + r.width, r.id).toBeLessThanOrEqual(layout.width);
      for (const b of layout.boxes.filter((x) => !x.compound)) expect(overlap(r, b), `${r.id} over ${b.id}`).toBe(false);
      for (const q of rects) if (q !== r) expect(overlap(r, q), `${r.id} over ${q.id}`).toBe(false);
    }
  });

  it('fits a narrow panel: a wide row wraps, every box and label inside the width, no label over a state or another label', async () => {
    const { de: german } = await import('../../src/ui/i18n/de.ts');
    const t = (key: string) => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], german) as string;
    const wide = layoutDiagram(graph, { edge: (events) => edgeLabel(events, t) });
    const maxWidth = 300;
    expect(wide.width).toBeGreaterThan(maxWidth);
    const layout = layoutDiagram(graph, { edge: (events) => edgeLabel(events, t) }, { maxWidth });
    expect(layout.width).toBeLessThanOrEqual(maxWidth);
    // The row "connected | refused" became two rows: refused above, to the left of the edge into connected.
    const box = (id: string) => layout.boxes.find((b) => b.id === id)!;
    expect(box('client.refused').y + box('client.refused').height).toBeLessThanOrEqual(box('client.connected').y);
    const rects = layout.edges.map((e) => ({ id: e.id, ...labelRect(e) }));
    for (const r of rects) {
      expect(r.x, r.id).toBeGreaterThanOrEqual(0);
      expect(r.x + r.width, r.id).toBeLessThanOrEqual(layout.width);
      for (const b of layout.boxes.filter((x) => !x.compound)) expect(overlapping(r, b), `${r.id} over ${b.id}`).toBe(false);
      for (const q of rects) if (q !== r) expect(overlapping(r, q), `${r.id} over ${q.id}`).toBe(false);
    }
    for (const b of layout.boxes) expect(b.x + b.width, b.id).toBeLessThanOrEqual(layout.width);
  });

  it('finds the transition just taken: the innermost one that leads from the old states to the new', () => {
    const edge = (from: unknown, to: unknown) => takenEdge(graph, 'client', { from, to })?.id;
    expect(edge(undefined, 'opening')).toBe('client.disconnected->client.opening');
    expect(edge({ connected: 'idle' }, { connected: 'awaitingPingresp' })).toBe('client.connected.idle->client.connected.awaitingPingresp');
    expect(edge({ connected: 'awaitingPingresp' }, 'disconnected')).toBe('client.connected.awaitingPingresp->client.disconnected');
    expect(edge({ connected: 'idle' }, 'disconnected')).toBe('client.connected->client.disconnected');
    expect(edge({ connected: 'idle' }, 'crashed')).toBe('*->client.crashed');
  });

  it('reads the last change of an actor from the trace', () => {
    const state = (from: string, value: unknown) => ({ seq: 0, step: 0, atMs: 0, kind: 'state' as const, from, state: { value } });
    expect(lastStateChange([], 'sensor')).toBeNull();
    expect(lastStateChange([state('sensor', 'opening')], 'sensor')).toEqual({ from: undefined, to: 'opening' });
    expect(lastStateChange([state('sensor', 'opening'), state('other', 'x'), state('sensor', 'connecting')], 'sensor')).toEqual({ from: 'opening', to: 'connecting' });
  });
});

function overlapping(a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
