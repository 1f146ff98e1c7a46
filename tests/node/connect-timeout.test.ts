/**
 * Idle sockets are not held forever (issue #13 item 3): a connection that has not completed its
 * CONNECT `connect_timeout` seconds after it opened is closed, whatever trickles in meanwhile;
 * a client that connects in time is not affected. The rule is the engine's (the same answer in
 * the sandbox); `npm run broker` turns it on with 30 s unless configured.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { initialContext, step, type Effect } from '../../src/core/broker/index.ts';
import { encode } from '../../src/core/codec/index.ts';
import { DEFAULT_CONNECT_TIMEOUT_SEC, parseBrokerConfig, TcpBroker } from '../../src/node/broker/index.ts';
import { RawClient } from '../fidelity/raw-client.ts';

const brokers: TcpBroker[] = [];
const clients: RawClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.cut();
  await Promise.all(brokers.splice(0).map((b) => b.stop()));
});

async function start(connectTimeoutSec: number): Promise<{ broker: TcpBroker; port: number }> {
  const broker = new TcpBroker({ port: 0, closeGraceMs: 100, config: { sysIntervalSec: 0, connectTimeoutSec } });
  brokers.push(broker);
  return { broker, port: (await broker.start()).port };
}

async function open(port: number): Promise<RawClient> {
  const c = await RawClient.open(port, 4);
  clients.push(c);
  return c;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the CONNECT timeout on TCP', () => {
  test('sockets that never send CONNECT are closed after the timeout, not before', async () => {
    const { broker, port } = await start(1);
    const idle = await Promise.all(Array.from({ length: 20 }, () => open(port)));
    await pause(600);
    expect(idle.filter((c) => c.closed)).toHaveLength(0);
    await Promise.all(idle.map((c) => c.waitClosed(3000)));
    for (let i = 0; i < 50 && broker.connectionCount > 0; i++) await pause(20);
    expect(broker.connectionCount).toBe(0);
  });

  test('a CONNECT trickled in one byte at a time is cut at the timeout, counted from the connection start', async () => {
    const { port } = await start(1);
    const slow = await open(port);
    const connect = encode({ type: 'connect', protocolVersion: 4, clientId: 'slowloris', clean: true, keepAliveSec: 60 }, 4);
    const started = Date.now();
    for (let i = 0; i < connect.length - 1 && !slow.closed; i++) {
      slow.sendBytes(connect.subarray(i, i + 1));
      await pause(100);
    }
    await slow.waitClosed(3000);
    expect(Date.now() - started).toBeLessThan(2500);
    expect(slow.received).toEqual([]);
  });

  test('a client that connects in time stays connected past the timeout (keep alive 0 and 60)', async () => {
    const { port } = await start(1);
    const a = await RawClient.connect(port, { protocolVersion: 4, clientId: 'a', clean: true, keepAliveSec: 0 });
    const b = await RawClient.connect(port, { protocolVersion: 5, clientId: 'b', clean: true, keepAliveSec: 60 });
    clients.push(a, b);
    await pause(1600);
    expect([a.closed, b.closed]).toEqual([false, false]);
    a.send({ type: 'pingreq' });
    await a.waitFor((p) => p.type === 'pingresp');
  });

  test('npm run broker: 30 s unless connect_timeout says otherwise (Mosquitto 2.0.11 took 91–97 s)', async () => {
    expect(DEFAULT_CONNECT_TIMEOUT_SEC).toBe(30);
    const { broker } = await start(DEFAULT_CONNECT_TIMEOUT_SEC);
    expect(broker.context.config.connectTimeoutSec).toBe(30);
    const plain = new TcpBroker({ port: 0, config: { sysIntervalSec: 0 } });
    brokers.push(plain);
    expect(plain.context.config.connectTimeoutSec).toBe(30);
    expect(parseBrokerConfig('connect_timeout 5\n', 'b.conf').broker.connectTimeoutSec).toBe(5);
    expect(() => parseBrokerConfig('connect_timeout soon\n', 'b.conf')).toThrow('b.conf:1: connect_timeout must be a whole number from 0 to 3600, not "soon"');
  });
});

describe('the CONNECT timeout is the engine’s rule', () => {
  const timers = (effects: Effect[]) => effects.filter((e) => e.type === 'timer.start' || e.type === 'timer.cancel').map((e) => (e.type === 'timer.start' ? `start ${e.id} ${e.delayMs}` : `cancel ${e.id}`));

  test('armed at NET.OPEN, it closes a connection still waiting for CONNECT', () => {
    const ctx = initialContext({ sysIntervalSec: 0, connectTimeoutSec: 2 });
    const opened = step(ctx, { type: 'NET.OPEN', connId: 'c1', nowMs: 0 });
    expect(timers(opened.effects)).toEqual(['start keepalive:c1 2000']);
    const fired = step(opened.context, { type: 'TIMER.KEEPALIVE', connId: 'c1', nowMs: 2000 });
    expect(fired.effects.filter((e) => e.type === 'net.close')).toEqual([{ type: 'net.close', params: { connId: 'c1' } }]);
    expect(fired.context.conns.size).toBe(0);
  });

  test('off by default in the sandbox: no timer at NET.OPEN', () => {
    expect(timers(step(initialContext({ sysIntervalSec: 0 }), { type: 'NET.OPEN', connId: 'c1', nowMs: 0 }).effects)).toEqual([]);
  });
});
