/**
 * Differences the random differential test (random.test.ts) found, each as a short script.
 * Where Mosquitto 2.0.11 departs from the spec, `expectDeviation` records it and
 * `normaliseKnown` (random-script.ts) keeps the random test from reporting it again.
 */
import { describe, expect, test } from 'vitest';
import { differential, expectDeviation, expectSame, usePair } from './differential.ts';

const pair = usePair();

describe.concurrent('found by random scripts (Mosquitto 2.0.11 vs ours)', () => {
  test('5.0 UNSUBSCRIBE of a `$` filter nobody holds: 0x11 No subscription existed (Mosquitto 2.0.11: 0x00 Success)', async () => {
    const r = await differential(pair(), 'unsub-dollar', async (env) => {
      await env.connect('a', { version: 5 });
      const a = env.c('a');
      a.send({ type: 'unsubscribe', packetId: 1, topicFilters: [`$${env.ns}/#`, env.t('never')] });
      await a.waitFor((p) => p.type === 'unsuback');
      await env.sync('a');
    });
    const connack = r.ours.a![0]!;
    expectDeviation(r, {
      ref: 'MQTT-3.11.3-2',
      summary:
        'an UNSUBACK gives each filter its Unsubscribe Reason Code: 0x11 No subscription existed when the client holds no such filter (3.11.3). ' +
        'Mosquitto 2.0.11 answers 0x00 Success for a filter starting with `$` when nobody holds any subscription under that first level ' +
        '(its subscription tree has no node to search), 0x11 for other filters. Ours answers 0x11 for both.',
      clients: {
        a: {
          mosquitto: [connack, { type: 'unsuback', packetId: 1, reasonCodes: [0x00, 0x11] }],
          ours: [connack, { type: 'unsuback', packetId: 1, reasonCodes: [0x11, 0x11] }],
        },
      },
    });
  });

  test.each([4, 5] as const)('a clean session taken over by a persistent connect: the old connection does not get its own will (version %i; Mosquitto 2.0.11 sends it before closing)', async (version) => {
    const r = await differential(pair(), `takeover-own-will-${version}`, async (env) => {
      await env.connect('watcher', { version });
      await env.subscribe('watcher', [[env.t('status/#'), 1]]);
      await env.connect('old', { version, clientId: `${env.ns}-dev`, will: { topic: env.t('status/dev'), payload: 'gone', qos: 1 } });
      await env.subscribe('old', [[env.t('status/#'), 1]]);
      // Taken over by a persistent connect: Mosquitto then keeps the old subscriptions until after the will.
      await env.connect('new', { version, clientId: `${env.ns}-dev`, clean: false, ...(version === 5 ? { properties: { sessionExpiryIntervalSec: 300 } } : {}) });
      await env.c('old').waitClosed();
      await env.c('watcher').waitFor((p) => p.type === 'publish');
      await env.syncAll();
    });
    const [connack, suback] = r.mosquitto.old!;
    const ownWill = r.mosquitto.old![2]!;
    expectDeviation(r, {
      ref: 'MQTT-3.1.2-8',
      summary:
        'the will is published after the network connection is closed (MQTT-3.1.2-8), and a takeover closes the old connection (MQTT-3.1.4-2/-3): ' +
        'the closed connection cannot receive it. Mosquitto 2.0.11 publishes the will while the old connection is still attached, so a client ' +
        'subscribed to its own will topic receives its will just before it is closed. Ours publishes it after the close; the watcher gets it from both.',
      clients: {
        old: {
          mosquitto: [connack!, suback!, ownWill, 'closed'],
          ours: version === 5 ? [connack!, suback!, { type: 'disconnect', reasonCode: 0x8e }, 'closed'] : [connack!, suback!, 'closed'],
        },
      },
    });
  });

  test('5.0 a filter subscribed again replaces the subscription with its new options (Mosquitto 2.0.11 keeps No Local and Retain As Published)', async () => {
    const r = await differential(pair(), 'resubscribe-options', async (env) => {
      await env.connect('pub', { version: 5 });
      await env.publish('pub', env.t('r'), 'stored', { qos: 1, retain: true });
      await env.connect('sub', { version: 5 });
      await env.subscribe('sub', [{ topicFilter: env.t('r'), qos: 1, noLocal: true, retainAsPublished: true, retainHandling: 2 }]);
      await env.subscribe('sub', [{ topicFilter: env.t('r'), qos: 1, retainHandling: 2 }], 2);
      await env.mark('sub', 'replaced');
      await env.publish('pub', env.t('r'), 'live', { qos: 1, retain: true, packetId: 2 });
      await env.publish('sub', env.t('r'), 'own', { qos: 1, packetId: 3 });
      await env.sync('sub');
    });
    const head = r.ours.sub!.slice(0, 4); // CONNACK, SUBACK, SUBACK, mark
    const topic = (r.ours.sub![4] as { topic: string }).topic;
    const copy = (payload: string, retain: boolean, packetId: number) => ({ type: 'publish', topic, payload, qos: 1, retain, dup: false, packetId });
    const puback = { type: 'puback', packetId: 3, reasonCode: 0 };
    expectDeviation(r, {
      ref: 'MQTT-3.8.4-3',
      summary:
        'a SUBSCRIBE with a filter identical to one the session holds MUST replace that subscription, options included. Mosquitto 2.0.11 updates ' +
        'only the QoS and the subscription identifier: No Local and Retain As Published stay as first subscribed, so the client still gets the ' +
        'RETAIN flag as published and not its own messages. Ours applies the new options: RETAIN 0 on a live message, the own message delivered.',
      clients: {
        sub: {
          mosquitto: [...head, copy('live', true, 1), puback],
          ours: [...head, copy('live', false, 1), copy('own', false, 2), puback],
        },
      },
    });
  });

  test('a 5.0 session with Retain As Published resumed by a 3.1.1 connection: RETAIN 0 on a live message (Mosquitto 2.0.11 keeps the 5.0 option)', async () => {
    const r = await differential(pair(), 'rap-to-311', async (env) => {
      await env.connect('pub', { version: 4 });
      await env.connect('v5', { version: 5, clientId: `${env.ns}-dev`, clean: true, properties: { sessionExpiryIntervalSec: 300 } });
      await env.subscribe('v5', [{ topicFilter: env.t('r'), qos: 1, retainAsPublished: true }]);
      env.c('v5').disconnect();
      await env.c('v5').waitClosed();
      await env.connect('v311', { version: 4, clientId: `${env.ns}-dev`, clean: false });
      await env.publish('pub', env.t('r'), 'live', { qos: 1, retain: true });
      await env.c('v311').waitFor((p) => p.type === 'publish');
      await env.sync('v311');
      // A new subscriber gets the retained message with RETAIN 1 from both (MQTT-3.3.1-8).
      await env.connect('late', { version: 4 });
      await env.subscribe('late', [[env.t('r'), 1]]);
      await env.syncAll();
    });
    const connack = r.ours.v311![0]!;
    expect(connack).toMatchObject({ type: 'connack', sessionPresent: true });
    const live = (retain: boolean) => ({ type: 'publish', topic: (r.ours.late![2] as { topic: string }).topic, payload: 'live', qos: 1, retain, dup: false, packetId: 1 });
    expectDeviation(r, {
      ref: 'MQTT-3.3.1-9',
      summary:
        'a 3.1.1 server MUST set the RETAIN flag to 0 when a PUBLISH is sent to a client because it matches an established subscription, ' +
        'regardless of how the flag was set in the message it received (MQTT 3.1.1, MQTT-3.3.1-9); 3.1.1 has no Retain As Published. ' +
        'Mosquitto 2.0.11 keeps the 5.0 option of a subscription made by a 5.0 connection when a 3.1.1 connection resumes the session, ' +
        'and forwards a live message to it with RETAIN as published (1). Ours applies the rule of the connection in use: RETAIN 0.',
      clients: {
        v311: {
          mosquitto: [connack, live(true)],
          ours: [connack, live(false)],
        },
      },
    });
  });

  test('5.0 Maximum Packet Size: a packet one byte over the limit is not sent (Mosquitto 2.0.11 sends it)', async () => {
    const MAX = 64;
    const r = await differential(pair(), 'max-packet-plus-one', async (env) => {
      await env.connect('small', { version: 5, properties: { maximumPacketSize: MAX } });
      await env.subscribe('small', [[env.t('x'), 0]]);
      await env.connect('pub', { version: 5 });
      // A forwarded 5.0 QoS 0 PUBLISH without properties: 1 + 1 (remaining length) + 2 + topic + 1 (no properties) + payload bytes.
      const payload = (size: number) => 'p'.repeat(size - 5 - env.t('x').length);
      for (const size of [MAX, MAX + 1, MAX + 2]) await env.publish('pub', env.t('x'), payload(size));
      await env.syncAll();
    });
    const [connack, suback, atLimit, plusOne] = r.mosquitto.small!;
    expect((atLimit as { payload: string }).payload.length + 5 + (atLimit as { topic: string }).topic.length).toBe(MAX);
    expectDeviation(r, {
      ref: 'MQTT-3.1.2-24',
      summary:
        'the Server MUST NOT send packets exceeding the Maximum Packet Size the client gave in CONNECT (MQTT-3.1.2-24); the size is the total ' +
        'number of bytes of the packet. Mosquitto 2.0.11 checks the remaining length plus its own length bytes and leaves out the first byte of ' +
        'the fixed header, so it sends a packet of exactly the limit + 1 bytes. Ours drops it (MQTT-3.1.2-25) as it drops larger ones.',
      clients: {
        small: {
          mosquitto: [connack!, suback!, atLimit!, plusOne!],
          ours: [connack!, suback!, atLimit!],
        },
      },
    });
  });

  test('5.0 will with Will Delay and a session that ends with the connection: the will goes out at the close (Mosquitto 2.0.11 waits the delay; seed 17)', async () => {
    const r = await differential(pair(), 'will-delay-no-session', async (env) => {
      await env.connect('watcher', { version: 5 });
      await env.subscribe('watcher', [[env.t('status/#'), 1]]);
      // No Session Expiry Interval: the session ends when the connection does.
      await env.connect('dev', { version: 5, will: { topic: env.t('status/dev'), payload: 'gone', qos: 1, properties: { willDelayIntervalSec: 1 } } });
      env.c('dev').disconnect({ type: 'disconnect', reasonCode: 0x04 });
      await env.c('dev').waitClosed();
      await env.mark('watcher', 'DISCONNECT 0x04 handled');
      await env.c('watcher').waitFor((p) => p.type === 'publish', 4000);
      await env.sync('watcher');
    });
    const [connack, suback, will] = r.ours.watcher!;
    expect(will).toMatchObject({ type: 'publish', payload: 'gone' });
    const mark = { mark: 'DISCONNECT 0x04 handled' };
    expectDeviation(r, {
      ref: 'MQTT-3.1.2-8',
      summary:
        'the will is published after the Network Connection is closed and either the Will Delay Interval has passed or the Session ends ' +
        '(MQTT-3.1.2-8; 3.1.3.2.2: "until the Will Delay Interval has passed or the Session ends, whichever happens first"). With Session ' +
        'Expiry Interval 0 the session ends with the connection, so the will is due at once. Ours publishes it then; Mosquitto 2.0.11 keeps ' +
        'the session until the Will Delay Interval has passed and publishes it after the delay.',
      clients: { watcher: { mosquitto: [connack!, suback!, mark, will!], ours: [connack!, suback!, will!, mark] } },
    });
  });

  test('5.0 one client in two shared groups whose filters match: the copies come in the walk order of the filters (`a/#` before `+/b`; seed 7060)', async () => {
    const r = await differential(pair(), 'shared-walk-order', async (env) => {
      await env.connect('sub', { version: 5 });
      await env.subscribe('sub', [[`$share/g/${env.t('+/b')}`, 1]]);
      await env.subscribe('sub', [[`$share/g/${env.t('a/#')}`, 1]], 2, { subscriptionIdentifiers: [3] });
      await env.connect('pub', { version: 5 });
      await env.publish('pub', env.t('a/b'), 'm', { qos: 1 });
      await env.syncAll();
    });
    expect(r.ours.sub![3]).toMatchObject({ type: 'publish', properties: { subscriptionIdentifiers: [3] } });
    expectSame(r);
  });
});
