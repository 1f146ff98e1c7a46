/**
 * Memory does not grow with slow clients (issue #13 item 4). A subscriber that does not read
 * gets, as from Mosquitto, what fits within `max_queued_messages` / `max_queued_bytes` on its
 * connection; QoS 0 messages beyond that are dropped and counted (`$SYS/broker/publish/messages/
 * dropped`, and a trace note), and the client is never cut off: once it reads again it gets new
 * messages. The engine part (NET.BACKLOG, max_queued_bytes) is checked without sockets too.
 */
import { connect as tcpConnect, type Socket } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { initialContext, step, type BrokerContext } from '../../src/core/broker/index.ts';
import { Decoder, encode, type Packet, type PublishPacket } from '../../src/core/codec/index.ts';
import { TcpBroker } from '../../src/node/broker/index.ts';
import { RawClient } from '../fidelity/raw-client.ts';

const brokers: TcpBroker[] = [];
const sockets: Socket[] = [];
const clients: RawClient[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  for (const c of clients.splice(0)) c.cut();
  await Promise.all(brokers.splice(0).map((b) => b.stop()));
});

const enc = (s: string) => new TextEncoder().encode(s);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A subscriber to `load/#` (QoS 0) that stops reading at once; `resume()` reads and decodes again. */
async function nonReader(port: number, clientId: string): Promise<{ socket: Socket; received: Packet[]; resume: () => void }> {
  const socket = tcpConnect({ host: '127.0.0.1', port });
  sockets.push(socket);
  await new Promise<void>((r, reject) => {
    socket.once('connect', () => r());
    socket.once('error', reject);
  });
  const received: Packet[] = [];
  const decoder = new Decoder({ version: 4 });
  socket.on('data', (chunk: Buffer) => {
    decoder.push(new Uint8Array(chunk));
    for (let r = decoder.next(); r.kind === 'packet'; r = decoder.next()) received.push(r.packet);
  });
  socket.on('error', () => {});
  socket.write(encode({ type: 'connect', protocolVersion: 4, clientId, clean: true, keepAliveSec: 0 }, 4));
  socket.write(encode({ type: 'subscribe', packetId: 1, subscriptions: [{ topicFilter: 'load/#', qos: 0 }] }, 4));
  socket.pause();
  return { socket, received, resume: () => socket.resume() };
}

describe('slow subscribers on TCP', () => {
  test('QoS 0 beyond max_queued_messages is dropped and counted for a client that does not read; it is not cut off and gets new messages once it reads', async () => {
    const broker = new TcpBroker({ port: 0, closeGraceMs: 100, config: { sysIntervalSec: 1, maxQueuedMessages: 100 } });
    brokers.push(broker);
    const { port } = await broker.start();
    const stuck = await Promise.all([1, 2, 3].map((i) => nonReader(port, `stuck-${i}`)));
    const watcher = await RawClient.connect(port, { protocolVersion: 4, clientId: 'watcher', clean: true, keepAliveSec: 0 });
    const publisher = await RawClient.connect(port, { protocolVersion: 4, clientId: 'publisher', clean: true, keepAliveSec: 0 });
    clients.push(watcher, publisher);
    watcher.send({ type: 'subscribe', packetId: 1, subscriptions: [{ topicFilter: '$SYS/broker/publish/messages/dropped', qos: 0 }] });
    await watcher.waitFor((p) => p.type === 'suback');
    for (let i = 0; i < 200 && broker.context.subs.count < 4; i++) await pause(10);

    // 16 MB for each subscriber: 4,000 messages of 4 KiB.
    const payload = new Uint8Array(4096).fill(0x61);
    for (let i = 0; i < 4000; i++) publisher.send({ type: 'publish', topic: 'load/data', payload, qos: 0, retain: false, dup: false });
    publisher.send({ type: 'publish', topic: 'load/sync', payload: enc('sync'), qos: 1, retain: false, dup: false, packetId: 1 });
    await publisher.waitFor((p) => p.type === 'puback', 20_000);

    expect(broker.connectionCount).toBe(5);
    // What waits for the three in the broker: about max_queued_messages packets each, not 16 MB.
    expect(broker.backlogBytes).toBeLessThan(3 * 2 * 1024 * 1024);
    expect(broker.context.counters.publishDropped).toBeGreaterThan(3000);
    await watcher.waitFor((p) => p.type === 'publish' && Number(new TextDecoder().decode(p.payload)) > 3000, 5000);

    // The first one reads again: it catches up and gets a message sent after that.
    stuck[0]!.resume();
    for (let i = 0; i < 200 && stuck[0]!.received.length < 100; i++) await pause(20);
    await pause(200);
    publisher.send({ type: 'publish', topic: 'load/after', payload: enc('after'), qos: 0, retain: false, dup: false });
    const deadline = Date.now() + 5000;
    const gotAfter = () => stuck[0]!.received.some((p) => p.type === 'publish' && (p as PublishPacket).topic === 'load/after');
    while (!gotAfter() && Date.now() < deadline) await pause(20);
    expect(gotAfter()).toBe(true);
    expect(broker.connectionCount).toBe(5);
  }, 60_000);
});

describe('npm run broker without max_queued_bytes', () => {
  test('what waits for a client that does not read stays near 1 MiB, not 1,000 messages', async () => {
    const broker = new TcpBroker({ port: 0, closeGraceMs: 100, config: { sysIntervalSec: 0 } });
    brokers.push(broker);
    const { port } = await broker.start();
    await nonReader(port, 'stuck');
    const publisher = await RawClient.connect(port, { protocolVersion: 4, clientId: 'publisher', clean: true, keepAliveSec: 0 });
    clients.push(publisher);
    for (let i = 0; i < 200 && broker.context.subs.count < 1; i++) await pause(10);
    const payload = new Uint8Array(4096).fill(0x62);
    for (let i = 0; i < 3000; i++) publisher.send({ type: 'publish', topic: 'load/data', payload, qos: 0, retain: false, dup: false });
    publisher.send({ type: 'pingreq' });
    await publisher.waitFor((p) => p.type === 'pingresp', 20_000);
    expect(broker.context.config.maxQueuedBytes).toBe(1024 * 1024);
    expect(broker.backlogBytes).toBeLessThan(2 * 1024 * 1024);
    expect(broker.connectionCount).toBe(2);
  }, 30_000);
});

describe('the engine side of the queue limits', () => {
  function connected(config: Parameters<typeof initialContext>[0]): BrokerContext {
    let ctx = initialContext({ sysIntervalSec: 0, ...config });
    const feed = (connId: string, packet: Packet) => (ctx = step(ctx, { type: 'NET.PACKET', connId, packet, nowMs: 0 }).context);
    for (const id of ['sub', 'pub']) {
      ctx = step(ctx, { type: 'NET.OPEN', connId: id, nowMs: 0 }).context;
      feed(id, { type: 'connect', protocolVersion: 4, clientId: id, clean: id === 'pub', keepAliveSec: 0 });
    }
    feed('sub', { type: 'subscribe', packetId: 1, subscriptions: [{ topicFilter: 't', qos: 1 }] });
    return ctx;
  }
  const publish = (ctx: BrokerContext, qos: 0 | 1, packetId?: number) =>
    step(ctx, { type: 'NET.PACKET', connId: 'pub', packet: { type: 'publish', topic: 't', payload: new Uint8Array(100), qos, retain: false, dup: false, ...(packetId ? { packetId } : {}) }, nowMs: 0 });
  const sentToSub = (r: ReturnType<typeof step>) => r.effects.filter((e) => e.type === 'net.send' && e.params.connId === 'sub' && e.params.packet.type === 'publish').length;

  test('NET.BACKLOG full: QoS 0 to that client is dropped and counted, QoS 1 still goes out; drained: QoS 0 flows again', () => {
    let ctx = connected({});
    ctx = step(ctx, { type: 'NET.BACKLOG', connId: 'sub', full: true, nowMs: 0 }).context;
    const q0 = publish(ctx, 0);
    expect(sentToSub(q0)).toBe(0);
    expect(q0.context.counters.publishDropped).toBe(1);
    expect(q0.effects.some((e) => e.type === 'trace.explain' && e.params.key === 'deliver.backlog-dropped')).toBe(true);
    expect(sentToSub(publish(ctx, 1, 1))).toBe(1);
    ctx = step(ctx, { type: 'NET.BACKLOG', connId: 'sub', full: false, nowMs: 0 }).context;
    expect(sentToSub(publish(ctx, 0))).toBe(1);
  });

  test('max_queued_bytes bounds the payload bytes queued beyond the in-flight window', () => {
    let ctx = connected({ maxInflightMessages: 1, maxQueuedBytes: 250 });
    for (let id = 1; id <= 5; id++) ctx = publish(ctx, 1, id).context;
    // One in flight, two queued (200 bytes), two dropped (a third would make 300 > 250).
    expect(ctx.counters.publishDropped).toBe(2);
    expect(ctx.sessions.get('sub')!.queued.size).toBe(2);
  });
});
