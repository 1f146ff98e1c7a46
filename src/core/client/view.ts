/**
 * What a learner sees of a client: a JSON-able summary of its snapshot (state, session,
 * keep-alive, in-flight messages and their handshake stage, queue, subscriptions).
 */
import type { ProtocolVersion, QoS } from '../codec/types.ts';
import { closeReasonText } from './messages.ts';
import type { ClientContext, OutgoingStage } from './types.ts';

export interface ClientView {
  name: string;
  /** e.g. "connected.idle", "disconnected". */
  state: string;
  clientId: string;
  /** True when the broker assigned the id (5.0, empty client id). */
  clientIdAssigned: boolean;
  version: '3.1.1' | '5.0' | null;
  protocolVersion: ProtocolVersion | null;
  clean: boolean | null;
  sessionPresent: boolean | null;
  keepAliveSec: number;
  /** When the next PINGREQ is due (last send + keep-alive), or null. */
  nextPingDueMs: number | null;
  /** When a PINGREQ was sent that is still unanswered. */
  pingSentAtMs: number | null;
  inFlightOut: { packetId: number; topic: string; qos: QoS; stage: OutgoingStage }[];
  inFlightIn: { packetId: number; topic: string; stage: 'awaiting PUBREL' }[];
  pending: { kind: 'publish' | 'subscribe' | 'unsubscribe'; what: string; qos?: QoS; packetId?: number; reason: string }[];
  subscriptions: { topicFilter: string; requestedQoS: QoS; granted: number | null; failed: boolean }[];
  server: { receiveMaximum: number; maximumQoS: QoS; retainAvailable: boolean; topicAliasMaximum: number; maximumPacketSize: number | null };
  lastConnackCode: number | null;
  lastSubackCodes: number[] | null;
  /** Why the last connection ended, in both languages. */
  lastCloseReason: { en: string; de: string } | null;
  receivedCount: number;
}

/** The parts of an xstate snapshot the view reads. */
export interface ClientSnapshotLike {
  value: unknown;
  context: ClientContext;
}

function stateName(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const [key, inner] = Object.entries(value as Record<string, unknown>)[0] ?? ['', ''];
    const rest = stateName(inner);
    return rest ? `${key}.${rest}` : key;
  }
  return '';
}

/** The learner's view of a client snapshot. */
export function clientView(snapshot: ClientSnapshotLike): ClientView {
  const c = snapshot.context;
  const state = stateName(snapshot.value);
  const connected = state.startsWith('connected');
  const v = c.options?.protocolVersion ?? null;
  const pending: ClientView['pending'] = [];
  c.outgoing.forEach((m) => {
    if (m.resend) {
      pending.push({
        kind: 'publish',
        what: m.packet.topic,
        qos: m.packet.qos,
        packetId: m.packetId,
        reason: connected ? 're-send waits for receive maximum' : 're-send on reconnect',
      });
    }
  });
  c.pending.forEach((p) => {
    if (p.kind === 'publish') pending.push({ kind: 'publish', what: p.request.topic, qos: p.request.qos, reason: p.reason });
    else if (p.kind === 'subscribe')
      pending.push({ kind: 'subscribe', what: p.subscriptions.map((s) => s.topicFilter).join(', '), reason: 'connecting' });
    else pending.push({ kind: 'unsubscribe', what: p.topicFilters.join(', '), reason: 'connecting' });
  });
  return {
    name: c.name,
    state,
    clientId: c.clientId,
    clientIdAssigned: c.server.assignedClientId !== null,
    version: v === null ? null : v === 5 ? '5.0' : '3.1.1',
    protocolVersion: v,
    clean: c.options?.clean ?? null,
    sessionPresent: c.sessionPresent,
    keepAliveSec: c.keepAliveSec,
    nextPingDueMs:
      connected && c.keepAliveSec > 0 && c.pingSentAtMs === null && c.lastSentMs !== null
        ? c.lastSentMs + c.keepAliveSec * 1000
        : null,
    pingSentAtMs: c.pingSentAtMs,
    inFlightOut: c.outgoing
      .filter((m) => !m.resend)
      .map((m) => ({ packetId: m.packetId, topic: m.packet.topic, qos: m.packet.qos, stage: m.stage }))
      .toArray(),
    inFlightIn: c.incomingQos2
      .entrySeq()
      .map(([packetId, p]) => ({ packetId, topic: p.topic, stage: 'awaiting PUBREL' as const }))
      .toArray(),
    pending,
    subscriptions: c.subscriptions
      .valueSeq()
      .map((s) => ({
        topicFilter: s.topicFilter,
        requestedQoS: s.requestedQoS,
        granted: s.code !== null && s.code < 0x80 ? s.code : null,
        failed: s.code !== null && s.code >= 0x80,
      }))
      .toArray(),
    server: {
      receiveMaximum: c.server.receiveMaximum,
      maximumQoS: c.server.maximumQoS,
      retainAvailable: c.server.retainAvailable,
      topicAliasMaximum: c.server.topicAliasMaximum,
      maximumPacketSize: c.server.maximumPacketSize,
    },
    lastConnackCode: c.lastConnack?.reasonCode ?? null,
    lastSubackCodes: c.lastSuback ? [...c.lastSuback.reasonCodes] : null,
    lastCloseReason: c.lastCloseReason && { en: closeReasonText(c.lastCloseReason, 'en'), de: closeReasonText(c.lastCloseReason, 'de') },
    receivedCount: c.receivedCount,
  };
}
