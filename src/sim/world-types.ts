/**
 * The world's data model: its configuration, commands, queued events and the immutable
 * `World` itself. Behaviour lives in `world.ts` (creating, scheduling, stepping) and `step.ts`
 * (what one step does).
 */
import type { Map as IMap } from 'immutable';
import type { AnyMachineSnapshot, AnyStateMachine, EventObject } from 'xstate';
import type { DecoderLimits, PacketType, ProtocolVersion } from '../core/codec/types.ts';
import type { Explain, PureStep } from '../core/mqtt/actor-contract.ts';
import type { RngState } from './rng.ts';
import type { Agenda } from './agenda.ts';
import type { Heap } from './queue.ts';
import type { TraceEntry } from './trace.ts';

export const BROKER = 'broker';

/** How an actor is made and shown. */
export interface ActorDef {
  machine: AnyStateMachine;
  input?: unknown;
  /** The learner view of a snapshot (shown with `state` entries). */
  view?: (snapshot: AnyMachineSnapshot) => unknown;
  /**
   * Optional fast path: the machine's transition computed by its pure logic for the events that
   * keep its state, exactly as xstate would compute it (actor-contract.ts, `PureStep`). The world
   * asks it first and falls back to xstate when it answers `undefined`.
   */
  pureStep?: PureStep<AnyMachineSnapshot>;
  /**
   * The limits the bytes arriving for this actor are decoded with, from its snapshot (the
   * broker's: its maximum packet size; its engine decides them, and the TCP driver uses the
   * same). Default: the protocol maxima.
   */
  decoderLimits?: (snapshot: AnyMachineSnapshot) => DecoderLimits;
}

export interface LinkSettings {
  latencyMs: number;
  jitterMs: number;
  /** Probability in [0, 1] that a packet is lost. */
  lossRatio: number;
  /**
   * The connection runs through TLS (`tls=on`). Presentation only: the inspector shows the TLS
   * records a sniffer would see (src/ui/inspector/tls-view.ts); timing and bytes of the
   * simulation are those of plain TCP (no handshake, no record overhead).
   */
  tls?: boolean;
}

export interface WorldConfig {
  seed: number;
  broker: ActorDef;
  clients: ReadonlyArray<ActorDef & { name: string }>;
  /** Link settings for every client unless a command changes them. Default 20 ms, no jitter, no loss. */
  link?: Partial<LinkSettings>;
  /** Time a TCP connect waits on a cut cable before it gives up. Default 5,000 ms. */
  connectTimeoutMs?: number;
}

/** A fault rule: what happens to the next matching packets on a client's link. */
export interface FaultRule {
  client: string;
  /** `up`: client -> broker; `down`: broker -> client. */
  direction: 'up' | 'down' | 'both';
  packetType: PacketType | '*';
  action: 'drop' | 'duplicate' | 'delay';
  delayMs?: number;
  /** How many more packets the rule applies to. */
  remaining: number;
}

/** An event for an actor: a type and any payload (the machines check their own events). */
export type ActorEvent = EventObject & Record<string, unknown>;

/** Commands: what a scenario or the UI does to the world. */
export type WorldCommand =
  | { type: 'client.event'; client: string; event: ActorEvent }
  | { type: 'broker.event'; event: ActorEvent }
  | { type: 'cable.cut'; client: string }
  | { type: 'cable.restore'; client: string }
  | { type: 'client.crash'; client: string }
  | { type: 'broker.restart'; persistence?: boolean }
  | { type: 'link.set'; client: string; settings: Partial<LinkSettings> }
  | { type: 'fault.add'; rule: FaultRule }
  /** Removes the fault rules not used up yet: those of one client, or every rule. */
  | { type: 'fault.clear'; client?: string }
  /**
   * Raw bytes from `client` to the broker, one frame (well-formed or not), on the client's
   * connection, which is opened first when it has none open. For tests that feed the world
   * and `npm run broker` the same bytes, and for the scenario language's `send` / `send-hex`
   * (a packet sent on purpose); the client actor gets what the broker answers. `segments`:
   * offsets where a new TCP segment starts (`send-hex "10 0d" | "00 04 ..."`); the broker
   * reads the bytes as a stream, as over TCP. `explain`: why it was sent, the rule it breaks.
   */
  | { type: 'raw.send'; client: string; bytes: Uint8Array; segments?: readonly number[]; explain?: Explain };

/** An event in the world's queue, ordered by (atMs, seq). */
export type QueuedEvent =
  | { atMs: number; seq: number; kind: 'command'; command: WorldCommand }
  | { atMs: number; seq: number; kind: 'timer'; actor: string; timerId: string; event: ActorEvent }
  | { atMs: number; seq: number; kind: 'arrive'; connId: string; toBroker: boolean; bytes: Uint8Array; sendSeq: number; /** Bytes of a raw send: read as part of a stream (frames may be split or joined) */ raw?: boolean; /** The `send` entry's summary of these bytes: the decoded packet's too (the codec round-trips) */ summary: string; /** TCP re-sends so far */ retries?: number; /** position in its direction's byte stream */ segment: number }
  | { atMs: number; seq: number; kind: 'opened'; connId: string; toBroker: boolean }
  | { atMs: number; seq: number; kind: 'closed'; connId: string; toBroker: boolean; reason: 'peer-closed' | 'reset' | 'refused'; retries?: number; segment?: number };

/** A scheduled command, as the agenda holds it. */
export type QueuedCommand = Extract<QueuedEvent, { kind: 'command' }>;

/**
 * The bookkeeping of one timer id of one actor.
 *
 * Re-arming a timer (a client restarts its keep-alive timer with every packet it sends) queues
 * no new event while the queued event of the same id comes up no later: the new timer is parked,
 * and queued with its own time and sequence number only when that event comes up. It then runs
 * exactly where it would have run, and the queue holds about one event per timer instead of one
 * per re-arm. An event whose `seq` is not `wakeSeq` belongs to nobody any more and is skipped.
 */
export interface TimerSlot {
  /** The queued event the world relies on to wake up for this id. */
  readonly wakeAtMs: number;
  readonly wakeSeq: number;
  /** The armed timer, undefined once cancelled; parked while its `seq` is not `wakeSeq`. */
  readonly armed?: { readonly atMs: number; readonly seq: number; readonly event: ActorEvent };
}

export interface Connection {
  id: string;
  client: string;
  /** Protocol version of the connection, known once a CONNECT has been seen. */
  version: ProtocolVersion;
  clientOpen: boolean;
  brokerOpen: boolean;
  /** Latest arrival time queued in each direction (FIFO: jitter never reorders). */
  lastUpMs: number;
  lastDownMs: number;
  /**
   * Set when a fault rule dropped a packet: over TCP a packet is only ever lost together with its
   * connection, so from then on nothing gets through on it, and nobody is told.
   */
  broken?: boolean;
  /** Segments sent and delivered so far in each direction: TCP delivers them in order. */
  sentUp: number;
  sentDown: number;
  deliveredUp: number;
  deliveredDown: number;
  /** Until when a lost segment of each direction is held for TCP's next try. */
  heldUpUntilMs: number;
  heldDownUntilMs: number;
  /**
   * Bytes of an unfinished packet the broker holds from raw sends (a frame split across TCP
   * segments): the start of the byte stream that the next segment continues.
   */
  pendingUp?: Uint8Array;
}

export interface Cable extends LinkSettings {
  up: boolean;
}

/** A link nobody configured: 20 ms each way, no jitter, no loss. */
export const DEFAULT_LINK: Readonly<LinkSettings> = { latencyMs: 20, jitterMs: 0, lossRatio: 0 };

/** The cable of a client that has none of its own: the default link, plugged in. */
export const DEFAULT_CABLE: Readonly<Cable> = { ...DEFAULT_LINK, up: true };

export interface Statics {
  defs: ReadonlyMap<string, ActorDef>;
  /** The world's seed (what derived views such as the TLS record bytes are made from). */
  seed: number;
  connectTimeoutMs: number;
}

export interface World {
  readonly nowMs: number;
  /** Next queue sequence number. */
  readonly seq: number;
  /** Next trace sequence number (= entries so far). */
  readonly traceSeq: number;
  /** Steps taken so far. */
  readonly stepCount: number;
  readonly rng: RngState;
  /** Events the world itself produces: packet arrivals, timers, connections opening and closing. */
  readonly queue: Heap<QueuedEvent>;
  /** Commands, most of them scheduled before the run (agenda.ts). */
  readonly agenda: Agenda<QueuedCommand>;
  readonly actors: IMap<string, AnyMachineSnapshot>;
  /** `actor \u0001 timerId` -> the timer's bookkeeping. */
  readonly timers: IMap<string, TimerSlot>;
  readonly conns: IMap<string, Connection>;
  /** Client name -> its current connection. */
  readonly clientConn: IMap<string, string>;
  readonly cables: IMap<string, Cable>;
  readonly faults: ReadonlyArray<FaultRule>;
  readonly connCounter: number;
  readonly statics: Statics;
}

export interface StepResult {
  world: World;
  entries: TraceEntry[];
}

