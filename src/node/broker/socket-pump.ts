/**
 * The sockets' side of the real-time driver (src/node/broker/tcp-broker.ts): bytes in, events
 * out; packets in, bytes out.
 *
 * Theory of operation
 * -------------------
 * `accept` gives each connection a `Link`: its socket, its streaming `Decoder` and the encoded
 * packets waiting to be written. A socket's input is handled in turns (`turn`, `drain`): its
 * complete packets, one `NET.PACKET` event each, for at most `TURN_MS`; a socket with more is
 * paused until every other socket had its turn. What the broker sends is queued per socket
 * (`write`) and written once per event-loop turn (`flush`). The backlog each socket has is
 * reported to the engine (`NET.BACKLOG`, `reportBacklog`). `closeLink` ends a socket, the
 * broker's pending packets first.
 *
 * The broker (`TcpBroker`, which extends this class) supplies the rest: `deliver` runs an event
 * through the core, `note` and `entry` write the trace, and the clock, configuration and
 * decoder limits.
 */
import type { Duplex } from 'node:stream';
import { performance } from 'node:perf_hooks';
import type { BrokerContext, BrokerEvent } from '../../core/broker/index.ts';
import { Decoder, encode, summarize, type CodecError, type DecoderLimits, type Packet, type ProtocolVersion } from '../../core/codec/index.ts';
import type { Explain, NetSendParams } from '../../core/mqtt/actor-contract.ts';
import type { TraceEntry } from '../../sim/trace.ts';
import type { ConnectionInfo } from './listeners.ts';
import type { TcpBrokerOptions } from './tcp-broker-options.ts';

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

/** The listener's transport as the trace's `conn` line names it. */
const TRANSPORTS = { mqtt: 'tcp', mqtts: 'tls', ws: 'ws', wss: 'wss' } as const;

/** Longest one socket's packets hold the event loop before the others' turn (`turn`). */
const TURN_MS = 10;

/** Sockets to events and effects to sockets; `TcpBroker` adds the core, the timers and the trace. */
export abstract class SocketPump {
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
  protected turnScope: Set<object> | undefined;
  private readonly endTurnScope = (): void => {
    this.turnScope = undefined;
  };
  protected readonly links = new Map<string, Link>();
  /** Links with packets waiting for `flush`. */
  private readonly unflushed = new Set<Link>();
  private connCounter = 0;
  /** Links whose queued packets reached max_queued_messages / max_queued_bytes this turn (`write`). */
  private readonly overfull = new Set<Link>();
  /** A `flush` is scheduled (`setImmediate`) for the end of this event-loop turn. */
  private flushScheduled = false;

  /** The driver's options. */
  protected abstract readonly options: TcpBrokerOptions;
  /** What the decoders accept (the engine's `brokerDecoderLimits`). */
  protected abstract readonly decoderLimits: DecoderLimits;
  /** Stopped: no new connections, no more input handled. */
  protected abstract stopped: boolean;
  /** Milliseconds since the broker was created (monotonic). */
  abstract get nowMs(): number;
  /** The broker's current context (its configuration's max_queued limits are read here); unlike `context`, reading it keeps the turn's scope. */
  protected abstract get currentContext(): BrokerContext;
  /** True when someone reads the trace (entries are only built then). */
  protected abstract get tracing(): boolean;
  /** Runs one event through the broker core and interprets what it returns. */
  protected abstract deliver(event: BrokerEvent): void;
  /** A decision or a transport event; `connId` when it is about one connection. */
  protected abstract note(explain: Explain, connId?: string): void;
  /** One trace entry, numbered and timed by the broker. */
  protected abstract entry(e: Omit<TraceEntry, 'seq' | 'step' | 'atMs'>, version?: ProtocolVersion): void;

  protected accept(socket: Duplex, info: ConnectionInfo): void {
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

  /**
   * Writes happen once per event-loop turn, after every socket that had input in it was read
   * (`setImmediate` runs after the poll phase): a subscriber that gets messages from several
   * publishers in one turn, or a publisher's acknowledgements for several chunks, gets one write.
   */
  protected scheduleFlush(): void {
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


  /** Queues the packet's bytes for `flush`; returns them (undefined when nothing was written). */
  protected write(link: Link, packet: Packet, version: NetSendParams['version']): Uint8Array | undefined {
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

  protected closeLink(link: Link, destroy = false): void {
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

}
