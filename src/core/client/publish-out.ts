/** APP.PUBLISH, and the outgoing QoS 1/2 handshakes: PUBACK, PUBREC, PUBCOMP. */
import { REASON_NAMES } from '../codec/reason-codes.ts';
import type { ClientContext, OutgoingMessage, PublishRequest, Step } from './types.ts';
import { Builder, hex, sessionOutlivesConnection } from './builder.ts';
import { derived, drain, inFlightCount, isQuotaQueue, publishProblem, quotaQueues, sendQos0, sendQosPublish } from './send-queue.ts';

/** The connection phase an application request meets. */
export type Phase = 'offline' | 'connecting' | 'connected';

/**
 * Must a new QoS 1/2 publish wait in `pending`: behind earlier ones that wait, for a free slot
 * of the send quota (Receive Maximum), or behind messages being re-sent? (The size checks skip
 * building iterators in the common case of nothing waiting.)
 */
function waitsBehindOthers(ctx: ClientContext): boolean {
  const inFlight = inFlightCount(ctx);
  return (
    (ctx.pending.size > 0 && (quotaQueues.has(ctx.pending) || ctx.pending.some((p) => p.kind === 'publish' && p.request.qos > 0))) ||
    inFlight >= ctx.server.receiveMaximum ||
    ctx.outgoing.size > inFlight // a message waits to be re-sent
  );
}

/** Queues a QoS 1/2 publish behind the others waiting for the send quota. */
function queueForQuota(b: Builder, r: PublishRequest): void {
  const before = b.ctx.pending;
  const pending = before.push({ kind: 'publish', request: r, reason: 'receive-maximum' });
  if (isQuotaQueue(before)) quotaQueues.add(pending);
  b.set({ pending });
}

/** APP.PUBLISH. */
export function publish(ctx: ClientContext, r: PublishRequest, phase: Phase, nowMs: number): Step {
  const b = new Builder(ctx, nowMs);
  if (publishProblem(b, r)) return b.step();
  if (phase === 'connected') {
    if (r.qos === 0) sendQos0(b, r);
    else if (waitsBehindOthers(b.ctx)) {
      queueForQuota(b, r);
      b.explain('receiveMaximum', 'client.quota.publish-waits', { max: b.ctx.server.receiveMaximum, topic: r.topic });
    } else if (sendQosPublish(b, r) === 'no-id') {
      queueForQuota(b, r);
    }
    return b.step();
  }
  if (phase === 'connecting') {
    b.set({ pending: b.ctx.pending.push({ kind: 'publish', request: r, reason: 'connecting' }) });
    b.explain({ ref: '3.1.4' }, 'client.publish.waits-for-connack', { topic: r.topic, qos: r.qos });
    return b.step();
  }
  if (r.qos > 0 && keepsSessionOffline(ctx)) {
    b.set({ pending: b.ctx.pending.push({ kind: 'publish', request: r, reason: 'offline' }) });
    b.explain('sessionKept', 'client.publish.queued-offline', { topic: r.topic, qos: r.qos });
  } else {
    b.explain(
      { ref: '4.1' },
      r.qos === 0 ? 'client.publish.dropped-offline-qos0' : 'client.publish.dropped-offline-clean',
      { topic: r.topic, qos: r.qos },
    );
  }
  return b.step();
}

/**
 * Whether a message published while offline is kept for the next connection: whenever the
 * session outlives the connection. In 5.0 that is a Session Expiry Interval > 0 whatever Clean
 * Start was (Clean Start only decides whether an old session is resumed, MQTT-3.1.2-4/-5).
 */
function keepsSessionOffline(ctx: ClientContext): boolean {
  return sessionOutlivesConnection(ctx.options);
}

/** After a refused or failed connection: drop queued requests that no session keeps. */
export function dropUnsendable(b: Builder): void {
  const keep = keepsSessionOffline(b.ctx);
  const before = b.ctx.pending.size;
  const pending = b.ctx.pending
    .filter((p) => keep && p.kind === 'publish' && p.request.qos > 0)
    .map((p) => ({ ...p, reason: 'offline' as const }));
  if (pending.size !== before) {
    b.explain({ ref: '4.1' }, 'client.pending.dropped', { count: before - pending.size });
  }
  b.set({ pending });
}


/** The outgoing message with packet id `id` and its index, or undefined. */
function findOutgoing(b: Builder, id: number): { i: number; m: OutgoingMessage } | undefined {
  // A plain loop: Immutable's findIndex allocates a closure and an entry per call.
  const outgoing = b.ctx.outgoing;
  for (let i = 0; i < outgoing.size; i++) {
    const m = outgoing.get(i)!;
    if (m.packetId === id) return { i, m };
  }
  return undefined;
}

export function onPuback(b: Builder, id: number, code: number): void {
  const { i, m } = findOutgoing(b, id) ?? { i: -1, m: undefined };
  if (!m || m.stage !== 'awaiting PUBACK') {
    b.explain({ ref: '4.3.2' }, 'client.ack.unknown', { packet: 'PUBACK', packetId: id });
    return;
  }
  b.edit().outgoing = derived(b.ctx.outgoing, b.ctx.outgoing.delete(i), m.resend ? 0 : -1, { remove: id });
  if (code >= 0x80) {
    b.explain('negativeAck', 'client.ack.failed', { packet: 'PUBACK', packetId: id, code: hex(code), name: REASON_NAMES[code] ?? '' });
  } else if (code === 0x10) {
    b.explain('qos1Send', 'client.ack.no-subscribers', { packet: 'PUBACK', packetId: id });
  } else {
    b.explain('qos1Send', 'client.ack.puback', { packetId: id });
  }
  drain(b);
}

export function onPubrec(b: Builder, id: number, code: number): void {
  const { i, m } = findOutgoing(b, id) ?? { i: -1, m: undefined };
  if (!m || m.packet.qos !== 2) {
    // Answered all the same, so the receiver can let go of the id; 5.0 says why (MQTT-3.6.2-1).
    b.send(b.version === 5 ? { type: 'pubrel', packetId: id, reasonCode: 0x92 } : { type: 'pubrel', packetId: id });
    b.explain('pubrecUnknownId', 'client.ack.pubrec-unknown', { packetId: id });
    return;
  }
  if (code >= 0x80) {
    b.edit().outgoing = derived(b.ctx.outgoing, b.ctx.outgoing.delete(i), m.resend ? 0 : -1, { remove: id });
    b.explain('negativeAck', 'client.ack.failed', { packet: 'PUBREC', packetId: id, code: hex(code), name: REASON_NAMES[code] ?? '' });
    drain(b);
    return;
  }
  b.set({ outgoing: derived(b.ctx.outgoing, b.ctx.outgoing.set(i, { ...m, stage: 'awaiting PUBCOMP' }), 0) });
  b.send({ type: 'pubrel', packetId: id });
  b.explain('qos2Pubrel', code === 0x10 ? 'client.ack.pubrec-no-subscribers' : 'client.ack.pubrec', { packetId: id });
}

export function onPubcomp(b: Builder, id: number): void {
  const { i, m } = findOutgoing(b, id) ?? { i: -1, m: undefined };
  if (!m || m.stage !== 'awaiting PUBCOMP') {
    b.explain({ ref: '4.3.3' }, 'client.ack.unknown', { packet: 'PUBCOMP', packetId: id });
    return;
  }
  b.edit().outgoing = derived(b.ctx.outgoing, b.ctx.outgoing.delete(i), m.resend ? 0 : -1, { remove: id });
  b.explain('qos2Pubrel', 'client.ack.pubcomp', { packetId: id });
  drain(b);
}
