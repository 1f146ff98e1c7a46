/**
 * Timers longer than Node's `setTimeout` holds (issue #13 item 2): a Session Expiry or Will
 * Delay above 2,147,483 s used to fire after 1 ms. On the TCP broker, a 30-day session must
 * still be there after a reconnect and a 30-day will must not be published; 0xFFFFFFFF is
 * "never". `setLongTimeout` itself is checked with a short segment, so its chaining shows.
 */
import { afterEach, describe, expect, test } from 'vitest';
import type { ConnackPacket, ConnectPacket, Packet } from '../../src/core/codec/index.ts';
import { TcpBroker } from '../../src/node/broker/index.ts';
import { setLongTimeout } from '../../src/node/broker/long-timer.ts';
import { RawClient } from '../fidelity/raw-client.ts';

const brokers: TcpBroker[] = [];
const clients: RawClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.cut();
  await Promise.all(brokers.splice(0).map((b) => b.stop()));
});

async function startBroker(): Promise<number> {
  const broker = new TcpBroker({ port: 0, closeGraceMs: 100, config: { sysIntervalSec: 0 } });
  brokers.push(broker);
  return (await broker.start()).port;
}

async function connect(port: number, packet: Omit<ConnectPacket, 'type' | 'protocolVersion' | 'keepAliveSec'>): Promise<RawClient> {
  const c = await RawClient.connect(port, { protocolVersion: 5, keepAliveSec: 0, ...packet });
  clients.push(c);
  return c;
}

const connack = (c: RawClient) => c.received.find((p): p is ConnackPacket => p.type === 'connack')!;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const THIRTY_DAYS_SEC = 30 * 24 * 3600;

describe('long timers on the TCP broker', () => {
  test.each([THIRTY_DAYS_SEC, 0xfffffffe, 0xffffffff])('a session with Session Expiry %i s is still there after a reconnect', async (expirySec) => {
    const port = await startBroker();
    const first = await connect(port, { clientId: `long-${expirySec}`, clean: true, properties: { sessionExpiryIntervalSec: expirySec } });
    expect(connack(first).reasonCode).toBe(0);
    first.disconnect();
    await first.waitClosed();
    await pause(300);
    const again = await connect(port, { clientId: `long-${expirySec}`, clean: false, properties: { sessionExpiryIntervalSec: expirySec } });
    expect(connack(again).sessionPresent).toBe(true);
  });

  test('a will with a 30-day Will Delay is not published when the connection drops', async () => {
    const port = await startBroker();
    const watcher = await connect(port, { clientId: 'watcher', clean: true });
    watcher.send({ type: 'subscribe', packetId: 1, subscriptions: [{ topicFilter: 'wills/#', qos: 0 }] });
    await watcher.waitFor((p) => p.type === 'suback');
    const will = { topic: 'wills/sensor', payload: new TextEncoder().encode('offline'), qos: 0 as const, retain: false, properties: { willDelayIntervalSec: THIRTY_DAYS_SEC } };
    const sensor = await connect(port, { clientId: 'sensor', clean: true, will, properties: { sessionExpiryIntervalSec: THIRTY_DAYS_SEC } });
    expect(connack(sensor).reasonCode).toBe(0);
    sensor.cut();
    await pause(500);
    expect(watcher.received.filter((p: Packet) => p.type === 'publish')).toEqual([]);
  });
});

describe('setLongTimeout', () => {
  test('a delay longer than one segment is waited out in segments, not fired early', async () => {
    const started = performance.now();
    const firedAt = await new Promise<number>((r) => setLongTimeout(() => r(performance.now()), 120, 25));
    expect(firedAt - started).toBeGreaterThanOrEqual(119);
    expect(firedAt - started).toBeLessThan(1000);
  });

  test('cancel stops it between segments', async () => {
    let fired = false;
    const t = setLongTimeout(() => (fired = true), 100, 20);
    await pause(50);
    t.cancel();
    await pause(120);
    expect(fired).toBe(false);
  });
});
