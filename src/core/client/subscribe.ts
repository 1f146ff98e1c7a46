/** SUBSCRIBE and UNSUBSCRIBE, and their acknowledgements SUBACK and UNSUBACK. */
import { REASON_NAMES } from '../codec/reason-codes.ts';
import { validateTopicFilter } from '../mqtt/index.ts';
import type { ClientContext, PendingRequest, Step } from './types.ts';
import { Builder, hex } from './builder.ts';
import type { Phase } from './publish-out.ts';
import { explainTopicProblems, sendSubscribe, sendUnsubscribe } from './send-queue.ts';

/** APP.SUBSCRIBE / APP.UNSUBSCRIBE. */
export function subscribeOrUnsubscribe(
  ctx: ClientContext,
  req: Extract<PendingRequest, { kind: 'subscribe' | 'unsubscribe' }>,
  phase: Phase,
  nowMs: number,
): Step {
  const b = new Builder(ctx, nowMs);
  const list = req.kind === 'subscribe' ? req.subscriptions.map((s) => s.topicFilter) : req.topicFilters;
  if (list.length === 0) {
    b.explain('topicEmpty', 'client.subscribe.empty');
    return b.step();
  }
  for (const filter of list) {
    if (explainTopicProblems(b, validateTopicFilter(filter, b.version), 'client.subscribe.filter-invalid', filter)) {
      return b.step();
    }
  }
  if (phase === 'connected') {
    const ok =
      req.kind === 'subscribe'
        ? sendSubscribe(b, req.subscriptions, req.properties)
        : sendUnsubscribe(b, req.topicFilters, req.properties);
    if (!ok) b.set({ pending: b.ctx.pending.push(req) });
  } else if (phase === 'connecting') {
    b.set({ pending: b.ctx.pending.push(req) });
    b.explain({ ref: '3.1.4' }, 'client.subscribe.waits-for-connack', { filters: list.join(', ') });
  } else {
    b.explain({ ref: '4.1' }, 'client.subscribe.offline', { filters: list.join(', ') });
  }
  return b.step();
}

export function onSuback(b: Builder, id: number, codes: number[]): void {
  const waiting = b.ctx.awaitingAck.get(id);
  b.set({ lastSuback: { packetId: id, reasonCodes: codes } });
  if (!waiting || waiting.kind !== 'subscribe') {
    b.explain({ ref: '3.9' }, 'client.ack.unknown', { packet: 'SUBACK', packetId: id });
    return;
  }
  let subs = b.ctx.subscriptions;
  waiting.subscriptions.forEach((s, index) => {
    const code = codes[index] ?? 0x80;
    if (code >= 0x80) {
      subs = subs.delete(s.topicFilter);
      b.explain('suback', 'client.suback.failed', {
        filter: s.topicFilter,
        code: hex(code),
        name: b.version === 5 ? (REASON_NAMES[code] ?? '') : 'failure',
      });
    } else {
      subs = subs.set(s.topicFilter, { topicFilter: s.topicFilter, requestedQoS: s.qos, code });
      b.explain('suback', code < s.qos ? 'client.suback.downgraded' : 'client.suback.granted', {
        filter: s.topicFilter,
        requested: s.qos,
        granted: code,
      });
    }
  });
  if (codes.length !== waiting.subscriptions.length) {
    b.explain('subackOrder', 'client.suback.count-mismatch', { expected: waiting.subscriptions.length, got: codes.length });
  }
  b.set({ subscriptions: subs, awaitingAck: b.ctx.awaitingAck.delete(id) });
}

export function onUnsuback(b: Builder, id: number, codes: number[] | undefined): void {
  const waiting = b.ctx.awaitingAck.get(id);
  if (!waiting || waiting.kind !== 'unsubscribe') {
    b.explain({ ref: '3.11' }, 'client.ack.unknown', { packet: 'UNSUBACK', packetId: id });
    return;
  }
  let subs = b.ctx.subscriptions;
  waiting.topicFilters.forEach((filter, index) => {
    const code = codes?.[index] ?? 0;
    if (code < 0x80) subs = subs.delete(filter);
    b.explain('unsuback', code === 0 ? 'client.unsuback.removed' : code === 0x11 ? 'client.unsuback.none' : 'client.unsuback.failed', {
      filter,
      code: hex(code),
      name: REASON_NAMES[code] ?? '',
    });
  });
  b.set({ subscriptions: subs, awaitingAck: b.ctx.awaitingAck.delete(id) });
}
