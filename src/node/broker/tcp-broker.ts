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
 * The sockets' side (decoding, turns, writes, backpressure, closing) is src/node/broker/socket-pump.ts.
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
import { performance } from 'node:perf_hooks';
import { initialTransition, transition } from 'xstate';
import {
  brokerDecoderLimits,
  brokerMachine,
  initialContext,
  resolveConfig,
  start,
  step,
  type BrokerContext,
  type BrokerEvent,
  type BrokerTimerEvent,
  type Effect,
} from '../../core/broker/index.ts';
import { summarize, type DecoderLimits, type ProtocolVersion } from '../../core/codec/index.ts';
import type { Explain } from '../../core/mqtt/actor-contract.ts';
import { formatEntry, type TraceEntry } from '../../sim/trace.ts';
import { startListener, type ListenerSpec, type RunningListener } from './listeners.ts';
import { setLongTimeout, type LongTimer } from './long-timer.ts';
import { SocketPump } from './socket-pump.ts';
import { engineConfig, type TcpBrokerOptions } from './tcp-broker-options.ts';

type Snapshot = ReturnType<typeof initialTransition<typeof brokerMachine>>[0];
type Action = { type: string; params?: unknown };

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

/** The broker core on TCP. `start()`, then `stop()`. */
export class TcpBroker extends SocketPump {
  private snapshot: Snapshot | null = null;
  private ctx: BrokerContext | null = null;
  private running: RunningListener[] = [];
  private readonly timers = new Map<string, LongTimer>();
  private readonly startedAt = performance.now();
  private traceSeq = 0;
  /** The trace's step: one per event the machine handles, shared by the entries it caused. */
  private traceStep = 0;
  protected stopped = false;
  protected readonly decoderLimits: DecoderLimits;


  constructor(protected readonly options: TcpBrokerOptions = {}) {
    super();
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

  protected get currentContext(): BrokerContext {
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

  // ── events → machine → actions ──

  protected deliver(event: BrokerEvent): void {
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
  // ── trace ──

  /** True when someone reads the trace (entries are only built then). */
  protected get tracing(): boolean {
    return this.options.trace !== undefined || this.options.onEntry !== undefined;
  }

  /** A decision or a transport event; `connId` when it is about one connection. */
  protected note(explain: Explain, connId?: string): void {
    if (this.tracing) this.entry({ kind: 'note', from: 'broker', explain, ...(connId !== undefined ? { connId } : {}) });
  }

  protected entry(e: Omit<TraceEntry, 'seq' | 'step' | 'atMs'>, version?: ProtocolVersion): void {
    const full = { seq: this.traceSeq, step: this.traceStep, atMs: this.nowMs, ...e } as TraceEntry;
    this.traceSeq++;
    this.options.onEntry?.(full, version);
    this.options.trace?.(formatEntry(full));
  }
}
