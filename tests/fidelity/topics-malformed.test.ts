/**
 * `$` topics, invalid topics and filters, malformed and oversized packets, protocol errors,
 * against Mosquitto 2.0.11 with max_packet_size 1000. One test after the other: the `#`
 * subscriber would see the other tests' messages.
 */
import { describe, test } from 'vitest';
import { encode } from '../../src/core/codec/index.ts';
import { differential, expectDeviation, expectSame, usePair, type Env, type Transcript } from './differential.ts';

const pair = usePair({ maxPacketSize: 1000 });
const same = async (name: string, script: (env: Env) => Promise<void>) => expectSame(await differential(pair(), name, script));
const bytes = (...b: number[]) => new Uint8Array(b);

describe('topics and malformed input (Mosquitto 2.0.11 vs ours)', () => {
  test.each([4, 5] as const)('wildcards at the first level do not match $ topics; $ filters do (version %i)', async (version) =>
    same(`dollar-${version}`, async (env) => {
      await env.connect('all', { version });
      await env.subscribe('all', [['#', 0], ['+/dollar', 0]]);
      await env.connect('dollar', { version });
      await env.subscribe('dollar', [['$app/#', 0], ['$SYS/lab-test', 0], ['$app/+', 1]]);
      await env.connect('pub', { version });
      for (const t of ['$app/dollar', 'app/dollar', '$SYS/lab-test', '$app/x/y']) await env.publish('pub', t, t, { qos: 1 });
      await env.sync('all', 'dollar');
    }));

  test.each([4, 5] as const)('a PUBLISH topic with a wildcard closes the connection (version %i)', async (version) =>
    same(`bad-topic-${version}`, async (env) => {
      await env.connect('pub', { version });
      env.c('pub').send({ type: 'publish', topic: 'a/+/b', payload: bytes(), qos: 0, retain: false, dup: false });
      await env.c('pub').waitClosed();
    }));

  test.each([4, 5] as const)('an invalid subscription filter closes the connection (version %i)', async (version) =>
    same(`bad-filter-${version}`, async (env) => {
      await env.connect('sub', { version });
      env.c('sub').send({ type: 'subscribe', packetId: 1, subscriptions: [{ topicFilter: 'a/#/b', qos: 0 }] });
      await env.c('sub').waitClosed();
    }));

  const connack = (t: Transcript, client: string) => t[client]![0]!;

  test('a second CONNECT is a protocol error (3.1.1: closed)', async () =>
    same('second-connect-4', async (env) => {
      await env.connect('c', { version: 4 });
      env.c('c').send({ type: 'connect', protocolVersion: 4, clientId: `${env.ns}-c`, clean: true, keepAliveSec: 60 });
      await env.c('c').waitClosed();
    }));

  test('a second CONNECT is a protocol error (5.0: DISCONNECT 0x82 first; Mosquitto 2.0.11 just closes)', async () => {
    const r = await differential(pair(), 'second-connect-5', async (env) => {
      await env.connect('c', { version: 5 });
      env.c('c').send({ type: 'connect', protocolVersion: 5, clientId: `${env.ns}-c`, clean: true, keepAliveSec: 60 });
      await env.c('c').waitClosed();
    });
    expectDeviation(r, {
      ref: 'MQTT-3.1.0-2',
      summary:
        'a second CONNECT is a Protocol Error; for an error in a packet other than the first CONNECT the server SHOULD send DISCONNECT with the reason code ' +
        'before closing (5.0 section 4.13.1). Mosquitto 2.0.11 closes without it; ours sends DISCONNECT 0x82.',
      clients: { c: { mosquitto: [connack(r.mosquitto, 'c'), 'closed'], ours: [connack(r.ours, 'c'), { type: 'disconnect', reasonCode: 0x82 }, 'closed'] } },
    });
  });

  const malformed = (version: 4 | 5) =>
    differential(pair(), `malformed-${version}`, async (env) => {
      await env.connect('flags', { version });
      env.c('flags').sendBytes(bytes(0xc1, 0x00)); // PINGREQ with flags 0001
      await env.sleep(300);
      await env.connect('qos3', { version });
      env.c('qos3').sendBytes(bytes(0x36, 0x05, 0x00, 0x01, 0x61, 0x00, 0x01)); // PUBLISH QoS 3
      await env.c('qos3').waitClosed();
      await env.connect('length', { version });
      env.c('length').sendBytes(bytes(0x30, 0xff, 0xff, 0xff, 0xff, 0x01)); // 5-byte remaining length
      await env.c('length').waitClosed();
      await env.connect('survivor', { version });
      await env.publish('survivor', env.t('still/here'), 'ok', { qos: 1 });
    });

  test.each([4, 5] as const)('malformed packets close the connection (reserved flags, QoS 3, remaining length); others are not disturbed (version %i)', async (version) => {
    const r = await malformed(version);
    const m = (c: string) => connack(r.mosquitto, c);
    const o = (c: string) => connack(r.ours, c);
    const disconnect = version === 5 ? [{ type: 'disconnect', reasonCode: 0x81 }] : [];
    expectDeviation(r, {
      ref: 'MQTT-2.2.2-2',
      summary:
        'a packet with invalid fixed-header flags is malformed and the receiver MUST close the connection; Mosquitto 2.0.11 accepts a PINGREQ with flags 0001 ' +
        '(and answers it). ' +
        (version === 5
          ? 'Also, for a remaining length longer than 4 bytes Mosquitto closes without the DISCONNECT 0x81 that 5.0 section 4.13.1 says it SHOULD send; ours sends it.'
          : 'Ours closes the connection.'),
      clients: {
        flags: { mosquitto: [m('flags')], ours: [o('flags'), ...disconnect, 'closed'] },
        length: { mosquitto: [m('length'), 'closed'], ours: [o('length'), ...disconnect, 'closed'] },
      },
    });
  });

  test('bytes before CONNECT that are not a CONNECT close the connection', async () =>
    same('not-connect', async (env) => {
      const open = async (name: string, b: Uint8Array) => {
        const { RawClient } = await import('./raw-client.ts');
        const c = await RawClient.open(env.broker.port, 4);
        env.clients.set(name, c);
        c.sendBytes(b);
        await c.waitClosed();
      };
      await open('ping-first', encode({ type: 'pingreq' }, 4));
      await open('garbage', new TextEncoder().encode('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
    }));

  test.each([4, 5] as const)('a packet above max_packet_size (1000) closes the connection (version %i)', async (version) =>
    same(`too-large-${version}`, async (env) => {
      await env.connect('big', { version });
      await env.publish('big', env.t('small'), 'x'.repeat(900), { qos: 1 });
      env.c('big').send({ type: 'publish', topic: env.t('big'), payload: new Uint8Array(2000), qos: 0, retain: false, dup: false });
      await env.c('big').waitClosed();
    }));
});
