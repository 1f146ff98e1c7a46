/**
 * Outbound delivery: one copy to one session.
 *
 * Theory of operation
 * -------------------
 * Routing (route.ts) decides which session gets a copy and at which QoS. `offer` sends it at
 * once when the client is connected and its in-flight window (min of max_inflight_messages and
 * the client's Receive Maximum) has room; otherwise it queues (bounded by max_queued_messages;
 * QoS 0 for offline clients only with queue_qos0_messages). `pump` moves queued messages into
 * flight when an acknowledgement frees a slot; `resendInflight` resends the in-flight ones on
 * reconnect. `transmit` builds and sends one PUBLISH.
 */
import type { ProtocolVersion, Properties, PublishPacket } from '../codec/types.ts';
import { encodedLength } from '../codec/encode.ts';
import { bumpDropped, editSession, explain, getConn, getSession, send, type Conn, type Tx } from './context.ts';
import { ruleRef } from '../mqtt/rules.ts';
import { addInflight, findInflight, nextPacketId, numbered, removeInflight, takePacketId, type Delivery, type Session } from './sessions.ts';

/** The in-flight window towards a client: max_inflight_messages and its Receive Maximum. */
export function inflightWindow(tx: Tx, conn: Conn): number {
  const broker = tx.ctx.config.maxInflightMessages;
  const limit = broker > 0 ? broker : 65535;
  return conn.version === 5 ? Math.min(limit, conn.receiveMaximum) : limit;
}

/**
 * Whether a full window is the 5.0 client's Receive Maximum, a rule (MQTT-3.3.4-9), rather than
 * the broker's own max_inflight_messages, a choice as in Mosquitto (MQTT 3.1.1 sets no limit).
 */
function receiveMaximumBinds(tx: Tx, conn: Conn): boolean {
  return conn.version === 5 && inflightWindow(tx, conn) === conn.receiveMaximum;
}

/** A queued message's weight for max_queued_bytes: its payload (Mosquitto's msg_bytes12). */
const payloadBytes = (d: Delivery): number => d.message.payload.length;

/** Hands one copy to a session: send now, queue, or drop (with the reason explained). */
export function offer(tx: Tx, clientId: string, d: Delivery): void {
  const session = getSession(tx, clientId);
  if (!session) return;
  const { message } = d;
  if (message.expiresAtMs !== undefined && message.expiresAtMs <= tx.nowMs) {
    explain(tx, 'MQTT-3.3.2-5', 'deliver.expired', { clientId, topic: message.topic });
    bumpDropped(tx);
    return;
  }
  const conn = session.connId !== null ? getConn(tx, session.connId) : undefined;
  const online = conn !== undefined && conn.state === 'connected';
  if (online && d.qos === 0) {
    // Mosquitto's db__ready_for_flight for QoS 0: sent unless the client's unwritten packets
    // reach max_queued_messages / max_queued_bytes; then dropped, never queued.
    if (conn.backlogFull) {
      explain(tx, 'mosquitto:max_queued_messages', 'deliver.backlog-dropped', { clientId, topic: message.topic });
      bumpDropped(tx);
      return;
    }
    transmit(tx, conn, session, d, undefined, false);
    return;
  }
  let packetId = d.packetId;
  if (d.qos > 0 && packetId === undefined) {
    // Numbered now, whether it is sent, queued or dropped (Mosquitto's subs__send).
    packetId = takePacketId(editSession(tx, clientId)!) ?? undefined;
  }
  if (online && session.queued.size === 0 && session.inflightOut.length < inflightWindow(tx, conn) && packetId !== undefined) {
    const owned = editSession(tx, clientId)!;
    // The in-flight entry is the numbered copy: no numbered delivery in between.
    transmit(tx, conn, owned, addInflight(owned, packetId, d, tx.owned), packetId, false);
    return;
  }
  if (packetId !== d.packetId) d = numbered(d, packetId!);
  if (!online && d.qos === 0 && !tx.ctx.config.queueQos0Messages) {
    explain(tx, 'mosquitto:queue_qos0_messages', 'deliver.qos0-offline-dropped', { clientId, topic: message.topic });
    bumpDropped(tx);
    return;
  }
  const max = tx.ctx.config.maxQueuedMessages;
  if (max > 0 && session.queued.size >= max) {
    explain(tx, 'mosquitto:max_queued_messages', 'deliver.queue-full', { clientId, topic: message.topic, max });
    bumpDropped(tx);
    return;
  }
  const maxBytes = tx.ctx.config.maxQueuedBytes;
  if (maxBytes > 0 && session.queued.sum(payloadBytes) + message.payload.length > maxBytes) {
    explain(tx, 'mosquitto:max_queued_bytes', 'deliver.queue-bytes-full', { clientId, topic: message.topic, max: maxBytes });
    bumpDropped(tx);
    return;
  }
  const owned = editSession(tx, clientId)!;
  owned.queued = owned.queued.push(d);
  if (!tx.explaining) return;
  const byReceiveMaximum = online && receiveMaximumBinds(tx, conn);
  explain(
    tx,
    !online ? ruleRef('queueOffline', session.version) : byReceiveMaximum ? 'MQTT-3.3.4-9' : 'mosquitto:max_inflight_messages',
    !online ? 'deliver.queued-offline' : byReceiveMaximum ? 'deliver.queued-receive-maximum' : 'deliver.queued-window-full',
    { clientId, topic: message.topic, queued: owned.queued.size, ...(online ? { window: inflightWindow(tx, conn) } : {}) },
  );
}

/**
 * The remaining message expiry in whole seconds, rounded up (MQTT-3.3.2-6): at least 1 while the
 * message lives; 0 only for an unacknowledged PUBLISH resent after its interval passed.
 */
function remainingExpirySec(expiresAtMs: number, nowMs: number): number {
  return Math.max(0, Math.ceil((expiresAtMs - nowMs) / 1000));
}

function forwardProperties(d: Delivery, nowMs: number): Properties | undefined {
  const src = d.message.properties;
  let props: Properties | undefined = src ? { ...src } : undefined;
  if (d.message.expiresAtMs !== undefined) {
    props = { ...props, messageExpiryIntervalSec: remainingExpirySec(d.message.expiresAtMs, nowMs) };
  }
  if (d.subscriptionIds && d.subscriptionIds.length > 0) {
    props = { ...props, subscriptionIdentifiers: d.subscriptionIds };
  }
  return props;
}

/** Builds the PUBLISH a subscriber receives (5.0 properties only for 5.0 clients). */
export function buildPublish(
  version: ProtocolVersion,
  d: Delivery,
  packetId: number | undefined,
  dup: boolean,
  nowMs: number,
): PublishPacket {
  const { topic, payload } = d.message;
  // The packet ID inside the literal: added afterwards it would cost the object a separate
  // property store (V8 sizes a literal's object for the literal's own fields).
  const packet: PublishPacket =
    packetId === undefined
      ? { type: 'publish', topic, payload, qos: d.qos, retain: d.retain, dup }
      : { type: 'publish', topic, payload, qos: d.qos, retain: d.retain, dup, packetId };
  if (version === 5) {
    const props = forwardProperties(d, nowMs);
    if (props) packet.properties = props;
  }
  return packet;
}

/**
 * Sends one PUBLISH. A packet larger than the client's Maximum Packet Size is discarded as if
 * it had been sent (MQTT-3.1.2-25; Mosquitto drops it too).
 */
export function transmit(
  tx: Tx,
  conn: Conn,
  session: Session,
  d: Delivery,
  packetId: number | undefined,
  dup: boolean,
): void {
  const version = conn.version ?? 4;
  const packet = buildPublish(version, d, packetId, dup, tx.nowMs);
  if (version === 5 && conn.maximumPacketSize > 0) {
    const size = encodedLength(packet, version);
    if (size > conn.maximumPacketSize) {
      explain(tx, 'MQTT-3.1.2-25', 'deliver.too-large', {
        clientId: session.clientId,
        topic: d.message.topic,
        size,
        max: conn.maximumPacketSize,
      });
      bumpDropped(tx);
      if (packetId !== undefined) {
        const s = editSession(tx, session.clientId);
        if (s) removeInflight(s, packetId, tx.owned);
      }
      return;
    }
  }
  send(tx, conn, packet, version);
  const remainingSec = packet.properties?.messageExpiryIntervalSec;
  if (remainingSec !== undefined && d.message.expiresAtMs !== undefined) {
    if (d.message.expiresAtMs <= tx.nowMs) {
      // Only a resend on reconnect gets here (offer and pump drop expired messages): onward
      // delivery has started, so MQTT-3.3.2-5 does not delete it, and MQTT-4.4.0-1 requires the
      // resend. Mosquitto 2.0.11 drops it instead (tests/fidelity/publish.test.ts).
      explain(tx, 'MQTT-4.4.0-1', 'deliver.expired-resent', { clientId: session.clientId, topic: d.message.topic });
    } else {
      explain(tx, 'MQTT-3.3.2-6', 'deliver.expiry-remaining', { clientId: session.clientId, topic: d.message.topic, remainingSec });
    }
  }
}

/** Moves queued messages into flight while the window has room (after an acknowledgement). */
export function pump(tx: Tx, clientId: string): void {
  for (let guard = 0; guard < 65536; guard++) {
    const current = getSession(tx, clientId);
    if (!current || current.queued.size === 0 || current.connId === null) return;
    const conn = getConn(tx, current.connId);
    if (!conn || conn.state !== 'connected') return;
    const d = current.queued.first()!;
    if (d.qos > 0 && current.inflightOut.length >= inflightWindow(tx, conn)) return;
    const expired = d.message.expiresAtMs !== undefined && d.message.expiresAtMs <= tx.nowMs;
    // The ID given when it was queued, unless that one is in flight again after a wrap-around.
    const keepsId = d.packetId !== undefined && !findInflight(current.inflightOut, d.packetId);
    // With every packet ID in flight the message stays queued.
    if (!expired && d.qos > 0 && !keepsId && nextPacketId(current) === null) return;
    const session = editSession(tx, clientId)!;
    session.queued = session.queued.shift();
    if (expired) {
      explain(tx, 'MQTT-3.3.2-5', 'deliver.expired', { clientId, topic: d.message.topic });
      bumpDropped(tx);
      continue;
    }
    if (d.qos === 0) {
      transmit(tx, conn, session, d, undefined, false);
      continue;
    }
    const id = keepsId ? d.packetId! : takePacketId(session)!;
    addInflight(session, id, d, tx.owned);
    transmit(tx, conn, session, d, id, false);
  }
}

/**
 * On reconnect to a present session: resend unacknowledged PUBLISH with DUP=1 and PUBREL, with
 * their original packet IDs and in order (MQTT-4.4.0-1, MQTT-3.3.1-1), then send the queue.
 */
export function resendInflight(tx: Tx, clientId: string): void {
  const session = getSession(tx, clientId);
  if (!session || session.connId === null) return;
  const conn = getConn(tx, session.connId);
  if (!conn) return;
  if (session.inflightOut.length > 0) {
    explain(tx, 'MQTT-4.4.0-1', 'session.resend-inflight', { clientId, count: session.inflightOut.length });
  }
  // A copy: a message too large for the client leaves the list while this loop runs (`transmit`).
  for (const entry of session.inflightOut.slice()) {
    if (entry.stage === 'awaiting-pubcomp') {
      send(tx, conn, { type: 'pubrel', packetId: entry.packetId });
    } else {
      transmit(tx, conn, session, entry, entry.packetId, true);
    }
  }
  pump(tx, clientId);
}
