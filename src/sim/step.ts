/**
 * Steps of the world: `Step` is a mutable builder that runs queued events, one at a time or a
 * run of them, delivers each to an actor with a pure transition, interprets the returned
 * actions (ARCHITECTURE.md decision 2) and freezes the result into the next immutable `World`.
 * See `world.ts` for the theory of operation.
 */
import type { AnyMachineSnapshot } from 'xstate';
import { decode, encode, summarize } from '../core/codec/index.ts';
import type { DecoderLimits, Packet, PacketType } from '../core/codec/types.ts';
import { ownedCopy, type AppDeliverParams, type Explain, type NetCloseParams, type NetSendParams, type RunScope } from '../core/mqtt/actor-contract.ts';
import { pureTransition } from './pure-transition.ts';
import { nextFloat, type RngState } from './rng.ts';
import { before, TransientQueue } from './queue.ts';
import { Overlay } from './overlay.ts';
import type { TraceEntry } from './trace.ts';
import { first, rest, settle, type Agenda } from './agenda.ts';
import { directionOf, DOWN, UP, type LinkDirection } from './link.ts';
import { BROKER, DEFAULT_CABLE, type ActorEvent, type Cable, type Connection, type FaultRule, type QueuedCommand, type QueuedEvent, type TimerSlot, type World, type WorldCommand } from './world-types.ts';

/** TCP's retransmission timeout: Linux starts at 200 ms, doubles, caps at 120 s, gives up after 15 re-sends. */
const MIN_RTO_MS = 200;
const MAX_RTO_MS = 120_000;
const MAX_RETRIES = 15;

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
  readonly entries: TraceEntry[] = [];
  /**
   * The objects this run copied and may change in place: its connections (`editConn`) and what
   * the actors' fast paths copy (actor-contract.ts, `RunScope`). Emptied by `finish`.
   */
  private readonly scope: RunScope = { owned: new Set() };
  private readonly timerKeys = new Map<string, Map<string, string>>();
  /** The packet summarized last and its summary (`summaryOf`). */
  private lastPacket: Packet | undefined;
  private lastSummary = '';
  /** The step running now (= steps taken before it), which its trace entries carry. */
  stepIndex: number;
  readonly statics: World['statics'];

  constructor(world: World) {
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

  trace(entry: Omit<TraceEntry, 'seq' | 'step' | 'atMs'>): TraceEntry {
    return this.record(entry.kind, entry.from, entry.to, entry.connId, entry.packet, entry.bytes, entry.summary, entry.sendSeq, entry.state, entry.explain);
  }

  /**
   * `trace` with the fields as arguments, for the entries of every packet: it builds the entry
   * alone, without an object to read the fields from. These entries share one shape, fields in
   * TraceEntry's order (absent ones undefined, which JSON leaves out): twice as fast to build as
   * a spread, and few hidden classes for the readers (notes and sends have their own, below).
   */
  record(
    kind: TraceEntry['kind'],
    from: string,
    to: string | undefined,
    connId: string | undefined,
    packet: Packet | undefined,
    bytes: Uint8Array | undefined,
    summary: string | undefined,
    sendSeq: number | undefined,
    state: TraceEntry['state'],
    explain: Explain | undefined,
  ): TraceEntry {
    const full: TraceEntry = {
      seq: this.traceSeq++,
      step: this.stepIndex,
      atMs: this.nowMs,
      kind,
      from,
      to,
      connId,
      packet,
      bytes,
      summary,
      sendSeq,
      state,
      explain,
    };
    this.entries.push(full);
    return full;
  }

  /**
   * The most frequent entries in two shapes of their own, without the fields they never have
   * (an absent field reads as undefined, and JSON leaves both out): a trace keeps every entry,
   * and the 13-field shape made a note 48 bytes larger and a send or app entry 24. With the
   * full shape that is three shapes in all, which V8's property caches still handle directly.
   */
  private recordNote(from: string, explain: Explain): void {
    this.entries.push({ seq: this.traceSeq++, step: this.stepIndex, atMs: this.nowMs, kind: 'note', from, to: undefined, explain });
  }

  /** A `send` entry; an `app` entry (no connection, no bytes) takes the same shape. */
  private recordPacket(kind: 'send' | 'app', from: string, to: string, connId: string | undefined, packet: Packet, bytes: Uint8Array | undefined, summary: string): TraceEntry {
    const entry: TraceEntry = { seq: this.traceSeq++, step: this.stepIndex, atMs: this.nowMs, kind, from, to, connId, packet, bytes, summary };
    this.entries.push(entry);
    return entry;
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
  private own(conn: Connection): Connection {
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
      this.trace({ kind: 'state', from: actor, state: { value: after.value, view: def.view?.(after) } });
    }
  }

  interpret(actor: string, type: string, params: unknown): void {
    switch (type) {
      case 'net.send':
        return this.send(actor, params as NetSendParams);
      case 'net.open':
        return this.open(actor);
      case 'net.close':
        return this.close(actor, (params as NetCloseParams | undefined)?.connId);
      case 'app.deliver': {
        const { packet } = params as AppDeliverParams;
        this.recordPacket('app', actor, actor, undefined, packet, undefined, this.summaryOf(packet));
        return;
      }
      case 'trace.explain':
        this.recordNote(actor, params as Explain);
        return;
      case 'xstate.raise': {
        const p = params as { event: ActorEvent; id?: string; delay?: number };
        if (p.delay === undefined) return; // raised without delay: already handled inside the machine
        const timerId = p.id ?? `anonymous-${this.seq}`;
        return this.armTimer(actor, timerId, this.nowMs + Math.max(0, p.delay), p.event);
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
  armTimer(actor: string, timerId: string, atMs: number, event: ActorEvent): void {
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

  open(client: string): void {
    const id = `${client}#${++this.connCounter}`;
    const conn: Connection = {
      id,
      client,
      version: 4,
      clientOpen: true,
      brokerOpen: false,
      lastUpMs: this.nowMs,
      lastDownMs: this.nowMs,
      sentUp: 0,
      sentDown: 0,
      deliveredUp: 0,
      deliveredDown: 0,
      heldUpUntilMs: 0,
      heldDownUntilMs: 0,
    };
    this.conns.set(id, conn);
    this.scope.owned.add(conn);
    this.clientConn.set(client, id);
    const cable = this.cable(client);
    if (!cable.up) {
      this.enqueue({ atMs: this.nowMs + this.statics.connectTimeoutMs, kind: 'closed', connId: id, toBroker: false, reason: 'refused' });
      return;
    }
    // TCP handshake: SYN reaches the broker after one latency, SYN-ACK the client after two.
    this.enqueue({ atMs: this.nowMs + cable.latencyMs, kind: 'opened', connId: id, toBroker: true });
    this.enqueue({ atMs: this.nowMs + 2 * cable.latencyMs, kind: 'opened', connId: id, toBroker: false });
    conn.lastUpMs = this.nowMs + cable.latencyMs;
    conn.lastDownMs = this.nowMs + 2 * cable.latencyMs;
  }

  send(actor: string, params: NetSendParams): void {
    const toBroker = actor !== BROKER;
    const connId = toBroker ? this.clientConn.get(actor) : params.connId;
    const conn = connId === undefined ? undefined : this.conns.get(connId);
    const bytes = encode(params.packet, params.version);
    const summary = this.summaryOf(params.packet);
    const to = toBroker ? BROKER : (conn?.client ?? '?');
    const sent = this.recordPacket('send', actor, to, connId, params.packet, bytes, summary);
    const direction = directionOf(toBroker);
    if (!conn || !direction.senderOpen(conn)) {
      this.trace({ kind: 'drop', from: actor, to, connId, packet: params.packet, summary, sendSeq: sent.seq, explain: { ref: 'sim', key: 'sim.drop.not-connected' } });
      return;
    }
    if (params.packet.type === 'connect') this.editConn(conn.id).version = params.packet.protocolVersion;
    let copies = 1;
    let extraDelayMs = 0;
    if (conn.broken) {
      this.trace({ kind: 'drop', from: actor, to, connId, packet: params.packet, summary, sendSeq: sent.seq, explain: { ref: 'sim', key: 'sim.drop.broken' } });
      return;
    }
    const fault = this.takeFault(conn.client, direction.name, params.packet.type);
    if (fault?.action === 'drop') {
      // Over TCP a packet cannot vanish from a working connection: it is lost with its connection.
      this.editConn(conn.id).broken = true;
      this.trace({ kind: 'drop', from: actor, to, connId, packet: params.packet, summary, sendSeq: sent.seq, explain: { ref: 'sim', key: 'sim.drop.rule', params: { packet: params.packet.type.toUpperCase() } } });
      return;
    }
    if (fault?.action === 'duplicate') {
      copies = 2;
      this.trace({ kind: 'note', from: actor, to, connId, explain: { ref: 'sim', key: 'sim.duplicate', params: { packet: params.packet.type.toUpperCase() } } });
    }
    if (fault?.action === 'delay') extraDelayMs = fault.delayMs ?? 0;
    for (let i = 0; i < copies; i++) this.transmit(conn.id, direction, bytes, sent.seq, summary, extraDelayMs);
  }

  /** Bytes as they are from `client` to the broker (WorldCommand `raw.send`). */
  rawSend(client: string, bytes: Uint8Array): void {
    const open = this.clientConn.get(client);
    if (open === undefined || !this.conns.get(open)?.clientOpen) this.open(client);
    const conn = this.conns.get(this.clientConn.get(client)!)!;
    const summary = `${bytes.length} bytes`;
    const entry: TraceEntry = { seq: this.traceSeq++, step: this.stepIndex, atMs: this.nowMs, kind: 'send', from: client, to: BROKER, connId: conn.id, bytes, summary };
    this.entries.push(entry);
    this.transmit(conn.id, UP, bytes, entry.seq, summary);
  }

  /** Queue bytes to arrive after latency and jitter, never before the previous arrival. */
  transmit(connId: string, direction: LinkDirection, bytes: Uint8Array, sendSeq: number, summary: string, extraDelayMs = 0): void {
    const current = this.conns.get(connId);
    if (!current) return;
    const conn = this.own(current);
    const cable = this.cable(conn.client);
    const jitter = cable.jitterMs > 0 ? this.random() * cable.jitterMs : 0;
    const segment = direction.nextSegment(conn, this.nowMs + cable.latencyMs + jitter + extraDelayMs);
    const atMs = direction.lastMs(conn);
    this.queue.push({ atMs, seq: this.seq++, kind: 'arrive', connId, toBroker: direction.toBroker, bytes, sendSeq, summary, segment });
  }

  /** `actor` closes its end of a connection; the peer hears of it one latency later. */
  close(actor: string, connIdParam?: string): void {
    const fromBroker = actor === BROKER;
    const connId = fromBroker ? connIdParam : this.clientConn.get(actor);
    const conn = connId === undefined ? undefined : this.conns.get(connId);
    if (!conn) return;
    if (fromBroker ? !conn.brokerOpen : !conn.clientOpen) return;
    if (fromBroker) this.editConn(conn.id).brokerOpen = false;
    else this.editConn(conn.id).clientOpen = false;
    this.notifyClosed(conn.id, fromBroker ? DOWN : UP, 'peer-closed');
  }

  /** Tell the other end (after the data already on the way, if the cable is up). */
  notifyClosed(connId: string, direction: LinkDirection, reason: 'peer-closed' | 'reset'): void {
    const current = this.conns.get(connId);
    if (!current || current.broken) return;
    const conn = this.editConn(connId);
    const segment = direction.nextSegment(conn, this.nowMs + this.cable(conn.client).latencyMs);
    const atMs = direction.lastMs(conn);
    this.enqueue({ atMs, kind: 'closed', connId, toBroker: direction.toBroker, reason, segment });
  }

  /** Is a segment to or from this client lost right now: on a cut cable, or by the link's loss ratio? */
  lostOnTheWire(client: string): 'cut' | 'loss' | undefined {
    const cable = this.cable(client);
    if (!cable.up) return 'cut';
    if (cable.lossRatio > 0 && this.random() < cable.lossRatio) return 'loss';
    return undefined;
  }

  /**
   * TCP keeps a lost segment and sends it again after a retransmission timeout that doubles each
   * time (200 ms, 400 ms, ... at most 2 min, like Linux), until it gets through or TCP gives up.
   * Later segments of the same direction wait behind it: TCP delivers in order. Returns the time
   * of the next try, or undefined when TCP gives up.
   */
  hold(event: Extract<QueuedEvent, { kind: 'arrive' | 'closed' }>): number | undefined {
    const retries = (event.retries ?? 0) + 1;
    if (retries > MAX_RETRIES) return undefined;
    const conn = this.editConn(event.connId);
    const rtoMs = Math.min(MIN_RTO_MS * 2 ** (retries - 1), MAX_RTO_MS);
    const direction = directionOf(event.toBroker);
    const atMs = Math.max(this.nowMs + rtoMs, direction.lastMs(conn));
    direction.hold(conn, atMs);
    const { seq: _seq, ...rest } = event;
    this.enqueue({ ...rest, atMs, retries });
    return atMs;
  }

  /**
   * TCP delivers in order: a segment that arrives while an earlier one of its direction is still
   * held waits until that one's next try (it is queued after it). True when it had to wait.
   */
  waitInLine(event: Extract<QueuedEvent, { kind: 'arrive' | 'closed' }>, conn: Connection): boolean {
    if (event.segment === undefined) return false;
    const direction = directionOf(event.toBroker);
    if (event.segment <= direction.delivered(conn) + 1) return false;
    const heldUntil = direction.heldUntilMs(conn);
    const { seq: _seq, ...rest } = event;
    this.enqueue({ ...rest, atMs: Math.max(heldUntil, this.nowMs) });
    return true;
  }

  /** Count a segment of a direction as done (delivered, or dropped with its connection). */
  passed(event: Extract<QueuedEvent, { kind: 'arrive' | 'closed' }>): void {
    const current = this.conns.get(event.connId);
    if (!current || event.segment === undefined) return;
    const conn = this.own(current);
    directionOf(event.toBroker).passed(conn, event.segment);
  }

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
        this.trace({ kind: 'timer', from: event.actor, to: event.actor, summary: timerSummary(event.event.type) });
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
        return this.closed(event);
      case 'arrive':
        return this.arrive(event);
    }
  }

  /** The limits bytes for `actor` are decoded with (ActorDef.decoderLimits), or the protocol maxima. */
  decoderLimits(actor: string): DecoderLimits | undefined {
    const limits = this.statics.defs.get(actor)?.decoderLimits;
    const snapshot = limits === undefined ? undefined : this.actors.get(actor);
    return snapshot === undefined ? undefined : limits!(snapshot);
  }

  arrive(event: Extract<QueuedEvent, { kind: 'arrive' }>): void {
    const conn = this.conns.get(event.connId);
    if (!conn) return;
    const from = event.toBroker ? conn.client : BROKER;
    const to = event.toBroker ? BROKER : conn.client;
    const result = decode(event.bytes, conn.version, this.decoderLimits(to));
    const packet = result.kind === 'packet' ? result.packet : undefined;
    const summary = packet ? this.arrivedSummary(packet, event.summary) : `${event.bytes.length} bytes`;
    if (conn.broken) {
      this.trace({ kind: 'drop', from, to, connId: conn.id, packet, summary, sendSeq: event.sendSeq, explain: { ref: 'sim', key: 'sim.drop.broken' } });
      return;
    }
    if (this.waitInLine(event, conn)) return;
    const direction = directionOf(event.toBroker);
    if (event.retries && !direction.senderOpen(conn)) {
      // The sender closed this connection while TCP was still re-sending: the re-sends stop
      // (a client that gives up on a dead connection aborts it; nothing old comes back to life).
      this.passed(event);
      this.trace({ kind: 'drop', from, to, connId: conn.id, packet, summary, sendSeq: event.sendSeq, explain: { ref: 'sim', key: 'sim.drop.sender-closed' } });
      return;
    }
    const lost = this.lostOnTheWire(conn.client);
    if (lost) {
      const retryAtMs = this.hold(event);
      if (retryAtMs === undefined) {
        this.passed(event);
        this.trace({ kind: 'drop', from, to, connId: conn.id, packet, summary, sendSeq: event.sendSeq, explain: { ref: 'sim', key: 'sim.drop.tcp-gave-up', params: { retries: MAX_RETRIES } } });
      } else if (!event.retries) {
        this.trace({ kind: 'note', from, to, connId: conn.id, packet, summary, sendSeq: event.sendSeq, explain: { ref: 'sim', key: lost === 'cut' ? 'sim.tcp-held' : 'sim.tcp-retransmit', params: { packet: summary, delayMs: Math.round(retryAtMs - this.nowMs) } } });
      }
      return;
    }
    this.passed(event);
    const open = direction.receiverOpen(conn);
    if (!open) {
      this.trace({ kind: 'drop', from, to, connId: conn.id, packet, summary, sendSeq: event.sendSeq, explain: { ref: 'sim', key: 'sim.drop.closed' } });
      // The closed end answers with a reset, so a sender that still thinks it is connected learns now.
      const senderOpen = direction.senderOpen(conn);
      if (senderOpen) {
        this.notifyClosed(conn.id, directionOf(!event.toBroker), 'reset');
      }
      return;
    }
    const late = event.retries ? { ref: 'sim', key: 'sim.tcp-late', params: { retries: event.retries } } : undefined;
    this.record('deliver', from, to, conn.id, packet, event.bytes, summary, event.sendSeq, undefined, late);
    if (result.kind === 'error') {
      const ev = { type: 'NET.MALFORMED', error: result.error };
      return this.deliver(to, event.toBroker ? { ...ev, connId: conn.id } : ev);
    }
    if (result.kind === 'need-more') return; // a frame is always whole on a simulated link
    if (event.toBroker && result.packet.type === 'connect') this.editConn(conn.id).version = result.packet.protocolVersion;
    const nowMs = this.nowMs;
    return this.deliverTimed(to, event.toBroker ? { type: 'NET.PACKET', connId: conn.id, packet: result.packet, nowMs } : { type: 'NET.PACKET', packet: result.packet, nowMs });
  }

  closed(event: Extract<QueuedEvent, { kind: 'closed' }>): void {
    const before = this.conns.get(event.connId);
    if (!before || (before.broken && event.reason !== 'refused')) return;
    if (event.reason !== 'refused') {
      if (this.waitInLine(event, before)) return;
      if (this.lostOnTheWire(before.client)) {
        if (this.hold(event) === undefined) this.passed(event);
        return;
      }
      this.passed(event);
    }
    const conn = this.conns.get(event.connId)!;
    if (directionOf(event.toBroker).receiverOpen(conn)) {
      const key = event.reason === 'refused' ? 'sim.tcp-refused' : event.reason === 'reset' ? 'sim.tcp-reset' : 'sim.tcp-closed';
      this.trace({ kind: 'note', from: event.toBroker ? BROKER : conn.client, connId: conn.id, explain: { ref: 'sim', key, params: { conn: conn.id } } });
    }
    if (event.toBroker) {
      if (!conn.brokerOpen) return;
      this.editConn(conn.id).brokerOpen = false;
      return this.deliver(BROKER, { type: 'NET.CLOSED', connId: conn.id, reason: event.reason === 'refused' ? 'reset' : event.reason });
    }
    if (!conn.clientOpen) return;
    this.editConn(conn.id).clientOpen = false;
    if (this.clientConn.get(conn.client) !== conn.id) return;
    return this.deliver(conn.client, { type: 'NET.CLOSED', reason: event.reason });
  }

  command(command: WorldCommand): void {
    const to = 'client' in command && command.client !== undefined ? command.client : BROKER;
    this.record('command', 'world', to, undefined, undefined, undefined, commandSummary(command), undefined, undefined, undefined);
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
        return this.rawSend(command.client, command.bytes);
      case 'client.crash': {
        this.deliver(command.client, { type: 'SYS.CRASH' });
        // The operating system closes the dead process's socket: the broker sees a reset.
        const connId = this.clientConn.get(command.client);
        const conn = connId === undefined ? undefined : this.conns.get(connId);
        if (conn?.clientOpen) {
          this.editConn(conn.id).clientOpen = false;
          this.notifyClosed(conn.id, UP, 'reset');
        }
        return;
      }
      case 'broker.restart': {
        this.deliver(BROKER, { type: 'BROKER.RESTART', persistence: command.persistence ?? false });
        // In the order the connections were opened: a map's own order is not part of the world.
        const open = [...this.conns.values()].filter((c) => c.brokerOpen).sort((a, b) => connNumber(a.id) - connNumber(b.id));
        for (const conn of open) {
          this.editConn(conn.id).brokerOpen = false;
          this.notifyClosed(conn.id, DOWN, 'reset');
        }
        return;
      }
    }
  }
}

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

function commandSummary(c: WorldCommand): string {
  switch (c.type) {
    case 'client.event':
      return `${c.client} ${c.event.type}`;
    case 'broker.event':
      return `broker ${c.event.type}`;
    case 'fault.add':
      return `${c.rule.action} next ${c.rule.remaining} ${c.rule.packetType.toUpperCase()} ${c.rule.direction === 'up' ? `${c.rule.client} -> broker` : c.rule.direction === 'down' ? `broker -> ${c.rule.client}` : `between ${c.rule.client} and broker`}`;
    case 'fault.clear':
      return c.client === undefined ? 'clear every fault rule' : `clear the fault rules of ${c.client}`;
    case 'link.set':
      return `${c.client} link ${JSON.stringify(c.settings)}`;
    case 'broker.restart':
      return `broker restart${c.persistence ? ' (persistence on)' : ''}`;
    default:
      return `${c.client} ${c.type}`;
  }
}

