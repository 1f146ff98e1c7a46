/**
 * A long queue of QoS 1 publishes behind a small send quota (#13: 16k queued publishes took 33 s
 * because every PUBACK walked the whole queue). Not a timed test: each request counts how often
 * the client reads its QoS, which is what a walk over the queue does for every waiting message.
 */
import { List } from 'immutable';
import { describe, expect, it, vi } from 'vitest';
import { connackAccepted, handlePacket, initialContext, publish, startConnect } from '../../src/core/client/session.ts';
import type { ClientContext, PublishRequest } from '../../src/core/client/index.ts';
import type { Packet } from '../../src/core/codec/types.ts';

const N = 3000;

function countingRequests(n: number): { requests: PublishRequest[]; reads: () => number } {
  let reads = 0;
  const payload = new TextEncoder().encode('x');
  const requests = Array.from({ length: n }, (_, i) => ({
    topic: `q/${i}`,
    payload,
    retain: false,
    get qos(): 1 {
      reads++;
      return 1;
    },
  }));
  return { requests, reads: () => reads };
}

function connackWithQuota(ctx: ClientContext, receiveMaximum: number): { ctx: ClientContext; sent: Packet[] } {
  const step = connackAccepted(ctx, { type: 'connack', sessionPresent: false, reasonCode: 0, properties: { receiveMaximum } }, 0);
  return { ctx: step.context, sent: sentPackets(step.effects) };
}

function sentPackets(effects: { type: string; params?: unknown }[]): Packet[] {
  return effects.filter((e) => e.type === 'net.send').map((e) => (e.params as { packet: Packet }).packet);
}

/** Acknowledges whatever is in flight until nothing is left; returns the topics sent, in order. */
function ackAll(start: ClientContext, first: Packet[]): string[] {
  let ctx = start;
  const topics: string[] = [];
  const inFlight: number[] = [];
  const take = (packets: Packet[]) => {
    for (const p of packets) {
      if (p.type !== 'publish') continue;
      topics.push(p.topic);
      inFlight.push(p.packetId!);
    }
  };
  take(first);
  for (let guard = 0; inFlight.length > 0 && guard < 10 * N; guard++) {
    const step = handlePacket(ctx, { type: 'puback', packetId: inFlight.shift()! }, 0);
    ctx = step.context;
    take(sentPackets(step.effects));
  }
  expect(ctx.pending.size).toBe(0);
  return topics;
}

describe('a long queue of QoS 1 publishes behind Receive Maximum 1', () => {
  it('queued before CONNACK: all go out one at a time, in order, and each PUBACK looks at the front of the queue only', () => {
    const { requests, reads } = countingRequests(N);
    let ctx = startConnect(initialContext('s'), { clientId: 's', protocolVersion: 5 }, 0).context;
    for (const r of requests) ctx = publish(ctx, r, 'connecting', 0).context;
    const connected = connackWithQuota(ctx, 1);
    expect(connected.sent.filter((p) => p.type === 'publish')).toHaveLength(1);
    const topics = ackAll(connected.ctx, connected.sent);
    expect(topics).toEqual(requests.map((r) => r.topic));
    // A handful of reads per message; a walk over the waiting queue per PUBACK is N * N / 2.
    expect(reads()).toBeLessThan(20 * N);
  });

  it('published while connected: the same', () => {
    const { requests, reads } = countingRequests(N);
    const connecting = startConnect(initialContext('s'), { clientId: 's', protocolVersion: 5 }, 0).context;
    const connected = connackWithQuota(connecting, 1);
    expect(connected.sent).toEqual([]);
    let ctx = connected.ctx;
    const first: Packet[] = [];
    for (const r of requests) {
      const step = publish(ctx, r, 'connected', 0);
      ctx = step.context;
      first.push(...sentPackets(step.effects));
    }
    expect(first).toHaveLength(1);
    expect(ackAll(ctx, first)).toEqual(requests.map((r) => r.topic));
    expect(reads()).toBeLessThan(20 * N);
  });
});

describe('thousands of QoS 1 publishes in flight at once (3.1.1: no send quota)', () => {
  it('each publish finds a free packet id and the used quota without walking every message in flight', () => {
    // Counts the messages that walks over an Immutable list visit (forEach and count), which
    // is what finding a free packet id or counting the quota did per publish (N * N / 2).
    const proto = Object.getPrototypeOf(List()) as { forEach: (...a: unknown[]) => number; count: (...a: unknown[]) => number };
    let visited = 0;
    const forEach = proto.forEach;
    const count = proto.count;
    const spies = [
      vi.spyOn(proto, 'forEach').mockImplementation(function (this: unknown, ...a: unknown[]) {
        const n = forEach.apply(this, a);
        visited += n;
        return n;
      }),
      vi.spyOn(proto, 'count').mockImplementation(function (this: { size: number }, ...a: unknown[]) {
        visited += this.size;
        return count.apply(this, a);
      }),
    ];
    try {
      let ctx = startConnect(initialContext('s'), { clientId: 's', protocolVersion: 4 }, 0).context;
      ctx = connackAccepted(ctx, { type: 'connack', sessionPresent: false, reasonCode: 0 }, 0).context;
      const { requests } = countingRequests(N);
      const ids: number[] = [];
      for (const r of requests) {
        const step = publish(ctx, r, 'connected', 0);
        ctx = step.context;
        for (const p of sentPackets(step.effects)) if (p.type === 'publish') ids.push(p.packetId!);
      }
      expect(ids).toEqual(requests.map((_, i) => i + 1));
      for (const id of ids) ctx = handlePacket(ctx, { type: 'puback', packetId: id }, 0).context;
      expect(ctx.outgoing.size).toBe(0);
    } finally {
      for (const s of spies) s.mockRestore();
    }
    expect(visited).toBeLessThan(10 * N);
  });
});
