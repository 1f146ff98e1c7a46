/**
 * The MQTT client as an xstate machine, advanced only with the pure `initialTransition()` /
 * `transition()` (see `src/core/mqtt/actor-contract.ts`).
 *
 * States (drawn by the UI):
 *   disconnected ──APP.CONNECT──▶ opening ──NET.OPENED──▶ connecting ──CONNACK 0──▶ connected
 *        ▲                          │                       │ CONNACK refused ──▶ refused
 *        └──── NET.CLOSED, APP.DISCONNECT, keep-alive timeout, protocol error ◀──┘
 *   connected = { idle ⇄ awaitingPingresp }       any state ──SYS.CRASH──▶ crashed
 *
 * The protocol rules live in `session.ts` as pure functions returning effects; this file only
 * chooses states and turns effects into the contract's actions: `net.open`, `net.send`
 * {packet, version}, `net.close`, `app.deliver` {packet}, `trace.explain` {ref, key, params},
 * and timers as `xstate.raise` with a delay (ids `keepAlive`, `pingresp`) / `xstate.cancel`.
 */
import { enqueueActions, setup, type SnapshotFrom } from 'xstate';
import type {
  AppDeliverParams,
  NetCloseParams,
  NetOpenParams,
  NetSendParams,
  PureStep,
  TraceExplainParams,
} from '../mqtt/actor-contract.ts';
import { withContext, withStateOf } from '../mqtt/actor-contract.ts';
import {
  abortConnect,
  armKeepAlive,
  cancelPingresp,
  cleanDisconnect,
  closeForPacket,
  closingPacket,
  connackAccepted,
  connackOutcome,
  connackRefused,
  connackUnexpectedSession,
  connectAlready,
  connectOptionsProblem,
  crash,
  disarmKeepAlive,
  handlePacket,
  initialContext,
  keepAliveTimeout,
  lendRun,
  malformed,
  networkClosed,
  packetBeforeConnack,
  pingrespReceived,
  publish,
  sendConnect,
  sendPingreq,
  startConnect,
  subscribeOrUnsubscribe,
  type Phase,
} from './session.ts';
import type { ClientContext, ClientEvent, Step } from './types.ts';

/** Input of the machine: the actor's name in the scenario. */
export interface ClientInput {
  name: string;
}

type Handler = (ctx: ClientContext, event: ClientEvent) => Step;

/** Runs a pure handler: assigns its context and enqueues its effects as named actions. */
function run(handler: Handler) {
  return enqueueActions<ClientContext, ClientEvent, undefined, ClientEvent, never, never, never, never, never>(
    ({ context, event, enqueue }) => {
      const { context: next, effects } = handler(context, event);
      if (next !== context) enqueue.assign(() => next);
      // The effects are the contract's actions already (types.ts); timers become xstate's own.
      for (const action of effects) {
        if (action.type === 'xstate.raise') {
          const { event: timerEvent, id, delay } = action.params;
          enqueue.raise(timerEvent, { delay, id });
        } else if (action.type === 'xstate.cancel') {
          enqueue.cancel(action.params.sendId);
        } else {
          enqueue(action as never);
        }
      }
    },
  );
}

function phaseOf(phase: Phase): Handler {
  return (ctx, event) => {
    switch (event.type) {
      case 'APP.PUBLISH':
        return publish(
          ctx,
          { topic: event.topic, payload: event.payload, qos: event.qos, retain: event.retain, properties: event.properties },
          phase,
          event.nowMs,
        );
      case 'APP.SUBSCRIBE':
      case 'APP.UNSUBSCRIBE': {
        const request =
          event.type === 'APP.SUBSCRIBE'
            ? ({ kind: 'subscribe', subscriptions: event.subscriptions, properties: event.properties } as const)
            : ({ kind: 'unsubscribe', topicFilters: event.topicFilters, properties: event.properties } as const);
        return subscribeOrUnsubscribe(ctx, request, phase, event.nowMs);
      }
      default:
        return { context: ctx, effects: [] };
    }
  };
}

const whileConnected = phaseOf('connected');

const noEffects: Step['effects'] = [];

type Guard = (ctx: ClientContext, event: ClientEvent) => boolean;

/** The machine's guards as plain functions: xstate calls them below, the fast path directly. */
const GUARDS = {
  connectOptionsInvalid: (_ctx, event) => event.type === 'APP.CONNECT' && connectOptionsProblem(event.options) !== null,
  isConnack: (_ctx, event) => event.type === 'NET.PACKET' && event.packet.type === 'connack',
  connackAccepted: (ctx, event) => event.type === 'NET.PACKET' && event.packet.type === 'connack' && connackOutcome(ctx, event.packet) === 'accepted',
  connackUnexpectedSession: (ctx, event) =>
    event.type === 'NET.PACKET' && event.packet.type === 'connack' && connackOutcome(ctx, event.packet) === 'unexpected-session',
  packetEndsConnection: (ctx, event) => event.type === 'NET.PACKET' && closingPacket(ctx, event.packet) !== null,
  isPingresp: (_ctx, event) => event.type === 'NET.PACKET' && event.packet.type === 'pingresp',
} as const satisfies Record<string, Guard>;

/**
 * The machine's actions as plain handlers: xstate runs each through `run` below, the fast path
 * calls them directly. Each only changes the context and returns effects.
 */
const HANDLERS = {
  startConnect: (ctx, e) => (e.type === 'APP.CONNECT' ? startConnect(ctx, e.options, e.nowMs) : { context: ctx, effects: noEffects }),
  rejectConnectOptions: (ctx, e) => {
    const problem = e.type === 'APP.CONNECT' ? connectOptionsProblem(e.options) : null;
    return { context: ctx, effects: problem ? [{ type: 'trace.explain', params: problem }] : noEffects };
  },
  sendConnect: (ctx, e) => sendConnect(ctx, e.nowMs),
  connectAlready: (ctx, e) => connectAlready(ctx, e.nowMs),
  whileOffline: phaseOf('offline'),
  whileConnecting: phaseOf('connecting'),
  whileConnected,
  connackAccepted: (ctx, e) =>
    e.type === 'NET.PACKET' && e.packet.type === 'connack' ? connackAccepted(ctx, e.packet, e.nowMs) : { context: ctx, effects: noEffects },
  connackRefused: (ctx, e) =>
    e.type === 'NET.PACKET' && e.packet.type === 'connack' ? connackRefused(ctx, e.packet, e.nowMs) : { context: ctx, effects: noEffects },
  connackUnexpectedSession: (ctx, e) =>
    e.type === 'NET.PACKET' && e.packet.type === 'connack' ? connackUnexpectedSession(ctx, e.packet, e.nowMs) : { context: ctx, effects: noEffects },
  packetBeforeConnack: (ctx, e) =>
    e.type === 'NET.PACKET' ? closeForPacket(ctx, packetBeforeConnack(ctx, e.packet), e.nowMs) : { context: ctx, effects: noEffects },
  closeForPacket: (ctx, e) => {
    const closing = e.type === 'NET.PACKET' ? closingPacket(ctx, e.packet) : null;
    return closing ? closeForPacket(ctx, closing, e.nowMs) : { context: ctx, effects: noEffects };
  },
  handlePacket: (ctx, e) => (e.type === 'NET.PACKET' ? handlePacket(ctx, e.packet, e.nowMs) : { context: ctx, effects: noEffects }),
  armKeepAlive: (ctx, e) => armKeepAlive(ctx, e.nowMs),
  disarmKeepAlive: (ctx, e) => disarmKeepAlive(ctx, e.nowMs),
  sendPingreq: (ctx, e) => sendPingreq(ctx, e.nowMs),
  pingrespReceived: (ctx, e) => pingrespReceived(ctx, e.nowMs),
  cancelPingresp: (ctx, e) => cancelPingresp(ctx, e.nowMs),
  keepAliveTimeout: (ctx, e) => keepAliveTimeout(ctx, e.nowMs),
  cleanDisconnect: (ctx, e) =>
    e.type === 'APP.DISCONNECT' ? cleanDisconnect(ctx, e.reasonCode, e.properties, e.nowMs) : { context: ctx, effects: noEffects },
  abortConnect: (ctx, e) => abortConnect(ctx, e.nowMs),
  networkClosed: (ctx, e) => (e.type === 'NET.CLOSED' ? networkClosed(ctx, e.reason, e.nowMs) : { context: ctx, effects: noEffects }),
  malformed: (ctx, e) => (e.type === 'NET.MALFORMED' ? malformed(ctx, e.error, e.nowMs) : { context: ctx, effects: noEffects }),
  crash: (ctx, e) => crash(ctx, e.nowMs),
  restart: (ctx) => ({ context: initialContext(ctx.name), effects: noEffects }),
} as const satisfies Record<string, Handler>;

/** An offline state's requests: kept for later or refused (`whileOffline`). */
const OFFLINE_REQUESTS = {
  'APP.PUBLISH': { actions: 'whileOffline' },
  'APP.SUBSCRIBE': { actions: 'whileOffline' },
  'APP.UNSUBSCRIBE': { actions: 'whileOffline' },
} as const;

/** A new connection from a state without one: checked options first, then `opening`. */
const CONNECT_FROM_OFFLINE = {
  'APP.CONNECT': [
    { guard: 'connectOptionsInvalid', actions: 'rejectConnectOptions' },
    { target: 'opening', actions: 'startConnect' },
  ],
} as const;

/** The handlers shared by `opening` and `connecting`: a connection on its way, no CONNACK yet. */
const WHILE_CONNECTING_ON = {
  'APP.CONNECT': { actions: 'connectAlready' },
  'NET.CLOSED': { target: 'disconnected', actions: 'networkClosed' },
  'APP.DISCONNECT': { target: 'disconnected', actions: 'abortConnect' },
  'APP.PUBLISH': { actions: 'whileConnecting' },
  'APP.SUBSCRIBE': { actions: 'whileConnecting' },
  'APP.UNSUBSCRIBE': { actions: 'whileConnecting' },
} as const;

/** The handlers of the states without a connection (`disconnected`, `refused`). */
const OFFLINE_ON = { ...CONNECT_FROM_OFFLINE, ...OFFLINE_REQUESTS } as const;

export const clientMachine = setup({
  types: {
    context: {} as ClientContext,
    events: {} as ClientEvent,
    input: {} as ClientInput,
  },
  actions: {
    // The contract's effects: data for the driver, never executed here.
    'net.open': (_: unknown, _params: NetOpenParams) => {},
    'net.send': (_: unknown, _params: NetSendParams) => {},
    'net.close': (_: unknown, _params: NetCloseParams) => {},
    'app.deliver': (_: unknown, _params: AppDeliverParams) => {},
    'trace.explain': (_: unknown, _params: TraceExplainParams) => {},
    startConnect: run(HANDLERS.startConnect),
    rejectConnectOptions: run(HANDLERS.rejectConnectOptions),
    sendConnect: run(HANDLERS.sendConnect),
    connectAlready: run(HANDLERS.connectAlready),
    whileOffline: run(HANDLERS.whileOffline),
    whileConnecting: run(HANDLERS.whileConnecting),
    whileConnected: run(HANDLERS.whileConnected),
    connackAccepted: run(HANDLERS.connackAccepted),
    connackRefused: run(HANDLERS.connackRefused),
    connackUnexpectedSession: run(HANDLERS.connackUnexpectedSession),
    packetBeforeConnack: run(HANDLERS.packetBeforeConnack),
    closeForPacket: run(HANDLERS.closeForPacket),
    handlePacket: run(HANDLERS.handlePacket),
    armKeepAlive: run(HANDLERS.armKeepAlive),
    disarmKeepAlive: run(HANDLERS.disarmKeepAlive),
    sendPingreq: run(HANDLERS.sendPingreq),
    pingrespReceived: run(HANDLERS.pingrespReceived),
    cancelPingresp: run(HANDLERS.cancelPingresp),
    keepAliveTimeout: run(HANDLERS.keepAliveTimeout),
    cleanDisconnect: run(HANDLERS.cleanDisconnect),
    abortConnect: run(HANDLERS.abortConnect),
    networkClosed: run(HANDLERS.networkClosed),
    malformed: run(HANDLERS.malformed),
    crash: run(HANDLERS.crash),
    restart: run(HANDLERS.restart),
  },
  guards: {
    connectOptionsInvalid: ({ context, event }) => GUARDS.connectOptionsInvalid(context, event),
    isConnack: ({ context, event }) => GUARDS.isConnack(context, event),
    connackAccepted: ({ context, event }) => GUARDS.connackAccepted(context, event),
    connackUnexpectedSession: ({ context, event }) => GUARDS.connackUnexpectedSession(context, event),
    packetEndsConnection: ({ context, event }) => GUARDS.packetEndsConnection(context, event),
    isPingresp: ({ context, event }) => GUARDS.isPingresp(context, event),
  },
}).createMachine({
  id: 'client',
  context: ({ input }) => initialContext(input.name),
  initial: 'disconnected',
  on: {
    'SYS.CRASH': { target: '.crashed', actions: 'crash' },
  },
  states: {
    /** No network connection. A persistent session's state is kept here. */
    disconnected: {
      on: OFFLINE_ON,
    },
    /** net.open sent, waiting for NET.OPENED. */
    opening: {
      on: {
        'NET.OPENED': { target: 'connecting', actions: 'sendConnect' },
        ...WHILE_CONNECTING_ON,
      },
    },
    /** CONNECT sent, waiting for CONNACK. */
    connecting: {
      on: {
        'NET.PACKET': [
          { guard: 'connackAccepted', target: 'connected', actions: 'connackAccepted' },
          { guard: 'connackUnexpectedSession', target: 'disconnected', actions: 'connackUnexpectedSession' },
          { guard: 'isConnack', target: 'refused', actions: 'connackRefused' },
          { target: 'disconnected', actions: 'packetBeforeConnack' },
        ],
        'NET.MALFORMED': { target: 'disconnected', actions: 'malformed' },
        ...WHILE_CONNECTING_ON,
      },
    },
    /** CONNACK accepted: the session runs. */
    connected: {
      initial: 'idle',
      on: {
        'NET.PACKET': [
          { guard: 'packetEndsConnection', target: 'disconnected', actions: 'closeForPacket' },
          { actions: 'handlePacket' },
        ],
        'NET.MALFORMED': { target: 'disconnected', actions: 'malformed' },
        'NET.CLOSED': { target: 'disconnected', actions: 'networkClosed' },
        'APP.DISCONNECT': { target: 'disconnected', actions: 'cleanDisconnect' },
        'APP.CONNECT': { actions: 'connectAlready' },
        'APP.PUBLISH': { actions: 'whileConnected' },
        'APP.SUBSCRIBE': { actions: 'whileConnected' },
        'APP.UNSUBSCRIBE': { actions: 'whileConnected' },
      },
      states: {
        /** The keep-alive timer runs; every sent packet restarts it. */
        idle: {
          entry: 'armKeepAlive',
          exit: 'disarmKeepAlive',
          on: {
            'TIMER.KEEPALIVE': { target: 'awaitingPingresp', actions: 'sendPingreq' },
          },
        },
        /** PINGREQ sent; without a PINGRESP within keepAliveSec the connection is dead. */
        awaitingPingresp: {
          exit: 'cancelPingresp',
          on: {
            'NET.PACKET': { guard: 'isPingresp', target: 'idle', actions: 'pingrespReceived' },
            'TIMER.PINGRESP': { target: '#client.disconnected', actions: 'keepAliveTimeout' },
          },
        },
      },
    },
    /** CONNACK refused the connection; the return/reason code is kept. */
    refused: {
      on: OFFLINE_ON,
    },
    /** The process died: everything in memory is lost. A new APP.CONNECT starts it afresh. */
    crashed: {
      on: {
        'SYS.RESTART': { target: 'disconnected', actions: 'restart' },
        ...CONNECT_FROM_OFFLINE,
      },
    },
  },
});

export type ClientMachine = typeof clientMachine;

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
