/**
 * The client's fast path (actor-contract.ts, `PureStep`): the machine's transitions run without
 * xstate, by calling its handlers (`HANDLERS`, `GUARDS` in client.machine.ts) directly.
 *
 * Theory of operation: `fastPathTable` reads the machine's definition once and lists, for each
 * leaf state and each event, the candidate transitions in xstate's order with the handlers each
 * runs (exit actions, its own, entry actions). `clientPureStep` looks the snapshot's state and the
 * event up there, tries the guards, runs the handlers and copies the target state's fields from
 * a snapshot xstate made once (`templateOf`). What the table cannot follow it leaves to xstate
 * (the step returns undefined). The table is derived from the machine, so the two cannot drift
 * (tests/sim/fast-path-table.test.ts; tests/sim/fast-path.test.ts compares whole runs both ways).
 */
import type { SnapshotFrom } from 'xstate';
import type { PureStep } from '../mqtt/actor-contract.ts';
import { withContext, withStateOf } from '../mqtt/actor-contract.ts';
import { clientMachine, GUARDS, HANDLERS, noEffects, type ClientMachine, type Guard, type Handler } from './client.machine.ts';
import { lendRun } from './session.ts';
import type { ClientContext, ClientEvent, Step } from './types.ts';

type ClientSnapshot = SnapshotFrom<ClientMachine>;
/** A transition as the machine's definition writes it (the subset this file uses). */
interface TransitionConfig {
  guard?: string;
  target?: string;
  actions?: string | readonly string[];
  reenter?: boolean;
}
type OnConfig = Readonly<Record<string, TransitionConfig | readonly TransitionConfig[] | undefined>>;
interface StateConfig {
  id?: string;
  type?: string;
  initial?: string;
  entry?: string | readonly string[];
  exit?: string | readonly string[];
  on?: OnConfig;
  always?: unknown;
  after?: unknown;
  states?: Readonly<Record<string, StateConfig>>;
}

/**
 * What the fast path runs for a transition: the handlers in xstate's order (the exit actions of
 * the states left, innermost first, the transition's own actions, the entry actions of the
 * states entered, outermost first) and the state it ends in (a `StatePath`; none: the state stays).
 */
export interface FastPlan {
  /** The actions' names, for tests and readers. */
  actions: readonly string[];
  handlers: readonly Handler[];
  target: string | undefined;
}

/** One candidate transition for the fast path: its guard, and its plan (none: xstate must take it). */
export interface FastCandidate {
  guard: Guard | undefined;
  plan: FastPlan | undefined;
}

/** A state as a dotted path of its nodes from the root: `opening`, `connected.idle`. */
type StatePath = string;

const listOf = (a: string | readonly string[] | undefined): readonly string[] => (a === undefined ? [] : typeof a === 'string' ? [a] : a);

/** The handlers for action names, or undefined when one is not a plain handler. */
function handlersOf(names: readonly string[]): Handler[] | undefined {
  const handlers = names.map((n) => (HANDLERS as Record<string, Handler>)[n]);
  return handlers.every((h) => h !== undefined) ? (handlers as Handler[]) : undefined;
}

/**
 * The fast path's table, read from the machine's definition: for each leaf state (`opening`,
 * `connected.idle`, ...) and each event it or an ancestor names, the candidate transitions in the
 * order xstate tries them (the leaf's first, then its parent's, up to the root's). An event the
 * table does not name for a leaf in it has no transition there: xstate keeps the snapshot and
 * returns no actions (a CONNACK or NET.OPENED that arrives after the client gave up; a leaf with
 * a wildcard descriptor is left out of the table, so xstate takes all its events). A candidate
 * the fast path can run keeps the state or moves to another (`opening`, `connected.idle` →
 * `connected.awaitingPingresp`, `#client.disconnected`, the root's `.crashed`), entered through
 * its initial states, and every action it runs on the way is a plain handler (HANDLERS); its
 * plan lists them in xstate's order: the exit actions of the states left (those below the
 * transition's domain, the nearest state that holds both its source and its target), innermost
 * first, its own actions, then the entry actions of the states entered, outermost first. A
 * target by another id than the root's, a transition to its own state or with `reenter`, and
 * parallel or history states are left to xstate, as is any candidate that is enabled and has no
 * plan. Changing the machine changes this table, so the two cannot drift
 * (tests/sim/fast-path-table.test.ts; tests/sim/fast-path.test.ts checks both on whole runs too).
 */
export function fastPathTable(root: StateConfig): ReadonlyMap<StatePath, ReadonlyMap<string, readonly FastCandidate[]>> {
  const table = new Map<StatePath, Map<string, FastCandidate[]>>();
  const byId = `#${root.id ?? ''}`;
  /** The node at `path` (keys from the root), or undefined. */
  const nodeAt = (path: readonly string[]): StateConfig | undefined => {
    let node: StateConfig | undefined = root;
    for (const key of path) node = node?.states?.[key];
    return node;
  };
  /** The path of the state a target names, written on the state at `source`, or undefined. */
  const resolve = (target: string, source: readonly string[]): string[] | undefined => {
    let path: string[];
    if (target.startsWith(`${byId}.`)) path = target.slice(byId.length + 1).split('.');
    else if (target.startsWith('#')) return undefined;
    else if (target.startsWith('.')) path = [...source, ...target.slice(1).split('.')];
    else if (source.length > 0) path = [...source.slice(0, -1), ...target.split('.')];
    else return undefined;
    return nodeAt(path) === undefined ? undefined : path;
  };
  /** The leaf entered through the initial states of the state at `path`, and their entry actions; undefined when it cannot be fast. */
  const enterInitial = (path: readonly string[]): { leaf: string[]; entry: string[] } | undefined => {
    const leaf = [...path];
    const entry: string[] = [];
    for (let node = nodeAt(path); node?.states !== undefined; ) {
      if (node.initial === undefined) return undefined;
      leaf.push(node.initial);
      node = node.states[node.initial];
      if (node === undefined || node.always !== undefined || node.after !== undefined) return undefined;
      entry.push(...listOf(node.entry));
    }
    return { leaf, entry };
  };
  const visit = (nodes: readonly StateConfig[], path: readonly string[]): void => {
    const node = nodes[nodes.length - 1]!;
    if (node.type === 'parallel' || node.type === 'history') return;
    if (node.states !== undefined) {
      for (const [key, child] of Object.entries(node.states)) visit([...nodes, child], [...path, key]);
      return;
    }
    // A leaf: its `on` first, then its ancestors' up to the root's.
    const levels = nodes.map((n, depth) => ({ on: n.on ?? {}, depth })).reverse();
    // A wildcard descriptor (`*`, `NET.*`) would take events the table does not name: xstate takes them all.
    if (levels.some(({ on }) => Object.keys(on).some((type) => type.includes('*')))) return;
    const byEvent = new Map<string, FastCandidate[]>();
    for (const type of new Set(levels.flatMap(({ on }) => Object.keys(on)))) {
      const candidates: FastCandidate[] = [];
      for (const { on, depth } of levels) {
        const t = on[type];
        for (const c of t === undefined ? [] : Array.isArray(t) ? (t as readonly TransitionConfig[]) : [t as TransitionConfig]) {
          const guard = c.guard === undefined ? undefined : (GUARDS as Record<string, Guard>)[c.guard];
          if (c.guard !== undefined && guard === undefined) throw new Error(`client machine: unknown guard ${c.guard}`);
          candidates.push({ guard, plan: planOf(c, depth) });
        }
      }
      byEvent.set(type, candidates);
    }
    table.set(path.join('.'), byEvent);

    /** The plan of a transition written on the state `depth` levels below the root (0: the root). */
    function planOf(c: TransitionConfig, depth: number): FastPlan | undefined {
      const actions = listOf(c.actions);
      if (c.target === undefined) {
        const handlers = handlersOf(actions);
        return handlers && { actions, handlers, target: undefined };
      }
      if (c.reenter !== undefined) return undefined;
      const source = path.slice(0, depth);
      const target = resolve(c.target, source);
      if (target === undefined || target.join('.') === source.join('.')) return undefined;
      // The domain: the source itself for a target inside it, else its nearest ancestor that holds the target.
      const within = (outer: readonly string[]) => target.length > outer.length && outer.every((key, k) => target[k] === key);
      let domain = depth;
      if (!within(source)) do domain--; while (domain > 0 && !within(path.slice(0, domain)));
      if (domain < 0) return undefined;
      const entered: string[] = [];
      for (let k = domain + 1; k <= target.length; k++) {
        const n = nodeAt(target.slice(0, k))!;
        if (n.type !== undefined || n.always !== undefined || n.after !== undefined) return undefined;
        entered.push(...listOf(n.entry));
      }
      const initial = enterInitial(target);
      if (initial === undefined) return undefined;
      // Leaving the active states below the domain, innermost first.
      const exits = nodes.slice(domain + 1).reverse().flatMap((n) => listOf(n.exit));
      const run = [...exits, ...actions, ...entered, ...initial.entry];
      const handlers = handlersOf(run);
      return handlers && { actions: run, handlers, target: initial.leaf.join('.') };
    }
  };
  visit([root], []);
  return table;
}

const FAST_PATH = fastPathTable(clientMachine.config as StateConfig);

/** StatePaths of state values met so far: a fast path's snapshots share their template's value object. */
const PATHS = new WeakMap<object, StatePath>();

/** The state of a snapshot as a StatePath (`connected.idle`). */
function pathOf(value: unknown): StatePath {
  if (typeof value === 'string') return value;
  let path = PATHS.get(value as object);
  if (path === undefined) {
    const [key, child] = Object.entries(value as Record<string, unknown>)[0]!;
    path = `${key}.${pathOf(child)}`;
    PATHS.set(value as object, path);
  }
  return path;
}

/** A snapshot in each state a fast path moves to, made by xstate once: the fast path copies its state fields. */
const STATE_TEMPLATES = new Map<StatePath, ClientSnapshot>();

function templateOf(path: StatePath, context: ClientContext): ClientSnapshot {
  let template = STATE_TEMPLATES.get(path);
  if (template === undefined) {
    const value = path.split('.').reduceRight<unknown>((inner, key) => (inner === undefined ? key : { [key]: inner }), undefined);
    template = clientMachine.resolveState({ value: value as never, context });
    STATE_TEMPLATES.set(path, template);
  }
  return template;
}

/**
 * The fast path (actor-contract.ts, `PureStep`): every transition the machine's definition
 * lets it take (`fastPathTable`) — a running session's requests and packets, and the connect
 * phase (APP.CONNECT, NET.OPENED, the CONNACK) — computed by the session's pure functions,
 * exactly as the machine's transitions would: which events qualify, the guards tried first and
 * the exit and entry actions come from the definition. Every transition of today's machine
 * qualifies, the keep-alive's too, and an event with no transition keeps the snapshot; a
 * definition the table cannot follow (`fastPathTable`) sends its events through xstate.
 */
export const clientPureStep: PureStep<ClientSnapshot> = (snapshot, event, run) => {
  const state = snapshot.value;
  const byEvent = FAST_PATH.get(typeof state === 'string' ? state : pathOf(state));
  if (byEvent === undefined) return undefined;
  const candidates = byEvent.get(event.type);
  // No transition for this event here, named or enabled: xstate keeps the snapshot, no actions.
  if (candidates === undefined) return [snapshot, noEffects];
  const e = event as ClientEvent;
  const ctx = snapshot.context;
  let enabled: FastCandidate | undefined;
  for (const c of candidates) {
    if (c.guard !== undefined && !c.guard(ctx, e)) continue;
    enabled = c;
    break;
  }
  if (enabled === undefined) return [snapshot, noEffects];
  const plan = enabled.plan;
  if (plan === undefined) return undefined;
  let context = ctx;
  let effects: Step['effects'] = noEffects;
  lendRun(run?.owned);
  try {
    for (const handler of plan.handlers) {
      const step = handler(context, e);
      context = step.context;
      if (step.effects.length > 0) effects = effects.length === 0 ? step.effects : [...effects, ...step.effects];
    }
  } finally {
    lendRun(undefined);
  }
  if (plan.target !== undefined) return [withStateOf(snapshot, templateOf(plan.target, context), context), effects];
  return [context === ctx ? snapshot : withContext(snapshot, context), effects];
};
