/**
 * The graph of a state machine, read from its xstate definition (`machine.root`): one node per
 * state (compound states contain their children), one edge per source -> target pair with the
 * events that take it. Transitions without a target (actions only) are left out; transitions
 * declared on the machine itself ("from any state") become `fromAny` edges.
 */
import type { AnyStateMachine } from 'xstate';

export interface GraphNode {
  /** xstate id, e.g. `client.connected.idle`. */
  id: string;
  /** The state's own key, e.g. `idle`. */
  key: string;
  /** Parent node id; undefined for top-level states. */
  parent?: string;
  children: string[];
  /** The child entered first (compound states). */
  initial?: string;
}

export interface GraphEdge {
  id: string;
  /** Source node id; undefined for transitions on the machine itself (from any state). */
  source?: string;
  target: string;
  /** Event types (with guard names, `NET.PACKET [connackAccepted]`), in declaration order. */
  events: string[];
}

export interface MachineGraph {
  /** Every state node except the root, in declaration order (parents before children). */
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Top-level state entered first. */
  initial?: string;
}

/** The minimum of xstate's StateNode this module reads (kept structural, so tests can fake it). */
interface StateNodeLike {
  id: string;
  key: string;
  states: Record<string, StateNodeLike>;
  initial?: { target?: ReadonlyArray<{ id: string }> };
  on: Record<string, ReadonlyArray<{ target?: ReadonlyArray<{ id: string }>; guard?: unknown; eventType: string }>>;
}

function guardName(guard: unknown): string | undefined {
  if (typeof guard === 'string') return guard;
  if (guard && typeof guard === 'object' && 'type' in guard && typeof guard.type === 'string') return guard.type;
  return undefined;
}

/** The graph of `machine`. */
export function machineGraph(machine: AnyStateMachine): MachineGraph {
  return graphOfRoot(machine.root as unknown as StateNodeLike);
}

export function graphOfRoot(root: StateNodeLike): MachineGraph {
  const nodes: GraphNode[] = [];
  const edges = new Map<string, GraphEdge>();
  const addEdges = (n: StateNodeLike, source: string | undefined) => {
    for (const [eventType, transitions] of Object.entries(n.on ?? {})) {
      for (const t of transitions) {
        for (const target of t.target ?? []) {
          if (target.id === source) continue; // a self-transition draws as nothing useful here
          const id = `${source ?? '*'}->${target.id}`;
          const edge = edges.get(id) ?? { id, source, target: target.id, events: [] };
          const guard = guardName(t.guard);
          const label = guard ? `${eventType} [${guard}]` : eventType;
          if (!edge.events.includes(label)) edge.events.push(label);
          edges.set(id, edge);
        }
      }
    }
  };
  const walk = (n: StateNodeLike, parent: string | undefined) => {
    const children = Object.values(n.states ?? {});
    nodes.push({ id: n.id, key: n.key, parent, children: children.map((c) => c.id), initial: n.initial?.target?.[0]?.id });
    addEdges(n, n.id);
    for (const c of children) walk(c, n.id);
  };
  for (const c of Object.values(root.states ?? {})) walk(c, undefined);
  addEdges(root, undefined);
  return { nodes, edges: [...edges.values()], initial: root.initial?.target?.[0]?.id };
}

/** The ids of the active states of a snapshot value (`{ connected: 'idle' }` -> both). */
export function activeIds(rootId: string, value: unknown): string[] {
  const out: string[] = [];
  const walk = (prefix: string, v: unknown) => {
    if (typeof v === 'string') out.push(`${prefix}.${v}`);
    else if (v && typeof v === 'object') {
      for (const [k, inner] of Object.entries(v as Record<string, unknown>)) {
        out.push(`${prefix}.${k}`);
        walk(`${prefix}.${k}`, inner);
      }
    }
  };
  walk(rootId, value);
  return out;
}
