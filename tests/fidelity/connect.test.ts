/**
 * CONNECT against Mosquitto 2.0.11: clean and persistent sessions, takeover, credentials,
 * empty client IDs, keep alive 0.
 */
import { describe, test } from 'vitest';
import { differential, expectDeviation, expectSame, usePair } from './differential.ts';

const pair = usePair({ allowAnonymous: true, users: { alice: 'secret' } });

describe.concurrent('connect (Mosquitto 2.0.11 vs ours)', () => {
  test.each([4, 5] as const)('a clean connect, subscribe, unsubscribe and disconnect (version %i)', async (version) => {
    expectSame(
      await differential(pair(), `clean-${version}`, async (env) => {
        await env.connect('a', { version });
        await env.subscribe('a', [[env.t('x/+'), 1]]);
        env.c('a').send({ type: 'unsubscribe', packetId: 2, topicFilters: [env.t('x/+'), env.t('never')] });
        await env.c('a').waitFor((p) => p.type === 'unsuback');
        env.c('a').disconnect();
        await env.c('a').waitClosed();
      }),
    );
  });

  test.each([4, 5] as const)('a persistent session is present on reconnect, and gone after a clean one (version %i)', async (version) => {
    const props = version === 5 ? { properties: { sessionExpiryIntervalSec: 60 } } : {};
    expectSame(
      await differential(pair(), `persistent-${version}`, async (env) => {
        await env.connect('first', { version, clean: false, ...props });
        await env.subscribe('first', [[env.t('p'), 1]]);
        env.c('first').disconnect();
        await env.c('first').waitClosed();
        await env.connect('second', { version, clientId: `${env.ns}-first`, clean: false, ...props });
        env.c('second').disconnect();
        await env.c('second').waitClosed();
        await env.connect('third', { version, clientId: `${env.ns}-first`, clean: true });
        env.c('third').disconnect();
        await env.c('third').waitClosed();
        await env.connect('fourth', { version, clientId: `${env.ns}-first`, clean: false, ...props });
      }),
    );
  });

  const takeover = (version: 4 | 5) =>
    differential(pair(), `takeover-${version}`, async (env) => {
      await env.connect('watcher');
      await env.subscribe('watcher', [[env.t('status/#'), 1]]);
      await env.connect('old', { version, clientId: `${env.ns}-dev`, will: { topic: env.t('status/dev'), payload: 'gone', qos: 1 } });
      await env.connect('new', { version, clientId: `${env.ns}-dev` });
      await env.c('old').waitClosed();
      await env.c('watcher').waitFor((p) => p.type === 'publish');
      await env.syncAll();
    });

  test('takeover closes the old connection and publishes its will (3.1.1)', async () => {
    expectSame(await takeover(4));
  });

  test('takeover (5.0): the old connection gets DISCONNECT 0x8E first (Mosquitto 2.0.11 just closes it)', async () => {
    const r = await takeover(5);
    const connack = { type: 'connack', sessionPresent: false, reasonCode: 0, properties: r.ours.old![0] && (r.ours.old![0] as { properties?: unknown }).properties };
    expectDeviation(r, {
      ref: 'MQTT-3.1.4-3',
      summary: 'on takeover the server sends the existing 5.0 client DISCONNECT with 0x8E (Session taken over) and closes it; Mosquitto 2.0.11 closes the socket without the DISCONNECT arriving',
      clients: {
        old: {
          mosquitto: [connack, 'closed'],
          ours: [connack, { type: 'disconnect', reasonCode: 0x8e }, 'closed'],
        },
      },
    });
  });

  test.each([4, 5] as const)('bad credentials and unknown users are refused (version %i)', async (version) => {
    expectSame(
      await differential(pair(), `credentials-${version}`, async (env) => {
        await env.connect('wrong', { version, username: 'alice', password: 'nope' });
        await env.c('wrong').waitClosed();
        await env.connect('unknown', { version, username: 'bob', password: 'secret' });
        await env.c('unknown').waitClosed();
        await env.connect('right', { version, username: 'alice', password: 'secret' });
      }),
    );
  });

  test('empty client IDs: accepted with clean session, refused without (3.1.1), assigned (5.0)', async () => {
    expectSame(
      await differential(pair(), 'empty-id', async (env) => {
        await env.connect('clean311', { clientId: '' });
        await env.connect('persistent311', { clientId: '', clean: false });
        await env.c('persistent311').waitClosed();
        await env.connect('v5', { version: 5, clientId: '' });
        await env.connect('v5persistent', { version: 5, clientId: '', clean: false, properties: { sessionExpiryIntervalSec: 10 } });
      }),
    );
  });

  test('5.0 an Authentication Method (enhanced authentication) the broker does not support: CONNACK 0x8C', async () => {
    expectSame(
      await differential(pair(), 'auth-method', async (env) => {
        await env.connect('a', { version: 5, properties: { authenticationMethod: 'SCRAM-SHA-1' } });
        await env.c('a').waitClosed();
      }),
    );
  });

  test.each([4, 5] as const)('keep alive 0 is accepted (version %i)', async (version) => {
    expectSame(
      await differential(pair(), `keepalive0-${version}`, async (env) => {
        await env.connect('a', { version, keepAliveSec: 0 });
        await env.syncAll();
      }),
    );
  });
});
