/**
 * `step(..., explaining = false)` (the TCP driver when nobody reads its trace) leaves out the
 * `trace.explain` effects and nothing else: the same contexts and the same other effects as
 * with explanations, through QoS 1 and 2 in both directions, a queue and an offline session.
 */
import { describe, expect, test } from 'vitest';
import type { Packet } from '../../src/core/codec/types.ts';
import { initialContext, start, step, type BrokerEvent } from '../../src/core/broker/engine.ts';
import type { BrokerContext, Effect } from '../../src/core/broker/context.ts';
import { enc } from './harness.ts';

const packet = (connId: string, p: Packet, nowMs: number): BrokerEvent => ({ type: 'NET.PACKET', connId, packet: p, nowMs });

function events(): BrokerEvent[] {
  const connect = (clientId: string, v: 4 | 5): Packet =>
    ({ type: 'connect', protocolVersion: v, clientId, clean: false, keepAliveSec: 60, ...(v === 5 ? { properties: { sessionExpiryIntervalSec: 300, receiveMaximum: 2 } } : {}) }) as Packet;
  const out: BrokerEvent[] = [
    { type: 'NET.OPEN', connId: 'p', nowMs: 0 },
    packet('p', connect('pub', 4), 0),
    { type: 'NET.OPEN', connId: 's', nowMs: 1 },
    packet('s', connect('sub', 5), 1),
    packet('s', { type: 'subscribe', packetId: 1, subscriptions: [{ topicFilter: 't/#', qos: 2 }] }, 2),
  ];
  let t = 3;
  for (let i = 1; i <= 6; i++) {
    const qos = (i % 2) + 1;
    out.push(packet('p', { type: 'publish', topic: `t/${i}`, payload: enc(`m${i}`), qos, retain: i === 1, dup: false, packetId: i } as Packet, t++));
    if (qos === 2) out.push(packet('p', { type: 'pubrel', packetId: i } as Packet, t++));
  }
  // The subscriber acknowledges its first two (window of 2), which pumps the queue.
  out.push(packet('s', { type: 'pubrec', packetId: 1, reasonCode: 0 } as Packet, t++));
  out.push(packet('s', { type: 'pubcomp', packetId: 1, reasonCode: 0 } as Packet, t++));
  out.push(packet('s', { type: 'puback', packetId: 2, reasonCode: 0 } as Packet, t++));
  out.push({ type: 'NET.CLOSED', connId: 's', reason: 'peer-closed', nowMs: t++ });
  out.push(packet('p', { type: 'publish', topic: 't/x', payload: enc('offline'), qos: 1, retain: false, dup: false, packetId: 9 } as Packet, t));
  return out;
}

function run(explaining: boolean): { contexts: BrokerContext[]; effects: Effect[][] } {
  let r = start(initialContext({ sysIntervalSec: 0 }), 0, explaining);
  const contexts = [r.context];
  const effects = [r.effects];
  for (const e of events()) {
    r = step(r.context, e, undefined, explaining);
    contexts.push(r.context);
    effects.push(r.effects);
  }
  return { contexts, effects };
}

describe('a step that does not explain', () => {
  test('has the same contexts and effects, less the explanations', () => {
    const on = run(true);
    const off = run(false);
    expect(on.effects.flat().filter((e) => e.type === 'trace.explain').length).toBeGreaterThan(10);
    expect(off.effects.flat().filter((e) => e.type === 'trace.explain')).toEqual([]);
    expect(off.effects).toEqual(on.effects.map((es) => es.filter((e) => e.type !== 'trace.explain')));
    for (let i = 0; i < on.contexts.length; i++) expect(off.contexts[i]).toEqual(on.contexts[i]);
    const keys = on.effects.flat().flatMap((e) => (e.type === 'trace.explain' ? [e.params.key] : []));
    for (const key of ['publish.puback', 'publish.qos2-stored', 'pubrel.forward', 'ack.pubrec', 'ack.complete', 'deliver.queued-receive-maximum', 'deliver.queued-offline']) {
      expect(keys).toContain(key);
    }
  });
});
