/**
 * Issue 20, item 1: nothing a client sends, and no bug in the broker, may throw out of a broker
 * step. A deep topic filter is handled without recursion; any exception ends only the
 * connection whose event caused it, the normal way (5.0: DISCONNECT 0x80, will published), and
 * the broker keeps serving the others.
 */
import { describe, expect, test } from 'vitest';
import { decode, type Packet } from '../../src/core/codec/index.ts';
import { initialContext, start, step } from '../../src/core/broker/engine.ts';
import { SubscriptionStore } from '../../src/core/mqtt/subscription-store.ts';
import { BrokerHarness, enc } from './harness.ts';

const hex = (s: string) => Uint8Array.from(s.trim().split(/\s+/), (b) => parseInt(b, 16));

describe('a broker step never throws', () => {
  test('the bytes of issue 20: CONNECT, then a SUBSCRIBE with 5,000 levels is answered, not thrown', () => {
    const connect = decode(hex('10 0D 00 04 4D 51 54 54 04 02 00 3C 00 01 61'), 4); // CONNECT 3.1.1, client "a"
    // SUBSCRIBE id 1, filter of 5,000 bytes: "/" x 5,000 (5,001 empty levels), QoS 0
    const subscribe = decode(new Uint8Array([0x82, 0x8d, 0x27, 0x00, 0x01, 0x13, 0x88, ...new Array<number>(5000).fill(0x2f), 0x00]), 4);
    expect(connect.kind).toBe('packet');
    expect(subscribe.kind).toBe('packet');
    let ctx = start(initialContext({ sysIntervalSec: 0 }), 0).context;
    ctx = step(ctx, { type: 'NET.OPEN', connId: 'c1', nowMs: 0 }).context;
    ctx = step(ctx, { type: 'NET.PACKET', connId: 'c1', packet: (connect as { packet: Packet }).packet, nowMs: 0 }).context;
    const r = step(ctx, { type: 'NET.PACKET', connId: 'c1', packet: (subscribe as { packet: Packet }).packet, nowMs: 1 });
    // Mosquitto allows at most 200 `/` in a filter: the connection is closed as for an invalid filter.
    expect(r.effects.map((e) => e.type)).toContain('net.close');
    expect(r.context.conns.has('c1')).toBe(false);
  });

  test('the subscription store adds, matches and removes a filter of 100,000 levels', () => {
    const filter = 'a/'.repeat(100_000) + '+';
    const topic = 'a/'.repeat(100_000) + 'b';
    const store = SubscriptionStore.empty<number>().add(filter, 'c', 1).add('a/#', 'd', 2);
    expect(store.match(topic).map((s) => s.subscriberId)).toEqual(['c', 'd']);
    expect(store.remove(filter, 'c').match(topic).map((s) => s.subscriberId)).toEqual(['d']);
  });

  test.each([4, 5] as const)('an exception while handling a packet closes that connection the normal way and publishes its will (version %i)', (version) => {
    const h = new BrokerHarness();
    h.connect('w', 'watcher');
    h.subscribe('w', 'status/#', 1);
    h.connect('d', 'dev', { protocolVersion: version, will: { topic: 'status/dev', payload: enc('offline'), qos: 1, retain: false } });
    h.take();
    // A packet the codec never produces (no subscription list): the handler throws a TypeError.
    h.packet('d', { type: 'subscribe', packetId: 1 } as unknown as Packet);
    expect(h.packetsTo('d')).toEqual(version === 5 ? [{ type: 'disconnect', reasonCode: 0x80 }] : []);
    expect(h.closedConns()).toEqual(['d']);
    expect(h.keys()).toContain('broker.internal-error');
    expect(h.publishesTo('w')).toEqual([expect.objectContaining({ topic: 'status/dev', qos: 1 })]);
    // The broker goes on serving the others.
    h.take();
    h.publish('w', 'status/other', 'x', 1);
    expect(h.publishesTo('w').map((p) => p.topic)).toEqual(['status/other']);
  });
});
