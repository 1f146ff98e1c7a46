/**
 * A test harness for the client machine: holds a snapshot, sends events with a virtual
 * `nowMs`, collects the returned actions and fires due timers (`xstate.raise` with a delay,
 * `xstate.cancel`) when time advances, the way the world does.
 */
import { initialTransition, transition } from 'xstate';
import { clientMachine, type ClientEvent } from '../../src/core/client/index.ts';
import type { ConnectOptions } from '../../src/core/client/index.ts';
import type { ConnackPacket, Packet, Properties, PublishPacket } from '../../src/core/codec/types.ts';
import type { Explain } from '../../src/core/mqtt/actor-contract.ts';

type Snapshot = ReturnType<typeof initialTransition<typeof clientMachine>>[0];
interface Action {
  type: string;
  params?: unknown;
}
interface Timer {
  atMs: number;
  seq: number;
  event: ClientEvent;
}

type WithoutTime<E> = E extends unknown ? Omit<E, 'nowMs'> : never;
export type EventInput = WithoutTime<ClientEvent>;

export class ClientHarness {
  snapshot: Snapshot;
  nowMs = 0;
  /** Every action returned so far. */
  actions: Action[] = [];
  /** Actions of the last `send` or `advance`. */
  last: Action[] = [];
  timers = new Map<string, Timer>();
  history: Snapshot[] = [];
  private seq = 0;

  constructor(name = 'sensor') {
    const [snapshot, actions] = initialTransition(clientMachine, { name });
    this.snapshot = snapshot;
    this.history.push(snapshot);
    this.record(actions as Action[]);
  }

  private record(actions: Action[]): void {
    for (const a of actions) {
      this.actions.push(a);
      this.last.push(a);
      const p = a.params as { delay?: number; id?: string; event?: ClientEvent; sendId?: string } | undefined;
      if (a.type === 'xstate.raise' && p?.delay !== undefined && p.id && p.event) {
        const atMs = this.nowMs + p.delay;
        this.timers.set(p.id, { atMs, seq: this.seq++, event: { ...p.event, nowMs: atMs } });
      } else if (a.type === 'xstate.cancel' && p?.sendId) {
        this.timers.delete(p.sendId);
      }
    }
  }

  private step(event: ClientEvent): void {
    const [snapshot, actions] = transition(clientMachine, this.snapshot, event);
    this.snapshot = snapshot;
    this.history.push(snapshot);
    this.record(actions as Action[]);
  }

  /** Sends an event now; returns this step's actions. */
  send(event: EventInput): Action[] {
    this.last = [];
    this.step({ ...event, nowMs: this.nowMs } as ClientEvent);
    return this.last;
  }

  /** Advances virtual time by `ms`, firing due timers in (time, arming order). */
  advance(ms: number): Action[] {
    this.last = [];
    const until = this.nowMs + ms;
    for (let guard = 0; guard < 10_000; guard++) {
      const due = [...this.timers.entries()]
        .filter(([, t]) => t.atMs <= until)
        .sort((a, b) => a[1].atMs - b[1].atMs || a[1].seq - b[1].seq)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.nowMs = due[1].atMs;
      this.step(due[1].event);
    }
    this.nowMs = until;
    return this.last;
  }

  get state(): string {
    const v = this.snapshot.value;
    if (typeof v === 'string') return v;
    const [k, inner] = Object.entries(v)[0] ?? ['', ''];
    return `${k}.${String(inner)}`;
  }

  get context() {
    return this.snapshot.context;
  }

  /** Packets sent (net.send params.packet), from `actions` (default: all so far). */
  sent(actions: Action[] = this.actions): Packet[] {
    return actions.filter((a) => a.type === 'net.send').map((a) => (a.params as { packet: Packet }).packet);
  }

  sentTypes(actions: Action[] = this.actions): string[] {
    return this.sent(actions).map((p) => p.type);
  }

  delivered(actions: Action[] = this.actions): PublishPacket[] {
    return actions.filter((a) => a.type === 'app.deliver').map((a) => (a.params as { packet: PublishPacket }).packet);
  }

  explains(actions: Action[] = this.actions): Explain[] {
    return actions.filter((a) => a.type === 'trace.explain').map((a) => a.params as Explain);
  }

  refs(actions: Action[] = this.actions): string[] {
    return this.explains(actions).map((e) => e.ref);
  }

  keys(actions: Action[] = this.actions): string[] {
    return this.explains(actions).map((e) => e.key);
  }

  count(type: string, actions: Action[] = this.actions): number {
    return actions.filter((a) => a.type === type).length;
  }

  packet(packet: Packet): Action[] {
    return this.send({ type: 'NET.PACKET', packet });
  }

  /** APP.CONNECT, NET.OPENED, CONNACK: a connected client. */
  connect(options: ConnectOptions = {}, connack: Partial<ConnackPacket> = {}): Action[] {
    this.send({ type: 'APP.CONNECT', options });
    this.send({ type: 'NET.OPENED' });
    return this.packet({ type: 'connack', sessionPresent: false, reasonCode: 0, ...connack });
  }

  publish(topic: string, qos: 0 | 1 | 2, payload = 'x', extra: { retain?: boolean; properties?: Properties } = {}): Action[] {
    return this.send({
      type: 'APP.PUBLISH',
      topic,
      payload: new TextEncoder().encode(payload),
      qos,
      retain: extra.retain ?? false,
      ...(extra.properties ? { properties: extra.properties } : {}),
    });
  }
}

export function incoming(
  topic: string,
  qos: 0 | 1 | 2,
  packetId?: number,
  extra: Partial<PublishPacket> = {},
): PublishPacket {
  return {
    type: 'publish',
    topic,
    payload: new TextEncoder().encode('v'),
    qos,
    retain: false,
    dup: false,
    ...(packetId !== undefined ? { packetId } : {}),
    ...extra,
  };
}
