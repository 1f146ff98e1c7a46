/**
 * Steps of the world: `Step` is a mutable builder that runs queued events, one at a time or a
 * run of them, delivers each to an actor with a pure transition, interprets the returned
 * actions (ARCHITECTURE.md decision 2) and freezes the result into the next immutable `World`.
 * The TCP link model (connections, segments, losses, closing) is link.ts. See `world.ts` for the
 * theory of operation.
 */
import type { AnyMachineSnapshot } from 'xstate';
import { summarize } from '../core/codec/index.ts';
import type { DecoderLimits, Packet, PacketType, ProtocolVersion } from '../core/codec/types.ts';
import { ownedCopy, type AppDeliverParams, type Explain, type NetCloseParams, type NetSendParams, type RunScope } from '../core/mqtt/actor-contract.ts';
import { commandWords, type CommandWords } from './command-text.ts';
import { pureTransition } from './pure-transition.ts';
import { nextFloat, type RngState } from './rng.ts';
import { before, TransientQueue } from './queue.ts';
import { Overlay } from './overlay.ts';
import type { TraceEntry } from './trace.ts';
import { first, rest, settle, type Agenda } from './agenda.ts';
import { arrive, close, closed, DOWN, notifyClosed, open, rawSend, send, UP } from './link.ts';
import { BROKER, DEFAULT_CABLE, type ActorEvent, type Cable, type Connection, type FaultRule, type QueuedCommand, type QueuedEvent, type TimerSlot, type World, type WorldCommand } from './world-types.ts';

/**
 * A mutable builder for a run of steps, from one to many: it starts from a world, runs queued
 * events one after the other (`next`, then `take`), and `finish` freezes the result into the
 * next immutable `World`. Within the run the world's maps and queue are transient (overlay.ts,
 * `TransientQueue`): each step reads and writes plain maps and arrays, and only `finish` writes
 * the changes into persistent structures, so a run of thousands of steps pays for that once.
 * The world it started from is never changed. A run of n steps gives the same world and the
 * same trace as n single steps (tests/sim/run-batch.test.ts checks it).
 */
export class Step {
  nowMs: number;
  seq: number;
  traceSeq: number;
  rng: RngState;
  readonly queue: TransientQueue<QueuedEvent>;
  agenda: Agenda<QueuedCommand>;
  readonly actors: Overlay<string, AnyMachineSnapshot>;
  readonly timers: Overlay<string, TimerSlot>;
  readonly conns: Overlay<string, Connection>;
  readonly clientConn: Overlay<string, string>;
  readonly cables: Overlay<string, Cable>;
  faults: ReadonlyArray<FaultRule>;
  connCounter: number;
  /** The entries the steps made, unless they go `into` a store (then empty). */
  readonly entries: TraceEntry[] = [];
  /** Where each entry goes as it is made: `entries`, or a store (run.ts, `into`). */
  readonly sink: TraceSink;
  /** The sink, when it takes the frequent entries as their fields (no entry object made). */
  private readonly writer: TraceWriter | undefined;
  /**
   * The objects this run copied and may change in place: its connections (`editConn`) and what
   * the actors' fast paths copy (actor-contract.ts, `RunScope`). Emptied by `finish`.
   */
  readonly scope: RunScope = { owned: new Set() };
  private readonly timerKeys = new Map<string, Map<string, string>>();
  /** The packet summarized last and its summary (`summaryOf`). */
  private lastPacket: Packet | undefined;
  private lastSummary = '';
  /** The step running now (= steps taken before it), which its trace entries carry. */
  stepIndex: number;
  readonly statics: World['statics'];

  constructor(world: World, into?: TraceSink) {
    this.sink = into ?? this.entries;
    this.writer = into !== undefined && isWriter(into) ? into : undefined;
    this.nowMs = world.nowMs;
    this.seq = world.seq;
    this.traceSeq = world.traceSeq;
    this.rng = world.rng;
    this.queue = new TransientQueue(world.queue);
    this.agenda = world.agenda;
    this.actors = new Overlay(world.actors);
    this.timers = new Overlay(world.timers);
    this.conns = new Overlay(world.conns);
    this.clientConn = new Overlay(world.clientConn);
    this.cables = new Overlay(world.cables);
    this.faults = world.faults;
    this.connCounter = world.connCounter;
    this.stepIndex = world.stepCount;
    this.statics = world.statics;
  }

  /** The world as it stands after the steps taken. */
  finish(): World {
    this.scope.owned.clear(); // handed over: from now on they belong to the new world
    return {
      nowMs: this.nowMs,
      seq: this.seq,
      traceSeq: this.traceSeq,
      stepCount: this.stepIndex,
      rng: this.rng,
      queue: this.queue.freeze(),
      agenda: this.agenda,
      actors: this.actors.freeze(),
      timers: this.timers.freeze(),
      conns: this.conns.freeze(),
      clientConn: this.clientConn.freeze(),
      cables: this.cables.freeze(),
      faults: this.faults,
      connCounter: this.connCounter,
      statics: this.statics,
    };
  }

  /**
   * The earliest live event, left in place: the head of the queue or of the agenda. On the way,
   * cancelled timers' events are dropped and a parked timer is queued in its own place when the
   * event it waited behind comes up (world-types.ts, TimerSlot); neither is a step. Bounded:
   * every turn removes one item.
   */
  next(): QueuedEvent | undefined {
    for (let head = this.queue.peek(); head?.kind === 'timer'; head = this.queue.peek()) {
      const key = this.timerKey(head.actor, head.timerId);
      const slot = this.timers.get(key);
      if (slot?.wakeSeq === head.seq && slot.armed?.seq === head.seq) break; // due: a step runs it
      this.queue.pop();
      if (slot === undefined || slot.wakeSeq !== head.seq) continue; // nobody waits for this event any more
      if (slot.armed === undefined) {
        this.timers.delete(key); // cancelled
        continue;
      }
      const { atMs, seq, event } = slot.armed;
      this.queue.push({ atMs, seq, kind: 'timer', actor: head.actor, timerId: head.timerId, event });
      this.timers.set(key, { wakeAtMs: atMs, wakeSeq: seq, armed: slot.armed });
    }
    this.agenda = settle(this.agenda);
    const event = this.queue.peek();
    const command = first(this.agenda);
    return command !== undefined && (event === undefined || before(command, event)) ? command : event;
  }

  /** One step: run `event`, which `next` has just returned. */
  take(event: QueuedEvent): void {
    if (event.kind === 'command') this.agenda = rest(this.agenda);
    else this.queue.pop();
    this.nowMs = Math.max(this.nowMs, event.atMs);
    this.run(event);
    this.stepIndex++;
  }

  /**
   * An entry of any kind, from its fields by name. It holds only the fields given (an absent
   * one reads as undefined; JSON leaves both out), in TraceEntry's order. For the rare entries
   * (drops, the simulator's own notes); the frequent ones have a shape of their own each, below,
   * without the fields their kind never has: a trace keeps every entry.
   */
  trace(fields: EntryFields): TraceEntry {
    const entry: TraceEntry = { seq: this.traceSeq++, step: this.stepIndex, atMs: this.nowMs, kind: fields.kind, from: fields.from };
    for (const key of OPTIONAL_FIELDS) if (fields[key] !== undefined) (entry as unknown as Record<string, unknown>)[key] = fields[key];
    this.sink.push(entry);
    return entry;
  }

  /** A `note`: a rule an actor applied (its `trace.explain` action). */
  recordNote(from: string, explain: Explain): void {
    const seq = this.traceSeq++;
    if (this.writer !== undefined) this.writer.note(seq, this.stepIndex, this.nowMs, from, explain);
    else this.sink.push({ seq, step: this.stepIndex, atMs: this.nowMs, kind: 'note', from, explain });
  }

  /**
   * A `send` entry: a packet leaves `from` on connection `connId` (none: not connected), as
   * `bytes`, its encoding for protocol `version`; `summary` is `summarize(packet)`. Returns its seq.
   */
  recordSend(from: string, to: string, connId: string | undefined, packet: Packet, bytes: Uint8Array, summary: string, version: ProtocolVersion): number {
    const seq = this.traceSeq++;
    if (this.writer !== undefined) this.writer.send(seq, this.stepIndex, this.nowMs, from, to, connId, packet, bytes, summary, version);
    else this.sink.push({ seq, step: this.stepIndex, atMs: this.nowMs, kind: 'send', from, to, connId, packet, bytes, summary });
    return seq;
  }

  /** An `app` entry: a client hands a message to its application. */
  recordApp(actor: string, packet: Packet): void {
    const seq = this.traceSeq++;
    const summary = this.summaryOf(packet);
    if (this.writer !== undefined) this.writer.app(seq, this.stepIndex, this.nowMs, actor, packet, summary);
    else this.sink.push({ seq, step: this.stepIndex, atMs: this.nowMs, kind: 'app', from: actor, to: actor, packet, summary });
  }

  /**
   * A `deliver` entry: bytes (and the packet decoded from them with `version`, when they hold
   * one) arrive; `late` explains an arrival after TCP re-sent the segment.
   */
  recordDeliver(from: string, to: string, connId: string, packet: Packet | undefined, bytes: Uint8Array, summary: string, sendSeq: number, late: Explain | undefined, version: ProtocolVersion): void {
    if (packet === undefined || late !== undefined) {
      this.trace({ kind: 'deliver', from, to, connId, packet, bytes, summary, sendSeq, explain: late });
      return;
    }
    const seq = this.traceSeq++;
    if (this.writer !== undefined) this.writer.deliver(seq, this.stepIndex, this.nowMs, from, to, connId, packet, bytes, summary, sendSeq, version);
    else this.sink.push({ seq, step: this.stepIndex, atMs: this.nowMs, kind: 'deliver', from, to, connId, packet, bytes, summary, sendSeq });
  }

  /** A `timer` entry: the timer of `actor` that fired. */
  recordTimer(actor: string, summary: string): void {
    const seq = this.traceSeq++;
    if (this.writer !== undefined) this.writer.timer(seq, this.stepIndex, this.nowMs, actor, summary);
    else this.sink.push({ seq, step: this.stepIndex, atMs: this.nowMs, kind: 'timer', from: actor, to: actor, summary });
  }

  /** A `command` entry: the command in words (src/sim/command-text.ts), for the actor `to`. */
  recordCommand(to: string, command: CommandWords): void {
    const seq = this.traceSeq++;
    if (this.writer !== undefined) this.writer.command(seq, this.stepIndex, this.nowMs, to, command);
    else this.sink.push({ seq, step: this.stepIndex, atMs: this.nowMs, kind: 'command', from: 'world', to, command });
  }

  enqueue(event: DistributiveOmit<QueuedEvent, 'seq'>): number {
    const seq = this.seq++;
    this.queue.push({ ...event, seq } as QueuedEvent);
    return seq;
  }

  /**
   * `timerKey`, the same string object for the same actor and id during the run: a key built
   * anew each time is hashed anew on every lookup.
   */
  timerKey(actor: string, timerId: string): string {
    let ofActor = this.timerKeys.get(actor);
    if (ofActor === undefined) this.timerKeys.set(actor, (ofActor = new Map()));
    let key = ofActor.get(timerId);
    if (key === undefined) ofActor.set(timerId, (key = timerKey(actor, timerId)));
    return key;
  }

  /**
   * The connection as a copy this builder may change in place: the first edit in a run copies
   * the world's object (which older worlds share and which is never changed), later edits in the
   * same run change that copy. `finish` hands the copies over to the new world.
   */
  editConn(id: string): Connection {
    return this.own(this.conns.get(id)!);
  }

  /** `editConn` for the connection `conn` just read from `conns` (saves looking it up again). */
  own(conn: Connection): Connection {
    const mine = ownedCopy(this.scope.owned, conn, copyConnection);
    if (mine !== conn) this.conns.set(conn.id, mine);
    return mine;
  }

  /**
   * A packet's one-line summary. A delivered PUBLISH is summarized on arrival and again when the
   * client hands that same packet object to its application: the second time reuses the string.
   * Packets are never mutated (actor-contract.ts), so the object identifies the summary.
   */
  summaryOf(packet: Packet): string {
    if (this.lastPacket !== packet) this.remember(packet, summarize(packet));
    return this.lastSummary;
  }

  /**
   * A packet decoded from arriving bytes has the summary its sender's `send` entry gave those
   * bytes: the codec round-trips (tests/codec, and tests/sim/run-batch.test.ts checks it on
   * whole traces), so the string is shared instead of built and kept a second time.
   */
  arrivedSummary(packet: Packet, sentSummary: string): string {
    this.remember(packet, sentSummary);
    return sentSummary;
  }

  private remember(packet: Packet, summary: string): void {
    this.lastPacket = packet;
    this.lastSummary = summary;
  }

  random(): number {
    const [value, next] = nextFloat(this.rng);
    this.rng = next;
    return value;
  }

  // ── delivering events to actors ──

  deliver(actor: string, event: ActorEvent): void {
    // A client's timer events carry the time they fire at already: no copy needed then.
    this.deliverTimed(actor, event.nowMs === this.nowMs ? (event as ActorEvent & { nowMs: number }) : { ...event, nowMs: this.nowMs });
  }

  /** `deliver` for an event that carries the current time as `nowMs` already. */
  deliverTimed(actor: string, timed: ActorEvent & { nowMs: number }): void {
    const def = this.statics.defs.get(actor);
    const before = this.actors.get(actor);
    if (!def || !before) {
      this.trace({ kind: 'note', from: 'world', to: actor, explain: { ref: 'sim', key: 'sim.unknown-actor', params: { actor } } });
      return;
    }
    let after: AnyMachineSnapshot;
    let actions: ReadonlyArray<{ type: string; params?: unknown }>;
    try {
      // The actor's fast path when it has one for this event, xstate's transition otherwise.
      [after, actions] = def.pureStep?.(before, timed, this.scope) ?? pureTransition(def.machine, before, timed);
    } catch (error) {
      // A bug in a machine must not end the run: keep the old state and say what happened.
      this.trace({ kind: 'note', from: actor, explain: { ref: 'sim', key: 'sim.actor-error', params: { event: timed.type, error: String(error) } } });
      return;
    }
    this.actors.set(actor, after);
    for (let i = 0; i < actions.length; i++) {
      const action = actions[i]!;
      // A timer cancelled and raised again at once (a client restarting its keep-alive on every
      // send) ends as the raise alone leaves it (`armTimer` replaces what is armed): skip the cancel.
      if (action.type === 'xstate.cancel' && restartsTimer(action.params, actions[i + 1])) continue;
      this.interpret(actor, action.type, action.params);
    }
    if (!sameStateValue(after.value, before.value)) {
      this.sink.push({ seq: this.traceSeq++, step: this.stepIndex, atMs: this.nowMs, kind: 'state', from: actor, state: { value: after.value, view: def.view?.(after) } });
    }
  }

  interpret(actor: string, type: string, params: unknown): void {
    switch (type) {
      case 'net.send':
        return send(this, actor, params as NetSendParams);
      case 'net.open':
        return open(this, actor);
      case 'net.close':
        return close(this, actor, (params as NetCloseParams | undefined)?.connId);
      case 'app.deliver': {
        this.recordApp(actor, (params as AppDeliverParams).packet);
        return;
      }
      case 'trace.explain':
        this.recordNote(actor, params as Explain);
        return;
      case 'xstate.raise': {
        const p = params as { event: ActorEvent; id?: string; delay?: number };
        if (p.delay === undefined) return; // raised without delay: already handled inside the machine
        const timerId = p.id ?? `anonymous-${this.seq}`;
        return this.armTimer({ actor, timerId, atMs: this.nowMs + Math.max(0, p.delay), event: p.event });
      }
      case 'xstate.cancel': {
        const key = this.timerKey(actor, (params as { sendId: string }).sendId);
        const slot = this.timers.get(key);
        // The slot stays while its wake-up event is queued (world-types.ts, TimerSlot).
        if (slot?.armed) this.timers.set(key, { wakeAtMs: slot.wakeAtMs, wakeSeq: slot.wakeSeq });
        return;
      }
      default:
        // Other actions (xstate.emit, logging) have no effect on the world.
        return;
    }
  }

  /** Arm a timer; parked behind its id's queued event when that comes up no later (TimerSlot). */
  armTimer({ actor, timerId, atMs, event }: { actor: string; timerId: string; atMs: number; event: ActorEvent }): void {
    const key = this.timerKey(actor, timerId);
    const slot = this.timers.get(key);
    const seq = this.seq++;
    const armed = { atMs, seq, event };
    if (slot !== undefined && slot.wakeAtMs <= atMs) {
      // Parked behind the queued event. A slot this run made is re-armed in place: a client
      // re-arms its keep-alive with every packet it sends.
      if (this.scope.owned.has(slot)) (slot as { armed?: TimerSlot['armed'] }).armed = armed;
      else this.setSlot(key, { wakeAtMs: slot.wakeAtMs, wakeSeq: slot.wakeSeq, armed });
      return;
    }
    this.queue.push({ atMs, seq, kind: 'timer', actor, timerId, event });
    this.setSlot(key, { wakeAtMs: atMs, wakeSeq: seq, armed });
  }

  /** A new armed slot, which this run may re-arm in place (`armTimer`) until `finish`. */
  private setSlot(key: string, slot: TimerSlot): void {
    this.scope.owned.add(slot);
    this.timers.set(key, slot);
  }

  // ── the network ──

  takeFault(client: string, direction: 'up' | 'down', packetType: PacketType): FaultRule | undefined {
    if (this.faults.length === 0) return undefined;
    const index = this.faults.findIndex(
      (f) => f.client === client && (f.direction === 'both' || f.direction === direction) && (f.packetType === '*' || f.packetType === packetType) && f.remaining > 0,
    );
    if (index < 0) return undefined;
    const rule = this.faults[index]!;
    const faults = [...this.faults];
    if (rule.remaining > 1) faults[index] = { ...rule, remaining: rule.remaining - 1 };
    else faults.splice(index, 1);
    this.faults = faults;
    return rule;
  }

  cable(client: string): Cable {
    return this.cables.get(client) ?? DEFAULT_CABLE;
  }

  // ── events from the queue ──

  run(event: QueuedEvent): void {
    switch (event.kind) {
      case 'command':
        return this.command(event.command);
      case 'timer': {
        this.timers.delete(this.timerKey(event.actor, event.timerId));
        this.recordTimer(event.actor, timerSummary(event.event.type));
        return this.deliver(event.actor, event.event);
      }
      case 'opened': {
        const conn = this.conns.get(event.connId);
        if (!conn) return;
        this.trace({ kind: 'note', from: event.toBroker ? BROKER : conn.client, connId: conn.id, explain: { ref: 'sim', key: 'sim.tcp-open', params: { conn: conn.id } } });
        if (event.toBroker) {
          this.editConn(conn.id).brokerOpen = true;
          return this.deliver(BROKER, { type: 'NET.OPEN', connId: conn.id });
        }
        if (!conn.clientOpen || this.clientConn.get(conn.client) !== conn.id) return;
        return this.deliver(conn.client, { type: 'NET.OPENED' });
      }
      case 'closed':
        return closed(this, event);
      case 'arrive':
        return arrive(this, event);
    }
  }

  /** The limits bytes for `actor` are decoded with (ActorDef.decoderLimits), or the protocol maxima. */
  decoderLimits(actor: string): DecoderLimits | undefined {
    const limits = this.statics.defs.get(actor)?.decoderLimits;
    const snapshot = limits === undefined ? undefined : this.actors.get(actor);
    return snapshot === undefined ? undefined : limits!(snapshot);
  }

  command(command: WorldCommand): void {
    const to = 'client' in command && command.client !== undefined ? command.client : BROKER;
    this.recordCommand(to, commandWords(command));
    switch (command.type) {
      case 'client.event':
        return this.deliver(command.client, command.event);
      case 'broker.event':
        return this.deliver(BROKER, command.event);
      case 'cable.cut':
      case 'cable.restore':
        this.cables.set(command.client, { ...this.cable(command.client), up: command.type === 'cable.restore' });
        return;
      case 'link.set':
        this.cables.set(command.client, { ...this.cable(command.client), ...command.settings });
        return;
      case 'fault.add':
        this.faults = [...this.faults, command.rule];
        return;
      case 'fault.clear':
        this.faults = command.client === undefined ? [] : this.faults.filter((f) => f.client !== command.client);
        return;
      case 'raw.send':
        return rawSend(this, command);
      case 'client.crash': {
        this.deliver(command.client, { type: 'SYS.CRASH' });
        // The operating system closes the dead process's socket: the broker sees a reset.
        const connId = this.clientConn.get(command.client);
        const conn = connId === undefined ? undefined : this.conns.get(connId);
        if (conn?.clientOpen) {
          this.editConn(conn.id).clientOpen = false;
          notifyClosed(this, conn.id, UP, 'reset');
        }
        return;
      }
      case 'broker.restart': {
        this.deliver(BROKER, { type: 'BROKER.RESTART', persistence: command.persistence ?? false });
        // In the order the connections were opened: a map's own order is not part of the world.
        const open = [...this.conns.values()].filter((c) => c.brokerOpen).sort((a, b) => connNumber(a.id) - connNumber(b.id));
        for (const conn of open) {
          this.editConn(conn.id).brokerOpen = false;
          notifyClosed(this, conn.id, DOWN, 'reset');
        }
        return;
      }
    }
  }
}

/**
 * Where a run's entries go as they are made: an array, or a store that keeps them compactly
 * (trace-log.ts), so that a long run holds no entry object longer than its step.
 */
export interface TraceSink {
  push(entry: TraceEntry): unknown;
}

/**
 * A sink that also takes the frequent entries as their fields (trace-log.ts `TraceLog`): the
 * steps then make no entry object for them. Each method keeps exactly what `push` of the entry
 * `Step` would otherwise make keeps (named in its doc), its `seq`, `step` and `atMs` first.
 */
export interface TraceWriter extends TraceSink {
  /** `{ kind: 'send', from, to, connId, packet, bytes, summary }`; `bytes` is `encode(packet, version)`, `summary` is `summarize(packet)`. */
  send(seq: number, step: number, atMs: number, from: string, to: string, connId: string | undefined, packet: Packet, bytes: Uint8Array, summary: string, version: ProtocolVersion): void;
  /** `{ kind: 'deliver', from, to, connId, packet, bytes, summary, sendSeq }`; `packet` is `bytes` decoded with `version`, `summary` its send's. */
  deliver(seq: number, step: number, atMs: number, from: string, to: string, connId: string, packet: Packet, bytes: Uint8Array, summary: string, sendSeq: number, version: ProtocolVersion): void;
  /** `{ kind: 'app', from: actor, to: actor, packet, summary }`. */
  app(seq: number, step: number, atMs: number, actor: string, packet: Packet, summary: string): void;
  /** `{ kind: 'note', from, explain }`. */
  note(seq: number, step: number, atMs: number, from: string, explain: Explain): void;
  /** `{ kind: 'timer', from: actor, to: actor, summary }`. */
  timer(seq: number, step: number, atMs: number, actor: string, summary: string): void;
  /** `{ kind: 'command', from: 'world', to, command }`. */
  command(seq: number, step: number, atMs: number, to: string, command: CommandWords): void;
}

function isWriter(sink: TraceSink): sink is TraceWriter {
  return typeof (sink as Partial<TraceWriter>).deliver === 'function';
}

/** The fields of an entry that `Step` does not fill in itself. */
type EntryFields = Omit<TraceEntry, 'seq' | 'step' | 'atMs'>;

/** TraceEntry's optional fields, in its order (which JSON keeps). */
const OPTIONAL_FIELDS = ['to', 'connId', 'packet', 'bytes', 'summary', 'sendSeq', 'state', 'explain'] as const satisfies ReadonlyArray<keyof EntryFields>;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * Are two state values the same? xstate builds a new value object on every transition, so
 * equal values are compared by content: a string (`'running'`) or nested objects of strings
 * (`{ connected: 'idle' }`).
 */
/** Is `next` the raise of the timer that `cancelParams` cancels? */
function restartsTimer(cancelParams: unknown, next: { type: string; params?: unknown } | undefined): boolean {
  if (next?.type !== 'xstate.raise') return false;
  const raise = next.params as { id?: string; delay?: number };
  return raise.delay !== undefined && raise.id !== undefined && raise.id === (cancelParams as { sendId: string }).sendId;
}

/** A copy of a connection, as a literal (an object spread is several times slower in V8). */
function copyConnection(c: Connection): Connection {
  const copy: Connection = {
    id: c.id,
    client: c.client,
    version: c.version,
    clientOpen: c.clientOpen,
    brokerOpen: c.brokerOpen,
    lastUpMs: c.lastUpMs,
    lastDownMs: c.lastDownMs,
    sentUp: c.sentUp,
    sentDown: c.sentDown,
    deliveredUp: c.deliveredUp,
    deliveredDown: c.deliveredDown,
    heldUpUntilMs: c.heldUpUntilMs,
    heldDownUntilMs: c.heldDownUntilMs,
  };
  if (c.broken !== undefined) copy.broken = c.broken;
  if (c.pendingUp !== undefined) copy.pendingUp = c.pendingUp;
  return copy;
}

function sameStateValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.hasOwn(b, k) && sameStateValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** A connection's number: ids are `client#n`, n counting up from 1 in the order they open. */
function connNumber(connId: string): number {
  return Number(connId.slice(connId.lastIndexOf('#') + 1));
}

/** The key of a live timer in `World.timers`. */
export function timerKey(actor: string, timerId: string): string {
  return `${actor}\u0001${timerId}`;
}

function timerSummary(eventType: string): string {
  const after = /^xstate\.after\.([^.]+)\./.exec(eventType);
  return after ? `timer ${after[1]}` : `timer ${eventType}`;
}

