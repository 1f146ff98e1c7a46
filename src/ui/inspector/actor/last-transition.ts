/**
 * The transition an actor took last, for the state diagram's highlight: read from the trace's
 * `state` entries (one per change of the actor's state value), matched to an edge of the
 * machine graph. An edge matches when its source is one of the states active before (or it is
 * declared on the machine, "from any state") and its target one of the states active after;
 * among several, the one declared deepest wins (`awaitingPingresp -> disconnected` over
 * `connected -> disconnected`), as xstate itself picks the innermost transition.
 */
import type { TraceEntry } from '../../../sim/trace.ts';
import { activeIds, type GraphEdge, type MachineGraph } from './machine-graph.ts';

export interface StateChange {
  /** The state value before (undefined: the machine's initial state). */
  from: unknown;
  to: unknown;
}

/** The last change of `actor`'s state value in `trace` (entries up to the cursor), if any. */
export function lastStateChange(trace: readonly TraceEntry[], actor: string): StateChange | null {
  let to: unknown;
  let found = false;
  for (let i = trace.length - 1; i >= 0; i--) {
    const entry = trace[i]!;
    if (entry.kind !== 'state' || entry.from !== actor || !entry.state) continue;
    if (found) return { from: entry.state.value, to };
    to = entry.state.value;
    found = true;
  }
  return found ? { from: undefined, to } : null;
}

/** The ids of the states active in `value`, or the initial state's chain when `value` is undefined. */
function activeOrInitial(graph: MachineGraph, rootId: string, value: unknown): string[] {
  if (value !== undefined) return activeIds(rootId, value);
  const ids: string[] = [];
  for (let id = graph.initial; id !== undefined; id = graph.nodes.find((n) => n.id === id)?.initial) ids.push(id);
  return ids;
}

/** The edge of `graph` that `change` took, if one matches. */
export function takenEdge(graph: MachineGraph, rootId: string, change: StateChange): GraphEdge | undefined {
  const before = new Set(activeOrInitial(graph, rootId, change.from));
  const after = new Set(activeIds(rootId, change.to));
  const depth = (e: GraphEdge) => (e.source === undefined ? -1 : e.source.split('.').length);
  return graph.edges
    .filter((e) => (e.source === undefined || before.has(e.source)) && after.has(e.target) && !(e.source !== undefined && after.has(e.source)))
    .sort((a, b) => depth(b) - depth(a))[0];
}
