/**
 * A test harness for the broker machine: holds the snapshot, sends events with a virtual clock,
 * collects the actions every transition returns, and keeps the timers armed by
 * `xstate.raise` (with a delay) / `xstate.cancel`, firing the due ones when time advances.
 */
import { initialTransition, transition } from 'xstate';
import type { Packet, ProtocolVersion, PublishPacket } from '../../src/core/codec/types.ts';
import { brokerMachine } from '../../src/core/broker/broker.machine.ts';
import type { BrokerEvent, BrokerInput } from '../../src/core/broker/engine.ts';
import { brokerView } from '../../src/core/broker/view.ts';

type Snapshot = ReturnType<typeof initialTransition<typeof brokerMachine>>[0];
interface AnyAction {
  type: string;
  params?: unknown;
}

export interface Sent {
  connId: string;
  packet: Packet;
  version: ProtocolVersion;
}

interface Timer {
  id: string;
  atMs: number;
  seq: number;
  event: { type: string };
}

export const enc = (s: string) => new TextEncoder().encode(s);
export const dec = (b: Uint8Array) => new TextDecoder().decode(b);

export class BrokerHarness {
  snapshot: Snapshot;
  nowMs = 0;
  /** Every action since the last `take()`. */
  actions: AnyAction[] = [];
  timers: Timer[] = [];
  private seq = 0;

  constructor(input: BrokerInput = {}) {
    const [snap, actions] = initialTransition(brokerMachine, { sysIntervalSec: 0, ...input });
    this.snapshot = snap;
    this.record(actions as AnyAction[]);
  }

  get context() {
    return this.snapshot.context;
  }

  view() {
    return brokerView(this.snapshot, this.nowMs);
  }

  private record(actions: AnyAction[]): void {
    for (const a of actions) {
      const p = a.params as Record<string, unknown> | undefined;
      if (a.type === 'xstate.raise' && p && typeof p.delay === 'number') {
        const id = String(p.id);
        this.timers = this.timers.filter((t) => t.id !== id);
        this.timers.push({ id, atMs: this.nowMs + p.delay, seq: this.seq++, event: p.event as { type: string } });
      } else if (a.type === 'xstate.cancel' && p) {
        this.timers = this.timers.filter((t) => t.id !== p.sendId);
      }
      this.actions.push({ type: a.type, params: a.params });
    }
  }

  send(event: { type: string; [k: string]: unknown }): this {
    const [snap, actions] = transition(brokerMachine, this.snapshot, { ...event, nowMs: this.nowMs } as BrokerEvent);
    this.snapshot = snap;
    this.record(actions as AnyAction[]);
    return this;
  }

  /** Advances virtual time, firing due timers in time order. */
  advance(ms: number): this {
    const end = this.nowMs + ms;
    for (let guard = 0; guard < 10_000; guard++) {
      const due = this.timers.filter((t) => t.atMs <= end).sort((a, b) => a.atMs - b.atMs || a.seq - b.seq)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.nowMs = due.atMs;
      this.send(due.event);
    }
    this.nowMs = end;
    return this;
  }

  open(connId: string): this {
    return this.send({ type: 'NET.OPEN', connId });
  }
  packet(connId: string, packet: Packet): this {
    return this.send({ type: 'NET.PACKET', connId, packet });
  }
  closed(connId: string, reason: 'peer-closed' | 'reset' = 'reset'): this {
    return this.send({ type: 'NET.CLOSED', connId, reason });
  }

  /** Opens `connId` and sends CONNECT; returns the CONNACK. */
  connect(
    connId: string,
    clientId: string,
    opts: Partial<Extract<Packet, { type: 'connect' }>> = {},
  ): Extract<Packet, { type: 'connack' }> {
    this.open(connId);
    this.packet(connId, {
      type: 'connect',
      protocolVersion: 4,
      clean: true,
      keepAliveSec: 60,
      clientId,
      ...opts,
    });
    const connack = this.sentTo(connId).find((s) => s.packet.type === 'connack');
    if (!connack) throw new Error(`no CONNACK for ${connId}`);
    return connack.packet as Extract<Packet, { type: 'connack' }>;
  }

  subscribe(connId: string, topicFilter: string, qos: 0 | 1 | 2 = 0, packetId = 1, extra: Record<string, unknown> = {}): this {
    return this.packet(connId, { type: 'subscribe', packetId, subscriptions: [{ topicFilter, qos, ...extra }] });
  }

  publish(connId: string, topic: string, payload: string, qos: 0 | 1 | 2 = 0, extra: Partial<PublishPacket> = {}): this {
    const p: PublishPacket = { type: 'publish', topic, payload: enc(payload), qos, retain: false, dup: false, ...extra };
    if (qos > 0 && p.packetId === undefined) p.packetId = 1;
    return this.packet(connId, p);
  }

  /** Clears collected actions. */
  take(): AnyAction[] {
    const a = this.actions;
    this.actions = [];
    return a;
  }

  sent(): Sent[] {
    return this.actions.filter((a) => a.type === 'net.send').map((a) => a.params as Sent);
  }
  sentTo(connId: string): Sent[] {
    return this.sent().filter((s) => s.connId === connId);
  }
  packetsTo(connId: string): Packet[] {
    return this.sentTo(connId).map((s) => s.packet);
  }
  publishesTo(connId: string): PublishPacket[] {
    return this.packetsTo(connId).filter((p): p is PublishPacket => p.type === 'publish');
  }
  closedConns(): string[] {
    return this.actions.filter((a) => a.type === 'net.close').map((a) => (a.params as { connId: string }).connId);
  }
  refs(): string[] {
    return this.actions.filter((a) => a.type === 'trace.explain').map((a) => (a.params as { ref: string }).ref);
  }
  keys(): string[] {
    return this.actions.filter((a) => a.type === 'trace.explain').map((a) => (a.params as { key: string }).key);
  }
}
