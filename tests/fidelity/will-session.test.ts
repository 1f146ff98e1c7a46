/**
 * Wills and session expiry against Mosquitto 2.0.11: the will on a cut connection, on keep-alive
 * expiry and with 5.0 DISCONNECT 0x04, never after a normal DISCONNECT; retained wills; the 5.0
 * Will Delay Interval (cancelled by a reconnect, cut short by the session's end); 5.0 session
 * expiry. Timing cases use 1 s values and bounded waits.
 */
import { describe, expect, test } from 'vitest';
import { differential, expectDeviation, expectSame, usePair, type Env } from './differential.ts';

const pair = usePair();
const same = async (name: string, script: (env: Env) => Promise<void>) => expectSame(await differential(pair(), name, script));

async function watcher(env: Env): Promise<void> {
  await env.connect('watcher');
  await env.subscribe('watcher', [[env.t('status/#'), 1]]);
}

const will = (env: Env, extra: object = {}) => ({ topic: env.t('status/dev'), payload: 'offline', qos: 1 as const, ...extra });

describe.concurrent('wills and session expiry (Mosquitto 2.0.11 vs ours)', () => {
  test.each([4, 5] as const)('a cut connection publishes the will (version %i)', async (version) =>
    same(`will-cut-${version}`, async (env) => {
      await watcher(env);
      await env.connect('dev', { version, will: will(env) });
      env.c('dev').cut();
      await env.c('watcher').waitFor((p) => p.type === 'publish');
      await env.sync('watcher');
    }));

  test.each([4, 5] as const)('a normal DISCONNECT discards the will (version %i)', async (version) =>
    same(`will-disconnect-${version}`, async (env) => {
      await watcher(env);
      await env.connect('dev', { version, will: will(env) });
      env.c('dev').disconnect();
      await env.c('dev').waitClosed();
      await env.sleep(200);
      await env.sync('watcher');
    }));

  test('5.0 DISCONNECT with reason 0x04 publishes the will', async () =>
    same('will-0x04', async (env) => {
      await watcher(env);
      await env.connect('dev', { version: 5, will: will(env) });
      env.c('dev').disconnect({ type: 'disconnect', reasonCode: 0x04 });
      await env.c('dev').waitClosed();
      await env.c('watcher').waitFor((p) => p.type === 'publish');
      await env.sync('watcher');
    }));

  test.each([4, 5] as const)('keep-alive expiry (1 s) closes the connection and publishes the will (version %i)', async (version) => {
    const closedAfterMs: Record<string, number> = {};
    const r = await differential(pair(), `will-keepalive-${version}`, async (env) => {
      await watcher(env);
      await env.connect('dev', { version, keepAliveSec: 1, will: will(env) });
      const t0 = Date.now();
      await env.c('dev').waitClosed(9000);
      closedAfterMs[env.broker.name] = Date.now() - t0;
      await env.c('watcher').waitFor((p) => p.type === 'publish', 2000);
      await env.sync('watcher');
    });
    // The same packets; the deviation is in the timing.
    expectDeviation(r, {
      ref: version === 5 ? 'MQTT-3.1.2-22' : 'MQTT-3.1.2-24',
      summary:
        'with Keep Alive 1 s the server MUST close a silent connection after 1.5 s; Mosquitto 2.0.11 checks keep alive in a periodic ' +
        `sweep and closed it after ${closedAfterMs.mosquitto} ms here (observed up to about 5 s). Ours closes after 1.5 s (${closedAfterMs.ours} ms).`,
      clients: {},
    });
    expect(closedAfterMs.ours).toBeGreaterThanOrEqual(1400);
    expect(closedAfterMs.ours).toBeLessThan(2500);
    expect(closedAfterMs.mosquitto).toBeGreaterThanOrEqual(1400);
  }, 15_000);

  test.each([4, 5] as const)('a retained will is stored for later subscribers (version %i)', async (version) => {
    const r = await differential(pair(), `will-retained-${version}`, async (env) => {
      // 5.0: the will's properties go with it, and its Message Expiry Interval counts down (MQTT-3.3.2-6).
      const properties = version === 5 ? { properties: { messageExpiryIntervalSec: 100, contentType: 'text/plain' } } : {};
      await env.connect('dev', { version, will: will(env, { retain: true, ...properties }) });
      env.c('dev').cut();
      await env.sleep(300);
      await watcher(env);
      await env.sync('watcher');
      await env.connect('reader', { version });
      await env.subscribe('reader', [[env.t('status/#'), 1]]);
      await env.sync('reader');
    });
    // Less than a second after the will was stored: ours rounds the remaining interval up (100),
    // Mosquitto 2.0.11 counts whole seconds from the second it came in, so 99 once a second
    // boundary passed (CI saw it once). Both are the received value less the time it waited.
    for (const t of [r.mosquitto, r.ours]) {
      for (const entries of Object.values(t)) {
        for (const e of entries) {
          const props = e !== 'closed' && e.type === 'publish' ? (e.properties as { messageExpiryIntervalSec?: number } | undefined) : undefined;
          if (props?.messageExpiryIntervalSec === 99) props.messageExpiryIntervalSec = 100;
        }
      }
    }
    expectSame(r);
  });

  test('5.0 will delay: published after the delay; a reconnect in time cancels it', async () =>
    same('will-delay', async (env) => {
      await watcher(env);
      const session = { properties: { sessionExpiryIntervalSec: 30 } };
      await env.connect('late', { version: 5, clean: false, ...session, will: will(env, { payload: 'late', properties: { willDelayIntervalSec: 1 } }) });
      await env.connect('back', { version: 5, clean: false, ...session, will: will(env, { payload: 'back', properties: { willDelayIntervalSec: 1 } }) });
      env.c('late').cut();
      env.c('back').cut();
      await env.sleep(300);
      await env.mark('watcher', 'after 0.3 s');
      await env.connect('back-again', { version: 5, clientId: `${env.ns}-back`, clean: false, ...session });
      await env.c('watcher').waitFor((p) => p.type === 'publish', 3000);
      await env.sleep(1200);
      await env.sync('watcher');
    }));

  test('5.0 will delay: any new connection for the client ID in time deletes the will, also with Clean Start, a takeover or Session Expiry 0 (MQTT-3.1.2-8)', async () => {
    const r = await differential(pair(), 'will-delay-clean', async (env) => {
      await watcher(env);
      const delayed = (payload: string) => will(env, { payload, properties: { willDelayIntervalSec: 1 } });
      const kept = { properties: { sessionExpiryIntervalSec: 30 } };
      await env.connect('cut', { version: 5, clean: false, ...kept, will: delayed('cut, back clean') });
      env.c('cut').cut();
      await env.sleep(200);
      await env.connect('cut-back', { version: 5, clientId: `${env.ns}-cut`, clean: true });
      await env.connect('open', { version: 5, clean: false, ...kept, will: delayed('taken over clean') });
      await env.connect('open-back', { version: 5, clientId: `${env.ns}-open`, clean: true });
      await env.connect('brief', { version: 5, will: delayed('session expiry 0, taken over') });
      await env.connect('brief-back', { version: 5, clientId: `${env.ns}-brief`, clean: true });
      await env.sleep(1500);
      await env.sync('watcher');
    });
    // The connections taken over: ours sends DISCONNECT 0x8E first, Mosquitto 2.0.11 just
    // closes (the takeover test in connect.test.ts records it).
    const connack = r.ours.open![0]!;
    const taken = { mosquitto: [connack, 'closed' as const], ours: [connack, { type: 'disconnect', reasonCode: 0x8e }, 'closed' as const] };
    expectDeviation(r, { ref: 'MQTT-3.1.4-3', summary: 'DISCONNECT 0x8E on takeover (recorded in connect.test.ts)', clients: { open: taken, brief: taken } });
    expect(r.ours.watcher!.filter((e) => e !== 'closed' && e.type === 'publish')).toEqual([]);
  });

  test('5.0 will delay longer than the session expiry: the will goes out when the session ends', async () =>
    same('will-delay-session-end', async (env) => {
      await watcher(env);
      await env.connect('dev', { version: 5, clean: false, properties: { sessionExpiryIntervalSec: 1 }, will: will(env, { properties: { willDelayIntervalSec: 30 } }) });
      env.c('dev').cut();
      await env.sleep(200);
      await env.mark('watcher', 'after 0.2 s');
      await env.c('watcher').waitFor((p) => p.type === 'publish', 4000);
      await env.sync('watcher');
    }));

  test('5.0 session expiry: present within the interval, gone after it', async () =>
    same('session-expiry', async (env) => {
      const expiry = { properties: { sessionExpiryIntervalSec: 1 } };
      await env.connect('a', { version: 5, clean: false, ...expiry });
      await env.subscribe('a', [[env.t('x'), 1]]);
      env.c('a').disconnect();
      await env.c('a').waitClosed();
      await env.connect('b', { version: 5, clientId: `${env.ns}-a`, clean: false, ...expiry });
      env.c('b').disconnect();
      await env.c('b').waitClosed();
      await env.sleep(3000);
      await env.connect('c', { version: 5, clientId: `${env.ns}-a`, clean: false, ...expiry });
    }));

  test('5.0 session expiry set to 0 at DISCONNECT ends the session; raising it from 0 is a protocol error', async () =>
    same('session-expiry-disconnect', async (env) => {
      await env.connect('a', { version: 5, clean: false, properties: { sessionExpiryIntervalSec: 60 } });
      env.c('a').disconnect({ type: 'disconnect', reasonCode: 0, properties: { sessionExpiryIntervalSec: 0 } });
      await env.c('a').waitClosed();
      await env.connect('b', { version: 5, clientId: `${env.ns}-a`, clean: false });
      env.c('b').send({ type: 'disconnect', reasonCode: 0, properties: { sessionExpiryIntervalSec: 60 } });
      await env.c('b').waitClosed();
    }));
});
