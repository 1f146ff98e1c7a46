/**
 * The real-time driver: the broker core (`brokerMachine`) on real TCP sockets and the wall clock
 * (ARCHITECTURE.md decision 4, driver (c)).
 *
 * Theory of operation
 * -------------------
 * This is `Step.interpret` of src/sim/world.ts with real I/O. The machine is advanced with
 * xstate's pure `transition()`; every event carries `nowMs`, the milliseconds since `start()`
 * on a monotonic clock. The returned actions are interpreted in order:
 *
 * - `net.send`      `encode(packet, version)`, kept per socket until the end of the event-loop
 *                   turn (every socket with input in it read, every timer due fired), then
 *                   written as one buffer: one `write` per socket and turn, however many packets;
 * - `net.close`     `socket.end()` (pending writes are flushed, e.g. a 5.0 DISCONNECT), then
 *                   `destroy()` if the peer has not closed within `closeGraceMs`;
 * - `trace.explain` a trace note;
 * - `xstate.raise` with a delay: a timer keyed by the timer id (re-arming replaces), any delay up
 *   to 2^32−1 s (`setLongTimeout`: chained `setTimeout`s of at most 2^31−1 ms);
 *   `xstate.cancel`: cancels it. A fired timer is sent back with the current `nowMs`.
 *
 * Each socket has its own streaming `Decoder` (bytes arrive in any chunking); a CONNECT sets the
 * decoder's protocol version. Input the codec rejects becomes `NET.MALFORMED` (the machine sends
 * a 5.0 DISCONNECT with the reason code first where the spec says so, and closes); the socket is
 * closed even if the machine did not. The decoder's packet limit is `max_packet_size`, 16 MiB
 * when unset (both announced in the 5.0 CONNACK), or `maxBufferedBytes` when that is smaller, so
 * no socket can make the driver buffer more than that (plus one read). A client that reads
 * slower than it is sent to is never cut off: the engine is told when its socket backlog
 * reaches the max_queued limits (`NET.BACKLOG`, see `reportBacklog`) and drops QoS 0 to it
 * meanwhile, as Mosquitto does. A socket that closes or fails becomes `NET.CLOSED`.
 * Everything runs on the event loop, one event at a time; nothing is delivered re-entrantly.
 * An exception from the machine (a bug) keeps the previous state, is reported on `onError`
 * and closes only the connection whose event caused it.
 *
 * Two ways to advance the broker, with the same result: `core: 'engine'` (the default) calls
 * the machine's pure core directly (`step` from src/core/broker/engine.ts, exactly what
 * `brokerMachine` runs for every event in its `running` state) and interprets its effects;
 * `core: 'machine'` goes through xstate's `transition()` as the simulated world does, and its
 * actions are read back as the same effects (`xstate.raise` with a delay is `timer.start`,
 * `xstate.cancel` is `timer.cancel`). xstate builds an actor for every pure `transition()` call, which made it ten
 * times slower per event (measured: about 6,000 vs 68,000 events/s), too slow for a classroom
 * of devices; tests/fidelity/driver.test.ts checks that both give the same bytes.
 */
import type { Duplex } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { initialTransition, transition } from 'xstate';
import {
  brokerDecoderLimits,
  brokerMachine,
  initialContext,
  resolveConfig,
  start,
  step,
  type BrokerConfig,
  type BrokerContext,
  type BrokerEvent,
  type BrokerTimerEvent,
  type Effect,
} from '../../core/broker/index.ts';
import { Decoder, encode, summarize, type CodecError, type DecoderLimits, type Packet, type ProtocolVersion } from '../../core/codec/index.ts';
import type { Explain, NetSendParams } from '../../core/mqtt/actor-contract.ts';
import { formatEntry, type TraceEntry } from '../../sim/trace.ts';
import type { TraceConn } from '../../sim/trace-json.ts';
import { startListener, type ConnectionInfo, type ListenerSpec, type RunningListener } from './listeners.ts';
import { setLongTimeout, type LongTimer } from './long-timer.ts';

type Snapshot = ReturnType<typeof initialTransition<typeof brokerMachine>>[0];
type Action = { type: string; params?: unknown };

/** Options of `new TcpBroker(...)`. */
export interface TcpBrokerOptions {
  /** Address to bind; default 127.0.0.1 (without `listeners`). */
  host?: string;
  /** Listeners (TCP, TLS, WebSockets; src/node/broker/listeners.ts); default one TCP listener on host:port. */
  listeners?: ListenerSpec[];
  /** Port; 0 picks a free one (read it from `start()`'s result). Default 1883. */
  port?: number;
  /** The broker core's configuration (see `loadBrokerConfig` for mosquitto.conf). */
  config?: BrokerConfig;
  /** Receives one formatted trace line per packet, timer and explained decision. */
  trace?: (line: string) => void;
  /**
   * Receives every trace entry as it happens: packets with their real bytes and the protocol
   * version they were encoded for (`version`), timers, and each decision with its spec rule
   * (`explain`). The same entries `trace` formats; a recording or the live feed writes them.
   */
  onEntry?: (entry: TraceEntry, version?: ProtocolVersion) => void;
  /** Told of every accepted connection (before its first entry), with its real addresses. */
  onConnection?: (conn: TraceConn) => void;
  /** Receives driver problems (a machine exception); default: ignored. */
  onError?: (message: string) => void;
  /** Most bytes buffered from one socket for one packet: caps `max_packet_size` (default: no cap). */
  maxBufferedBytes?: number;
  /** How to advance the broker: its pure core (default) or the xstate machine (see above). */
  core?: 'engine' | 'machine';
  /**
   * Most bytes waiting to be written to one socket before it is cut off; default: never cut off
   * (the engine drops QoS 0 beyond max_queued_messages / max_queued_bytes instead, see `flush`).
   */
  maxWriteBufferBytes?: number;
  /** How long `net.close` waits for the peer before destroying the socket; default 2000 ms. */
  closeGraceMs?: number;
}

interface Link {
  connId: string;
  /** The connection's bytes: a TCP or TLS socket, or a WebSocket's binary frames as a stream. */
  socket: Duplex;
  decoder: Decoder;
  /** Encoded packets waiting for `flush`, and their total size. */
  pending: Uint8Array[];
  pendingBytes: number;
  /** Packets handed to the socket whose write has not completed (Mosquitto's out_packet_count). */
  unwrittenPackets: number;
  /** Paused between turns: its decoder holds packets not yet handled (`turn`). */
  paused: boolean;
  /** What the engine was last told (`NET.BACKLOG`): the backlog is at the max_queued limits. */
  backlogFull: boolean;
  /** Client ID once CONNECT arrived, else the remote address: the name in trace lines. */
  label: string;
  /** Closed (or being closed) by the broker: further input is ignored, no NET.CLOSED. */
  closedByBroker: boolean;
}

/** The machine's actions as the engine's effects (the reverse of broker.machine.ts `emit`). */
function actionsAsEffects(actions: readonly Action[]): Effect[] {
  const effects: Effect[] = [];
  for (const a of actions) {
    switch (a.type) {
      case 'net.send':
      case 'net.close':
      case 'trace.explain':
        effects.push(a as Effect);
        break;
      case 'xstate.raise': {
        // The broker machine raises only timers: delayed, with an id.
        const p = a.params as { event: BrokerTimerEvent; id: string; delay?: number };
        if (p.delay !== undefined) effects.push({ type: 'timer.start', id: p.id, delayMs: p.delay, event: p.event });
        break;
      }
      case 'xstate.cancel':
        effects.push({ type: 'timer.cancel', id: (a.params as { sendId: string }).sendId });
        break;
    }
  }
  return effects;
}

/** The listener's transport as the trace's `conn` line names it. */
const TRANSPORTS = { mqtt: 'tcp', mqtts: 'tls', ws: 'ws', wss: 'wss' } as const;

/** Longest one socket's packets hold the event loop before the others' turn (`turn`). */
const TURN_MS = 10;

/** `npm run broker`'s CONNECT timeout without `connect_timeout`, in seconds. */
export const DEFAULT_CONNECT_TIMEOUT_SEC = 30;

/**
 * `npm run broker`'s `max_queued_bytes` when unset (Mosquitto: 0, no limit): 1 MiB per client,
 * so that 10 clients that stop reading cost the broker about 10 MB, not 10 × 1,000 messages.
 */
export const DEFAULT_MAX_QUEUED_BYTES = 1024 * 1024;

/** `npm run broker`'s packet limit without `max_packet_size`: 16 MiB, announced to 5.0 clients. */
export const DEFAULT_MAX_PACKET_BYTES = 16 * 1024 * 1024;

/**
 * The configuration the engine runs with: the file's, with `npm run broker`'s defaults where it
 * is silent. The packet limit is the engine's rule, announced in the 5.0 CONNACK (Maximum Packet
 * Size): `max_packet_size`, or 16 MiB when unset, capped by `maxBufferedBytes` when that is given.
 * The live view's replica gets the same (src/sim/trace-broker-config.ts).
 */
export function engineConfig(options: Pick<TcpBrokerOptions, 'config' | 'maxBufferedBytes'>): BrokerConfig {
  const configured = options.config?.maxPacketSize ?? 0;
  const limit = configured > 0 ? configured : DEFAULT_MAX_PACKET_BYTES;
  const maxPacketSize = options.maxBufferedBytes === undefined ? limit : Math.min(limit, options.maxBufferedBytes);
  return { connectTimeoutSec: DEFAULT_CONNECT_TIMEOUT_SEC, maxQueuedBytes: DEFAULT_MAX_QUEUED_BYTES, ...(options.config ?? {}), maxPacketSize };
}

/** The broker core on TCP. `start()`, then `stop()`. */
export class TcpBroker {
  private snapshot: Snapshot | null = null;
  private ctx: BrokerContext | null = null;
  /**
   * What the core has copied during this event-loop turn, which its later steps edit in place
   * (`step`'s `owned`; src/core/broker/context.ts, copy on first write): one set from the first
   * socket read of a turn (`turn`) until the check phase after the poll phase
   * (`setImmediate`), so the packets of every socket read in one turn copy the context, a
   * session, a connection once, not once per packet or per socket (the core loopback bench:
   * about half the heap allocated per QoS 1 or 2 message; one scope per turn instead of one per
   * socket read: 7.5 % less in the loopback broker at QoS 1, 173 instead of 187 MB per 20,000
   * messages, `src/node/bench/loopback-probe.ts`). Nothing
   * here keeps an older context; `context` hands one out, so reading it ends the scope: what
   * was handed out is never edited.
   */
  private turnScope: Set<object> | undefined;
  private readonly endTurnScope = (): void => {
    this.turnScope = undefined;
  };
  private running: RunningListener[] = [];
  private readonly links = new Map<string, Link>();
  private readonly timers = new Map<string, LongTimer>();
  /** Links with packets waiting for `flush`. */
  private readonly unflushed = new Set<Link>();
  private readonly startedAt = performance.now();
  private connCounter = 0;
  /** Links whose queued packets reached max_queued_messages / max_queued_bytes this turn (`write`). */
  private readonly overfull = new Set<Link>();
  /** A `flush` is scheduled (`setImmediate`) for the end of this event-loop turn. */
  private flushScheduled = false;
  private traceSeq = 0;
  /** The trace's step: one per event the machine handles, shared by the entries it caused. */
  private traceStep = 0;
  private stopped = false;
  private readonly decoderLimits: DecoderLimits;

  constructor(private readonly options: TcpBrokerOptions = {}) {
    const input = { ...engineConfig(options), nowMs: 0 };
    let effects: readonly Effect[];
    if (options.core === 'machine') {
      const [snapshot, initial] = initialTransition(brokerMachine, input);
      this.snapshot = snapshot;
      effects = actionsAsEffects(initial as readonly Action[]);
    } else {
      const r = start(initialContext(input), 0, this.tracing);
      this.ctx = r.context;
      effects = r.effects;
    }
    // The engine decides what a client may send (brokerDecoderLimits: max_packet_size as the
    // engine was given it above, server-only packet types); the driver follows.
    this.decoderLimits = brokerDecoderLimits(resolveConfig(input));
    this.interpretAll(effects);
  }

  /** Milliseconds since the broker was created (monotonic). */
  get nowMs(): number {
    return Math.floor(performance.now() - this.startedAt);
  }

  /** The broker's current context (sessions, subscriptions, retained: for tests and views). */
  get context(): BrokerContext {
    // Handed out: no later step of this turn may edit what it holds (`turnScope`).
    this.turnScope = undefined;
    return this.currentContext;
  }

  private get currentContext(): BrokerContext {
    return this.snapshot ? this.snapshot.context : this.ctx!;
  }

  /** Bytes encoded for clients and not yet written to their sockets (all connections). */
  get backlogBytes(): number {
    let bytes = 0;
    for (const link of this.links.values()) bytes += link.socket.writableLength + link.pendingBytes;
    return bytes;
  }

  /** Number of open sockets. */
  get connectionCount(): number {
    return this.links.size;
  }

  /** The listeners as bound (real ports for port 0), after `start()`. */
  get listeners(): readonly { host: string; port: number; spec: ListenerSpec }[] {
    return this.running.map(({ host, port, spec }) => ({ host, port, spec }));
  }

  /**
   * Listens on every listener (`options.listeners`, else one plain MQTT listener on
   * `options.host`/`options.port`); resolves with the first one's address (the real port for
   * port 0). If one cannot listen, none stays open.
   */
  async start(): Promise<{ host: string; port: number }> {
    const specs = this.options.listeners ?? [{ port: this.options.port ?? 1883, host: this.options.host ?? '127.0.0.1', protocol: 'mqtt' as const }];
    try {
      for (const spec of specs) this.running.push(await startListener(spec, (stream, info) => this.accept(stream, info), (problem) => this.options.onError?.(problem)));
    } catch (error) {
      // Nothing will be served: no timer (the $SYS one) may keep the process alive.
      this.stopped = true;
      this.clearTimers();
      await Promise.all(this.running.map((l) => l.close()));
      this.running = [];
      throw error;
    }
    return { host: this.running[0]!.host, port: this.running[0]!.port };
  }

  /**
   * Stops: no new connections, the machine's BROKER.STOP (5.0 clients get DISCONNECT 0x8B,
   * server shutting down; every connection closed, wills published as Mosquitto does on
   * shutdown), every timer cleared; resolves when every socket is closed (destroyed after
   * `closeGraceMs`).
   */
  async stop(): Promise<void> {
    if (this.stopped) return;
    const closed = Promise.all(this.running.map((l) => l.close()));
    this.deliver({ type: 'BROKER.STOP', disconnectReason: 0x8b, nowMs: this.nowMs });
    this.stopped = true;
    this.clearTimers();
    for (const link of this.links.values()) this.closeLink(link);
    const grace = this.options.closeGraceMs ?? 2000;
    const deadline = Date.now() + grace + 100;
    while (this.links.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    for (const link of this.links.values()) link.socket.destroy();
    await closed;
  }

  private clearTimers(): void {
    for (const t of this.timers.values()) t.cancel();
    this.timers.clear();
  }

  // ── sockets → events ──

  private accept(socket: Duplex, info: ConnectionInfo): void {
    if (this.stopped) {
      socket.destroy();
      return;
    }
    const connId = `conn-${++this.connCounter}`;
    const link: Link = {
      connId,
      socket,
      decoder: new Decoder({ version: 4, limits: this.decoderLimits }),
      pending: [],
      pendingBytes: 0,
      unwrittenPackets: 0,
      paused: false,
      backlogFull: false,
      label: info.remote,
      closedByBroker: false,
    };
    this.links.set(connId, link);
    this.options.onConnection?.({ id: connId, remote: info.remote, local: info.local ?? '?', transport: TRANSPORTS[info.transport], ...(info.identity ? { identity: info.identity } : {}) });
    socket.on('data', (chunk: Buffer) => this.receive(link, chunk));
    socket.on('error', () => {
      /* 'close' follows with hadError */
    });
    socket.on('close', (hadError: boolean) => this.onClose(link, hadError));
    this.note({ ref: 'sim', key: 'sim.tcp-open', params: { conn: `${connId} (${link.label}${info.transport === 'mqtt' ? '' : `, ${info.transport}`})` } }, connId);
    this.deliver({ type: 'NET.OPEN', connId, nowMs: this.nowMs, ...(info.identity ? { identity: info.identity } : {}) });
  }

  private receive(link: Link, chunk: Buffer): void {
    if (link.closedByBroker || this.stopped) return;
    link.decoder.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if (!link.paused) this.turn(link);
  }

  /**
   * One turn of a socket: its packets for at most `TURN_MS`, then what they sent is written.
   * When packets remain (a publisher far ahead of a large fan-out), the socket is paused, so TCP
   * slows the sender down, and the rest waits for the next turn, after every other socket's.
   */
  private turn(link: Link): void {
    let more: boolean;
    if (this.turnScope === undefined) {
      this.turnScope = new Set();
      setImmediate(this.endTurnScope);
    }
    try {
      more = this.drain(link);
    } finally {
      // What this turn queued counts toward each receiver's backlog now, not at the flush: a
      // publisher's many chunks in one event-loop turn would otherwise pile up far beyond
      // max_queued_messages for a client that does not read (tests/node/slow-subscribers).
      // Only the links `write` saw reach the limit are looked at.
      if (this.overfull.size > 0) {
        const full = [...this.overfull];
        this.overfull.clear();
        for (const l of full) this.reportBacklog(l);
      }
      this.scheduleFlush();
    }
    if (more && !link.closedByBroker && !this.stopped) {
      if (!link.paused) link.socket.pause();
      link.paused = true;
      setImmediate(() => {
        if (!link.closedByBroker && !this.stopped) this.turn(link);
      });
    } else if (link.paused) {
      link.paused = false;
      link.socket.resume();
    }
  }

  /** The complete packets the decoder holds, one event each, for at most `TURN_MS`; true if that ran out. */
  private drain(link: Link): boolean {
    const started = performance.now();
    for (;;) {
      if (link.closedByBroker) return false;
      if (performance.now() - started > TURN_MS) return true;
      const r = link.decoder.next();
      if (r.kind === 'need-more') return false;
      if (r.kind === 'error') {
        this.malformed(link, r.error);
        return false;
      }
      const packet = r.packet;
      if (packet.type === 'connect') {
        link.decoder.version = packet.protocolVersion;
        if (packet.clientId !== '') link.label = packet.clientId;
      }
      // The bytes alias the decoder's buffer: a consumer that keeps them gets its own copy
      // (`trace` lines do not show them).
      if (this.tracing) {
        const bytes = this.options.onEntry ? { bytes: r.bytes.slice() } : {};
        this.entry({ kind: 'deliver', from: link.label, to: 'broker', connId: link.connId, packet, ...bytes, summary: summarize(packet) }, link.decoder.version);
      }
      this.deliver({ type: 'NET.PACKET', connId: link.connId, packet, nowMs: this.nowMs });
    }
  }

  private malformed(link: Link, error: CodecError): void {
    this.deliver({ type: 'NET.MALFORMED', connId: link.connId, error, nowMs: this.nowMs });
    if (!link.closedByBroker) this.closeLink(link);
  }

  private onClose(link: Link, hadError: boolean): void {
    this.links.delete(link.connId);
    this.unflushed.delete(link);
    if (link.closedByBroker || this.stopped) return;
    link.closedByBroker = true;
    this.note({ ref: 'sim', key: hadError ? 'sim.tcp-reset' : 'sim.tcp-closed', params: { conn: `${link.connId} (${link.label})` } }, link.connId);
    this.deliver({ type: 'NET.CLOSED', connId: link.connId, reason: hadError ? 'reset' : 'peer-closed', nowMs: this.nowMs });
  }

  // ── events → machine → actions ──

  private deliver(event: BrokerEvent): void {
    try {
      this.handle(event);
    } finally {
      this.traceStep++;
    }
  }

  private handle(event: BrokerEvent): void {
    let effects: readonly Effect[];
    try {
      if (this.snapshot) {
        const [next, actions] = transition(brokerMachine, this.snapshot, event);
        this.snapshot = next;
        effects = actionsAsEffects(actions as readonly Action[]);
      } else {
        // Untraced, the engine builds no explanations (nobody would read them).
        const r = step(this.ctx!, event, this.turnScope, this.tracing);
        this.ctx = r.context;
        effects = r.effects;
      }
    } catch (error) {
      this.options.onError?.(`broker machine failed on ${event.type}: ${String(error)}`);
      const connId = 'connId' in event ? event.connId : undefined;
      const link = connId === undefined ? undefined : this.links.get(connId);
      if (link) this.closeLink(link, true);
      return;
    }
    this.interpretAll(effects);
  }

  private interpretAll(effects: readonly Effect[]): void {
    for (const e of effects) this.interpret(e);
    this.scheduleFlush();
  }

  /**
   * Writes happen once per event-loop turn, after every socket that had input in it was read
   * (`setImmediate` runs after the poll phase): a subscriber that gets messages from several
   * publishers in one turn, or a publisher's acknowledgements for several chunks, gets one write.
   */
  private scheduleFlush(): void {
    if (this.flushScheduled || this.unflushed.size === 0) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  /**
   * Writes what waits for each socket as one buffer. Fewer, larger writes: Node's stream
   * machinery costs about the same per `write` (or per corked chunk in a `writev`) whatever
   * its size, and a PUBLISH or an acknowledgement is only a few dozen bytes.
   */
  private flush(): void {
    const written = [...this.unflushed];
    this.unflushed.clear();
    for (const link of written) {
      const { pending, pendingBytes } = link;
      link.pending = [];
      link.pendingBytes = 0;
      if (link.socket.destroyed) continue;
      const count = pending.length;
      link.unwrittenPackets += count;
      link.socket.write(pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes), () => {
        link.unwrittenPackets -= count;
        this.reportBacklog(link);
      });
    }
    for (const link of written) this.reportBacklog(link);
  }

  /**
   * Backpressure is the driver's business, the rule the engine's: when what waits unwritten on
   * the socket reaches `max_queued_messages` packets or `max_queued_bytes` bytes (Mosquitto's
   * `db__ready_for_flight` for QoS 0: `out_packet_count`), or falls below again, the engine is
   * told (`NET.BACKLOG`) and drops QoS 0 messages to this client meanwhile, counting them.
   */
  private reportBacklog(link: Link): void {
    if (link.closedByBroker || this.stopped || link.socket.destroyed) return;
    const full = this.atQueueLimit(link);
    if (full === link.backlogFull) return;
    link.backlogFull = full;
    this.deliver({ type: 'NET.BACKLOG', connId: link.connId, full, nowMs: this.nowMs });
  }

  /** What waits unwritten for `link` reached max_queued_messages packets or max_queued_bytes bytes. */
  private atQueueLimit(link: Link): boolean {
    const { maxQueuedMessages, maxQueuedBytes } = this.currentContext.config;
    return (maxQueuedMessages > 0 && link.unwrittenPackets + link.pending.length >= maxQueuedMessages) || (maxQueuedBytes > 0 && link.socket.writableLength + link.pendingBytes >= maxQueuedBytes);
  }

  private interpret(effect: Effect): void {
    switch (effect.type) {
      case 'net.send': {
        const p = effect.params;
        const link = this.links.get(p.connId);
        const open = link !== undefined && !link.closedByBroker && !link.socket.destroyed;
        const bytes = open ? this.write(link, p.packet, p.version) : undefined;
        if (this.tracing) this.entry({ kind: 'send', from: 'broker', to: link?.label ?? p.connId, connId: p.connId, packet: p.packet, ...(bytes ? { bytes } : {}), summary: summarize(p.packet) }, p.version);
        return;
      }
      case 'net.close': {
        const link = this.links.get(effect.params.connId);
        if (link) this.closeLink(link);
        return;
      }
      case 'trace.explain':
        this.note(effect.params);
        return;
      case 'timer.start': {
        if (this.stopped) return;
        const { id, event } = effect;
        this.timers.get(id)?.cancel();
        const timer = setLongTimeout(() => {
          this.timers.delete(id);
          if (this.tracing) this.entry({ kind: 'timer', from: 'broker', to: 'broker', summary: id });
          this.deliver({ ...event, nowMs: this.nowMs });
        }, effect.delayMs);
        this.timers.set(id, timer);
        return;
      }
      case 'timer.cancel': {
        this.timers.get(effect.id)?.cancel();
        this.timers.delete(effect.id);
        return;
      }
    }
  }

  /** Queues the packet's bytes for `flush`; returns them (undefined when nothing was written). */
  private write(link: Link, packet: Packet, version: NetSendParams['version']): Uint8Array | undefined {
    const socket = link.socket;
    const cutOffAt = this.options.maxWriteBufferBytes;
    if (cutOffAt !== undefined && socket.writableLength + link.pendingBytes > cutOffAt) {
      // The client does not read: cut it off like a broken network (NET.CLOSED follows).
      this.options.onError?.(`${link.label} does not read: ${socket.writableLength + link.pendingBytes} bytes wait for it, the connection is cut`);
      socket.destroy();
      return undefined;
    }
    let bytes: Uint8Array;
    try {
      bytes = encode(packet, version);
    } catch (error) {
      this.options.onError?.(`cannot encode ${packet.type} for ${link.label}: ${String(error)}`);
      return undefined;
    }
    link.pending.push(bytes);
    link.pendingBytes += bytes.length;
    this.unflushed.add(link);
    if (!link.backlogFull && this.atQueueLimit(link)) this.overfull.add(link);
    return bytes;
  }

  private closeLink(link: Link, destroy = false): void {
    if (link.closedByBroker && !destroy) return;
    link.closedByBroker = true;
    const socket = link.socket;
    // What the broker sent before closing goes first (e.g. a 5.0 DISCONNECT); `end` flushes it.
    if (this.unflushed.delete(link) && !destroy) socket.write(Buffer.concat(link.pending, link.pendingBytes));
    link.pending = [];
    link.pendingBytes = 0;
    if (destroy) {
      socket.destroy();
      return;
    }
    socket.end();
    const grace = setTimeout(() => socket.destroy(), this.options.closeGraceMs ?? 2000);
    grace.unref();
    socket.once('close', () => clearTimeout(grace));
  }

  // ── trace ──

  /** True when someone reads the trace (entries are only built then). */
  private get tracing(): boolean {
    return this.options.trace !== undefined || this.options.onEntry !== undefined;
  }

  /** A decision or a transport event; `connId` when it is about one connection. */
  private note(explain: Explain, connId?: string): void {
    if (this.tracing) this.entry({ kind: 'note', from: 'broker', explain, ...(connId !== undefined ? { connId } : {}) });
  }

  private entry(e: Omit<TraceEntry, 'seq' | 'step' | 'atMs'>, version?: ProtocolVersion): void {
    const full = { seq: this.traceSeq, step: this.traceStep, atMs: this.nowMs, ...e } as TraceEntry;
    this.traceSeq++;
    this.options.onEntry?.(full, version);
    this.options.trace?.(formatEntry(full));
  }
}
