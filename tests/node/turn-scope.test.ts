/**
 * The TCP driver lets the broker core edit its own copies in place for the length of one turn
 * (`turnScope` in src/node/broker/socket-pump.ts): the packets of one read copy the context,
 * a session and a connection once. What the broker has handed out between turns must stay as
 * it was (the same promise the simulated world's history relies on), and the deliveries must be
 * those of a broker that copies per packet.
 */
import { isImmutable } from 'immutable';
import { afterEach, expect, test } from 'vitest';
import type { BrokerContext } from '../../src/core/broker/index.ts';
import { encode, type PublishPacket } from '../../src/core/codec/index.ts';
import { TcpBroker } from '../../src/node/broker/index.ts';
import { RawClient } from '../fidelity/raw-client.ts';

const brokers: TcpBroker[] = [];
const clients: RawClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.cut();
  await Promise.all(brokers.splice(0).map((b) => b.stop()));
});

/** Everything reachable from a context, as text (Immutable collections and bytes included). */
function serialize(ctx: BrokerContext): string {
  return JSON.stringify(ctx, (_key, value: unknown) => {
    if (isImmutable(value)) return { immutable: (value as { toArray(): unknown[] }).toArray() };
    if (value instanceof Uint8Array) return Array.from(value);
    if (value instanceof Map) return { map: [...value] };
    return value;
  });
}

/** `count` QoS 2 PUBLISHes in one write, so that the broker reads them in one turn. */
function burst(from: number, count: number): Uint8Array {
  const frames = Array.from({ length: count }, (_, i) =>
    encode({ type: 'publish', topic: `burst/${(from + i) % 3}`, payload: new TextEncoder().encode(`m${from + i}`), qos: 2, retain: false, dup: false, packetId: from + i + 1 }, 4),
  );
  const bytes = new Uint8Array(frames.reduce((n, f) => n + f.length, 0));
  let at = 0;
  for (const f of frames) {
    bytes.set(f, at);
    at += f.length;
  }
  return bytes;
}

test('a context the TCP broker handed out between turns never changes, and bursts of QoS 2 in one read are delivered exactly once, in order', async () => {
  // A window of 2: most copies wait in the queue, so acknowledgements move them along.
  const broker = new TcpBroker({ port: 0, closeGraceMs: 100, config: { sysIntervalSec: 0, maxInflightMessages: 2 } });
  brokers.push(broker);
  const { port } = await broker.start();
  const subscribers = await Promise.all(['s1', 's2'].map((clientId) => RawClient.connect(port, { protocolVersion: 4, clientId, clean: true, keepAliveSec: 0 })));
  const publisher = await RawClient.connect(port, { protocolVersion: 4, clientId: 'p', clean: true, keepAliveSec: 0 }, { autoAck: false });
  clients.push(...subscribers, publisher);
  for (const s of subscribers) {
    s.send({ type: 'subscribe', packetId: 1, subscriptions: [{ topicFilter: 'burst/+', qos: 2 }] });
    await s.waitFor((p) => p.type === 'suback');
  }

  const seen: Array<{ ctx: BrokerContext; text: string }> = [];
  const keep = () => seen.push({ ctx: broker.context, text: serialize(broker.context) });
  const perBurst = 25;
  for (let b = 0; b < 3; b++) {
    keep();
    publisher.sendBytes(burst(b * perBurst, perBurst));
    const recs = await publisher.waitFor((p) => p.type === 'pubrec' && p.packetId === (b + 1) * perBurst);
    expect(recs).toBeDefined();
    keep();
    // Every PUBREL in one write too: each releases a message to both subscribers.
    const rels = Array.from({ length: perBurst }, (_, i) => encode({ type: 'pubrel', packetId: b * perBurst + i + 1 }, 4));
    const bytes = new Uint8Array(rels.length * 4);
    rels.forEach((r, i) => bytes.set(r, i * 4));
    publisher.sendBytes(bytes);
    await publisher.waitFor((p) => p.type === 'pubcomp' && p.packetId === (b + 1) * perBurst);
    keep();
  }
  const total = 3 * perBurst;
  for (const s of subscribers) {
    await s.waitFor(() => s.received.filter((p) => p.type === 'publish').length >= total, 5000);
  }
  await new Promise((r) => setTimeout(r, 100));

  for (const s of subscribers) {
    const payloads = s.received.filter((p): p is PublishPacket => p.type === 'publish').map((p) => new TextDecoder().decode(p.payload));
    expect(payloads).toEqual(Array.from({ length: total }, (_, i) => `m${i}`));
  }
  for (const [i, { ctx, text }] of seen.entries()) expect(serialize(ctx), `context ${i}`).toBe(text);
});

test('a context read in the middle of a turn (here from the trace, between two packets of one read) never changes afterwards', async () => {
  const seen: Array<{ ctx: BrokerContext; text: string }> = [];
  const made: { broker?: TcpBroker } = {};
  const onEntry = (entry: { kind: string; summary?: string }) => {
    // Between the packets of the burst: the steps after it run in the same turn.
    const broker = made.broker;
    if (broker && entry.kind === 'deliver' && entry.summary?.startsWith('PUBLISH')) seen.push({ ctx: broker.context, text: serialize(broker.context) });
  };
  const broker = (made.broker = new TcpBroker({ port: 0, closeGraceMs: 100, onEntry, config: { sysIntervalSec: 0, maxInflightMessages: 2 } }));
  brokers.push(broker);
  const { port } = await broker.start();
  // A subscriber, so that every PUBLISH of the burst edits its session and the counters too.
  const subscriber = await RawClient.connect(port, { protocolVersion: 4, clientId: 's', clean: true, keepAliveSec: 0 });
  const publisher = await RawClient.connect(port, { protocolVersion: 4, clientId: 'p', clean: true, keepAliveSec: 0 });
  clients.push(subscriber, publisher);
  subscriber.send({ type: 'subscribe', packetId: 1, subscriptions: [{ topicFilter: 'burst/+', qos: 2 }] });
  await subscriber.waitFor((p) => p.type === 'suback');
  publisher.sendBytes(burst(0, 10));
  await publisher.waitFor((p) => p.type === 'pubrec' && p.packetId === 10);
  expect(seen.length).toBe(10);
  for (const [i, { ctx, text }] of seen.entries()) expect(serialize(ctx), `context ${i}`).toBe(text);
});
