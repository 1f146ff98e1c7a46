/**
 * A step edits its own copies of the context, sessions and connections in place (context.ts,
 * "copy on first write"); these tests check that no older context ever changes, which the
 * world's history (step back, fork) relies on.
 */
import { isImmutable } from 'immutable';
import { describe, expect, test } from 'vitest';
import type { BrokerContext } from '../../src/core/broker/context.ts';
import { copySession, newSession, type Session } from '../../src/core/broker/sessions.ts';
import { BrokerHarness, enc } from './harness.ts';

/** Everything reachable from a context, as text (Immutable collections and bytes included). */
function serialize(ctx: BrokerContext): string {
  return JSON.stringify(ctx, (_key, value: unknown) => {
    if (isImmutable(value)) return { immutable: (value as { toArray(): unknown[] }).toArray() };
    if (value instanceof Uint8Array) return Array.from(value);
    return value;
  });
}

/** Every context the broker went through, with its text when it was current. */
class Recorder extends BrokerHarness {
  history: Array<{ ctx: BrokerContext; text: string }> = [];

  override send(event: { type: string; [k: string]: unknown }): this {
    super.send(event);
    this.history.push({ ctx: this.context, text: serialize(this.context) });
    return this;
  }

  /** Acknowledges every PUBLISH and PUBREL sent to `connId` since the last call. */
  acknowledge(connId: string): number {
    const sent = this.take().filter((a) => a.type === 'net.send');
    let acks = 0;
    for (const a of sent) {
      const { connId: to, packet } = a.params as { connId: string; packet: { type: string; qos?: number; packetId?: number } };
      if (to !== connId || packet.packetId === undefined) continue;
      if (packet.type === 'publish' && packet.qos === 1) this.packet(connId, { type: 'puback', packetId: packet.packetId });
      else if (packet.type === 'publish' && packet.qos === 2) this.packet(connId, { type: 'pubrec', packetId: packet.packetId });
      else if (packet.type === 'pubrel') this.packet(connId, { type: 'pubcomp', packetId: packet.packetId });
      else continue;
      acks++;
    }
    return acks;
  }
}

describe('older contexts never change', () => {
  for (const version of [4, 5] as const) {
    for (const qos of [0, 1, 2] as const) {
      test(`QoS ${qos}, MQTT ${version === 5 ? '5.0' : '3.1.1'}: queueing, in-flight windows, acknowledgements, disconnects`, () => {
        const h = new Recorder({ maxInflightMessages: 3, maxQueuedMessages: 0 });
        h.connect('c-sub', 'sub', { protocolVersion: version });
        h.connect('c-sub2', 'sub2', { protocolVersion: version, clean: false, ...(version === 5 ? { properties: { sessionExpiryIntervalSec: 60 } } : {}) });
        h.connect('c-pub', 'pub', { protocolVersion: version });
        h.subscribe('c-sub', 'a/#', qos);
        h.subscribe('c-sub', 'a/+', qos, 2);
        h.subscribe('c-sub2', 'a/#', qos, 1, version === 5 ? { retainAsPublished: true } : {});
        for (let i = 1; i <= 12; i++) {
          h.publish('c-pub', i % 3 === 0 ? 'a/b' : 'a/b/c', `m${i}`, qos, { packetId: i, retain: i % 4 === 0 });
          if (qos === 2) h.packet('c-pub', { type: 'pubrel', packetId: i });
          if (i === 6) h.closed('c-sub2');
          if (i % 2 === 0) h.acknowledge('c-sub');
        }
        for (let round = 0; round < 20 && h.acknowledge('c-sub') > 0; round++);
        h.connect('c-sub2b', 'sub2', { protocolVersion: version, clean: false });
        for (let round = 0; round < 20 && h.acknowledge('c-sub2b') > 0; round++);
        h.packet('c-pub', { type: 'disconnect' });

        expect(h.history.length).toBeGreaterThan(20);
        for (const { ctx, text } of h.history) expect(serialize(ctx)).toBe(text);
      });
    }
  }
});

describe('copySession', () => {
  test('keeps every field, and leaves absent optional fields absent', () => {
    const bare = newSession('c', 5, 60);
    expect(copySession(bare)).toStrictEqual(bare);
    const full: Session = {
      ...bare,
      username: 'u',
      expiresAtMs: 5,
      lastPacketId: 7,
      generation: 3,
      connId: 'conn-1',
      will: { will: { topic: 't', payload: enc('x'), qos: 1, retain: false }, username: 'u' },
    };
    expect(copySession(full)).toStrictEqual(full);
    expect(Object.keys(copySession(full)).sort()).toEqual(Object.keys(full).sort());
  });
});
