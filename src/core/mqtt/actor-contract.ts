/**
 * The contract between the actors (broker and client machines) and whoever drives them: the
 * simulated world (`src/sim`) or the real-time TCP driver (`src/node`).
 *
 * Theory of operation
 * -------------------
 * Machines are advanced only with xstate's pure `initialTransition()` / `transition()`. They
 * never hold links, clocks or peers; instead a transition returns actions that the driver
 * interprets (ARCHITECTURE.md decision 2):
 *
 * - `net.open`     (client) open a network connection to the broker; the driver answers with
 *                  `NET.OPENED` (or `NET.CLOSED` when it cannot connect).
 * - `net.send`     send one packet; the driver encodes it with `version` (the sender encodes,
 *                  decision 3), carries the bytes over the link and the receiver's driver
 *                  decodes them into `NET.PACKET` (or `NET.MALFORMED`).
 * - `net.close`    close the connection (like closing a TCP socket: the peer sees `NET.CLOSED`).
 * - `app.deliver`  (client) a message is handed to the application: what "receives" means in
 *                  expectations.
 * - `trace.explain` a rule was applied: spec conformance ID, message key and parameters.
 * - timers are ordinary xstate delays: `after` transitions and `raise(event, { delay, id })`
 *   show up as `xstate.raise` actions with `params.delay`, and `xstate.cancel` (`params.sendId`)
 *   cancels them. The driver schedules the event back to the same actor at `now + delay`.
 *   Timer ids are scoped to the actor.
 *
 * Every action is data (no `exec` is ever run), so the same machines run in the browser, in
 * Node tests and on real sockets.
 *
 * Time: machines never read a clock. Every event a driver delivers carries `nowMs`, the
 * driver's current time (virtual in the world, wall-clock in the TCP driver); timer events
 * raised by a machine come back with `nowMs` added. Machines that need elapsed time (message
 * expiry, uptime) compute it from these values.
 *
 * Context: snapshots are kept in the world's history and shared between worlds, so a machine
 * never mutates its context in place: every `assign` returns new objects (Immutable.js
 * collections for the big ones).
 */
import type { CodecError, Packet, ProtocolVersion } from '../codec/types.ts';

/** Identifies one network connection (one TCP connection in the real driver). */
export type ConnId = string;

/** An explanation of a rule that was applied: the heart of "why did this happen?". */
export interface Explain {
  /** Conformance ID (`MQTT-3.1.2-8`) or section (`4.7.2`); `mosquitto:<topic>` for a choice the spec leaves to the broker. */
  ref: string;
  /** Message key; its English and German texts live beside the rule (see `messages.ts`). */
  key: string;
  params?: Record<string, string | number | boolean>;
}

// ── Actions returned by transitions (type + params) ───────────────────────────────────────

export type NetOpenParams = Record<string, never>;
export interface NetSendParams {
  /** Broker: the connection to send on. Client: omitted (its own connection). */
  connId?: ConnId;
  packet: Packet;
  version: ProtocolVersion;
}
export interface NetCloseParams {
  connId?: ConnId;
}
export interface AppDeliverParams {
  /** The PUBLISH as it arrived (topic, payload, qos, retain, dup, properties). */
  packet: Extract<Packet, { type: 'publish' }>;
}
export type TraceExplainParams = Explain;

/** Names of the effect actions every machine uses, mapped to their params. */
export interface EffectParams {
  'net.open': NetOpenParams;
  'net.send': NetSendParams;
  'net.close': NetCloseParams;
  'app.deliver': AppDeliverParams;
  'trace.explain': TraceExplainParams;
}
export type EffectName = keyof EffectParams;

// ── Events the driver sends to machines ───────────────────────────────────────────────────

/** Every event a driver delivers carries the driver's current time. */
export interface Timed {
  nowMs: number;
}

/** Network events for a client. */
export type ClientNetEvent = Timed &
  (
    | { type: 'NET.OPENED' }
    | { type: 'NET.PACKET'; packet: Packet }
    | { type: 'NET.MALFORMED'; error: CodecError }
    /** The connection is gone: closed by the peer, reset, or refused. */
    | { type: 'NET.CLOSED'; reason: 'peer-closed' | 'refused' | 'reset' }
  );

/** Network events for the broker, per connection. */
export type BrokerNetEvent = Timed &
  (
    | {
        type: 'NET.OPEN';
        connId: ConnId;
        /**
         * Set by a listener with `use_identity_as_username` (Mosquitto): the client certificate's
         * common name is the user name, and the password file is not used; `commonName` is absent
         * when the client presented no certificate (it is then refused at CONNECT).
         */
        identity?: { commonName?: string };
      }
    | { type: 'NET.PACKET'; connId: ConnId; packet: Packet }
    | { type: 'NET.MALFORMED'; connId: ConnId; error: CodecError }
    | { type: 'NET.CLOSED'; connId: ConnId; reason: 'peer-closed' | 'reset' }
  );

// ── The fast path: a transition without xstate's machinery ────────────────────────────────

/** An action as a transition returns it: a contract effect above, or `xstate.raise` / `xstate.cancel`. */
export interface ContractAction {
  type: string;
  params?: unknown;
}

/**
 * A machine's transition computed directly by its pure logic, for the events whose transition
 * it can read from the machine's definition (the broker: those that keep its state; the client:
 * its transitions between states too): the next snapshot and the actions, exactly as xstate's `transition()` would
 * return them (same state value, same context, the same actions in the same order). It answers
 * `undefined` for every other event, and the driver then asks xstate. The machine stays the
 * definition (its states are what the UI draws); this only skips xstate's per-event work of
 * selecting transitions and resolving actions, which costs several times the MQTT logic itself.
 */
export type PureStep<S> = (snapshot: S, event: { type: string }, run?: RunScope) => readonly [S, ContractAction[]] | undefined;

/**
 * What a driver that runs many steps in a row lends a fast path: `owned` holds the objects
 * copied during this run (by the driver and by the actors). Nothing older than the run can
 * reach them, and only the run's latest snapshot is kept, so an actor may edit an object in
 * `owned` in place instead of copying it again on every event; it adds its own copies. When the
 * run ends the driver empties the set, and from then on those objects are never changed (the
 * worlds that hold them are immutable). Without a run scope every event starts with nothing owned.
 */
export interface RunScope {
  readonly owned: Set<object>;
}

/** What a step or a run copied and may edit in place: a run's `Set`, or a single step's `StepOwned`. */
export interface Owned {
  has(value: object): boolean;
  add(value: object): unknown;
}

/**
 * A single step's few copies (a handful), in an array: a `Set` would give every new copy an
 * identity hash on `add`, which cost more than the whole scan of a handful of entries.
 */
export class StepOwned implements Owned {
  private readonly items: object[] = [];
  has(value: object): boolean {
    const items = this.items;
    for (let i = 0; i < items.length; i++) if (items[i] === value) return true;
    return false;
  }
  add(value: object): this {
    this.items.push(value);
    return this;
  }
}

/** `value` itself when it is in `owned` (copied by this run or step), else a copy added to `owned`. */
export function ownedCopy<T extends object>(owned: Owned, value: T, copy: (value: T) => T): T {
  if (owned.has(value)) return value;
  const mine = copy(value);
  owned.add(mine);
  return mine;
}

/** The own fields of an xstate 5 machine snapshot, in the order xstate creates them. */
const SNAPSHOT_FIELDS = ['status', 'output', 'error', 'machine', 'context', '_nodes', 'value', 'tags', 'children', 'historyValue', 'matches', 'hasTag', 'can', 'getMeta', 'toJSON'];

/** Does a snapshot have exactly SNAPSHOT_FIELDS? Asked once per run of the program. */
let snapshotShapeKnown: boolean | undefined;

/**
 * The snapshot with another context: what xstate's `assign` gives for a transition that keeps
 * the state, for a fast path. Copied as a literal, which V8 builds thirty times faster than an
 * object spread of a snapshot (0.02 µs against 0.65 µs, and it runs for nearly every packet);
 * should an xstate version ever give snapshots other fields, it falls back to the spread.
 */
export function withContext<S extends { context: unknown }>(snapshot: S, context: S['context']): S {
  return withStateOf(snapshot, snapshot, context);
}

/**
 * The snapshot in the state of `template` (a snapshot of the same machine in the state entered)
 * with another context: what xstate gives for a transition to that state, for a fast path.
 */
export function withStateOf<S extends { context: unknown }>(snapshot: S, template: S, context: S['context']): S {
  snapshotShapeKnown ??= Object.keys(snapshot).join() === SNAPSHOT_FIELDS.join();
  const t = template as unknown as Record<(typeof SNAPSHOT_FIELDS)[number], unknown>;
  if (!snapshotShapeKnown) return { ...snapshot, context, _nodes: t._nodes, value: t.value, tags: t.tags };
  const s = snapshot as unknown as Record<(typeof SNAPSHOT_FIELDS)[number], unknown>;
  return {
    status: s.status,
    output: s.output,
    error: s.error,
    machine: s.machine,
    context,
    _nodes: t._nodes,
    value: t.value,
    tags: t.tags,
    children: s.children,
    historyValue: s.historyValue,
    matches: s.matches,
    hasTag: s.hasTag,
    can: s.can,
    getMeta: s.getMeta,
    toJSON: s.toJSON,
  } as unknown as S;
}
