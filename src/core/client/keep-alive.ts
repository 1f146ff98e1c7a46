/** Keep Alive: PINGREQ after Keep Alive seconds without sending; no PINGRESP in another period closes. */
import type { ClientContext, Step } from './types.ts';
import { Builder } from './builder.ts';
import { endConnection } from './disconnect.ts';


/** Entering connected.idle: arm the keep-alive timer for the time left since the last send. */
export function armKeepAlive(ctx: ClientContext, nowMs: number): Step {
  const b = new Builder(ctx, nowMs);
  b.set({ keepAliveArmed: true, pingSentAtMs: null });
  if (ctx.keepAliveSec > 0) {
    const dueMs = (ctx.lastSentMs ?? nowMs) + ctx.keepAliveSec * 1000;
    b.startTimer('keepAlive', Math.max(0, dueMs - nowMs));
  }
  return b.step();
}

/** Leaving connected.idle. */
export function disarmKeepAlive(ctx: ClientContext, nowMs: number): Step {
  const b = new Builder(ctx, nowMs);
  b.set({ keepAliveArmed: false });
  if (ctx.keepAliveSec > 0) b.cancelTimer('keepAlive');
  return b.step();
}

/** TIMER.KEEPALIVE: nothing was sent for keepAliveSec, so send PINGREQ and wait for PINGRESP. */
export function sendPingreq(ctx: ClientContext, nowMs: number): Step {
  const b = new Builder({ ...ctx, keepAliveArmed: false }, nowMs);
  b.send({ type: 'pingreq' });
  b.set({ pingSentAtMs: nowMs });
  b.explain('keepAlive', 'client.keepalive.pingreq', { keepAliveSec: ctx.keepAliveSec });
  b.startTimer('pingresp', ctx.keepAliveSec * 1000);
  return b.step();
}

/** PINGRESP in connected.awaitingPingresp (the state's exit cancels the timer). */
export function pingrespReceived(ctx: ClientContext, nowMs: number): Step {
  const b = new Builder(ctx, nowMs);
  b.explain('keepAliveSection', 'client.keepalive.pingresp', {
    roundTripMs: ctx.pingSentAtMs === null ? 0 : nowMs - ctx.pingSentAtMs,
  });
  return b.step();
}

/** TIMER.PINGRESP: no PINGRESP within keepAliveSec: the connection is considered dead. */
export function keepAliveTimeout(ctx: ClientContext, nowMs: number): Step {
  const b = new Builder(ctx, nowMs);
  b.explain('keepAliveSection', 'client.keepalive.timeout', { keepAliveSec: ctx.keepAliveSec });
  b.close();
  return endConnection(b, { key: 'client.close.keep-alive-timeout' });
}

/** Leaving awaitingPingresp any other way (the connection ended): cancel its timer. */
export function cancelPingresp(ctx: ClientContext, _nowMs: number): Step {
  return { context: ctx, effects: ctx.pingSentAtMs === null ? [] : [{ type: 'xstate.cancel', params: { sendId: 'pingresp' } }] };
}
