/**
 * `brokerView(snapshot)`: what a learner sees of the broker, as plain JSON (sessions with their
 * subscriptions, in-flight handshakes and queues; retained messages; $SYS values).
 */
import type { BrokerContext } from './context.ts';
import { EXPIRY_NEVER } from './sessions.ts';
import { sysTopics } from './sys.ts';

const utf8 = new TextDecoder('utf-8', { fatal: false });
const PREVIEW_QUEUED = 5;

export interface MessageView {
  topic: string;
  payload: string;
  qos: number;
  retain: boolean;
}

export interface BrokerView {
  state: string;
  sessions: Array<{
    clientId: string;
    connected: boolean;
    connId: string | null;
    version: number;
    persistent: boolean;
    /** Seconds; null = never expires. */
    expiryIntervalSec: number | null;
    expiresAtMs: number | null;
    subscriptions: Array<{ filter: string; qos: number; noLocal: boolean; retainAsPublished: boolean; retainHandling: number; subscriptionId: number | null }>;
    inflight: Array<{ packetId: number; stage: string; topic: string; qos: number }>;
    inboundQos2: number[];
    queuedCount: number;
    queued: MessageView[];
    will: { topic: string; dueAtMs: number | null } | null;
  }>;
  retained: MessageView[];
  sys: Record<string, string>;
}

function messageView(topic: string, payload: Uint8Array, qos: number, retain: boolean): MessageView {
  return { topic, payload: utf8.decode(payload), qos, retain };
}

/** Accepts an xstate snapshot (anything with `value` and `context`). */
export function brokerView(snapshot: { value: unknown; context: BrokerContext }, nowMs?: number): BrokerView {
  const ctx = snapshot.context;
  const sessions = [...ctx.sessions.values()].map((s) => ({
    clientId: s.clientId,
    connected: s.connId !== null,
    connId: s.connId,
    version: s.version,
    persistent: s.expiryIntervalSec > 0,
    expiryIntervalSec: s.expiryIntervalSec === EXPIRY_NEVER ? null : s.expiryIntervalSec,
    expiresAtMs: s.expiresAtMs ?? null,
    subscriptions: [...s.subscriptions.entries()].map(([filter, o]) => ({
      filter,
      qos: o.qos,
      noLocal: o.noLocal,
      retainAsPublished: o.retainAsPublished,
      retainHandling: o.retainHandling,
      subscriptionId: o.subscriptionId ?? null,
    })),
    inflight: s.inflightOut.map((e) => ({ packetId: e.packetId, stage: e.stage, topic: e.message.topic, qos: e.qos })),
    inboundQos2: s.inboundQos2.map((e) => e.packetId),
    queuedCount: s.queued.size,
    queued: s.queued.take(PREVIEW_QUEUED).map((d) => messageView(d.message.topic, d.message.payload, d.qos, d.retain)),
    will: s.will ? { topic: s.will.will.topic, dueAtMs: s.will.dueAtMs ?? null } : null,
  }));
  const retained = [...ctx.retained.values()].map((m) => messageView(m.topic, m.payload, m.qos, true));
  let connected = 0;
  ctx.conns.forEach((c) => {
    if (c.state === 'connected') connected++;
  });
  const sys: Record<string, string> = {};
  for (const [topic, value] of sysTopics({
    uptimeSec: nowMs === undefined ? 0 : Math.floor((nowMs - ctx.startedAtMs) / 1000),
    clientsConnected: connected,
    subscriptionsCount: ctx.subs.count,
    retainedCount: ctx.retained.size,
    counters: ctx.counters,
    version: ctx.config.versionText,
  })) {
    sys[topic] = value;
  }
  return { state: String(snapshot.value), sessions, retained, sys };
}
