/**
 * Routing and outbound delivery.
 *
 * Theory of operation
 * -------------------
 * `publishApplicationMessage` is the one entry for every message the broker distributes (client
 * PUBLISH, PUBREL-released QoS 2, wills, $SYS): it updates the retained store, finds the
 * matching subscriptions, and `offer`s one copy per matching subscription to each session
 * (Mosquitto 2.0 sends one copy per matching subscription for overlapping subscriptions, which
 * MQTT-3.3.5-1 / MQTT-3.3.4-2 allow). A shared group gets one copy, to the next member in
 * round-robin order.
 *
 * `offer` sends at once when the client is connected and its in-flight window (min of
 * max_inflight_messages and the client's Receive Maximum) has room; otherwise it queues
 * (bounded by max_queued_messages; QoS 0 for offline clients only with queue_qos0_messages).
 * `pump` moves queued messages into flight when an acknowledgement frees a slot.
 */
import type { ProtocolVersion, Properties, PublishPacket, QoS } from '../codec/types.ts';
import { encodedLength } from '../codec/encode.ts';
import { checkAcl } from './auth.ts';
import { bumpDropped, editSession, explain, getConn, getSession, send, update, type Conn, type Tx } from './context.ts';
import { ruleRef } from '../mqtt/rules.ts';
import { addRetainedNodes, storeRetained } from './retained.ts';
import { addInflight, findInflight, nextPacketId, numbered, removeInflight, takePacketId, type Delivery, type Message, type Session } from './sessions.ts';
import { matchTopic, type SubscriptionMatch, type SubscriptionOptions } from './subscriptions.ts';

/** The QoS a message is delivered at: the lower of its own and the subscription's (MQTT-3.8.4-6 / 5.0 MQTT-3.8.4-8). */
export function minQos(a: QoS, b: QoS): QoS {
  return a < b ? a : b;
}

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

/**
 * Distributes a message to every matching subscription. Returns the number of matching
 * subscriptions, counted as Mosquitto does for 5.0's PUBACK 0x10 "No matching subscribers"
 * (src/subs.c: a subscription counts even when No Local or the ACL then holds the copy back).
 */
export function publishApplicationMessage(tx: Tx, message: Message): number {
  if (message.retain) {
    if (!tx.ctx.config.retainAvailable) {
      message = { ...message, retain: false };
    } else {
      const { store, outcome } = storeRetained(tx.ctx.retained, message);
      update(tx, { retained: store, retainedNodes: addRetainedNodes(tx.ctx.retainedNodes, message.topic) });
      if (outcome === 'cleared' || outcome === 'nothing-to-clear') {
        const version = (message.fromClientId ? getSession(tx, message.fromClientId)?.version : undefined) ?? 4;
        explain(tx, ruleRef('retainEmptyClears', version), 'retain.cleared', { topic: message.topic });
      } else {
        explain(tx, 'MQTT-3.3.1-5', outcome === 'replaced' ? 'retain.replaced' : 'retain.stored', { topic: message.topic });
      }
    }
  }
  const { subscriptions, shared, overlapping } = matchTopic(tx.ctx.subs, message.topic);
  // What became of the copies, or-ed (`CopyOutcome`): for the notes below.
  let outcomes = 0;
  if (!overlapping) {
    // Each client matched once: one copy per subscription, nothing to plan (the common case).
    for (const m of subscriptions) outcomes |= deliverToSubscriber(tx, m.clientId, m.filter, m.options, message);
  } else {
    const plan = planCopies(tx, subscriptions, message);
    explainCopyPerSubscription(tx, plan);
    for (const copy of plan) {
      outcomes |= deliverToSubscriber(tx, copy.clientId, copy.filter, copy.options, message);
      if (copy.overlapping.length > 0) {
        explain(tx, 'MQTT-3.3.5-1', 'deliver.overlap-one-copy', {
          clientId: copy.clientId,
          filters: [copy.filter, ...copy.overlapping].join(' '),
          qos: minQos(message.qos, copy.options.qos),
        });
        consumePacketIds(tx, copy.clientId, copy.skippedIds);
      }
    }
  }
  for (const g of shared) {
    const key = `${g.group} ${g.filter}`;
    const members = [...g.members.keys()];
    if (members.length === 0) continue;
    const cursor = tx.ctx.sharedCursor.get(key) ?? 0;
    const index = cursor % members.length;
    const clientId = members[index]!;
    update(tx, { sharedCursor: tx.ctx.sharedCursor.set(key, index + 1) });
    explain(tx, '4.8.2', 'shared.picked', { group: g.group, filter: g.filter, clientId, members: members.length });
    const options = g.members.get(clientId)!;
    outcomes |= deliverToSubscriber(tx, clientId, `$share/${g.group}/${g.filter}`, options, message);
  }
  const matched = subscriptions.length + shared.length;
  if (matched === 0 && !message.topic.startsWith('$SYS/')) {
    explain(tx, '4.7', 'publish.no-subscribers', { topic: message.topic });
  } else if ((outcomes & OFFERED) === 0 && (outcomes & ACL_DENIED) !== 0) {
    // Subscriptions matched, so "no subscription matches" would contradict the ACL notes above.
    explain(tx, 'mosquitto:acl_file', 'publish.no-reader', { topic: message.topic });
  }
  return matched;
}

/** What became of one planned copy: a bit, so that a publish can or them together. */
type CopyOutcome = typeof OFFERED | typeof ACL_DENIED | typeof NOT_OFFERED;
const OFFERED = 1;
const ACL_DENIED = 2;
/** No Local, or no session. */
const NOT_OFFERED = 0;

/** One copy for one subscriber: the subscription it is sent for, and (3.1.1) the others it stands for. */
interface PlannedCopy {
  clientId: string;
  filter: string;
  options: SubscriptionOptions;
  /** 3.1.1: further matching filters of the same client, served by this one copy. */
  overlapping: string[];
  /** Packet IDs Mosquitto uses up for the copies it does not send (see `planCopies`). */
  skippedIds: number;
}

/**
 * The copies to send, in Mosquitto's order (`matchTopic`). A 5.0 client gets one copy per
 * matching subscription (each with its own subscription identifier, MQTT-3.3.4-3/-4). A 3.1.1
 * client gets one copy, as from Mosquitto 2.0 (which drops the others for 3.1.x clients), but
 * at the maximum QoS of all its matching subscriptions, as MQTT-3.3.5-1 requires; Mosquitto
 * 2.0.11 uses the QoS of the first matching subscription instead (a recorded deviation). Like
 * Mosquitto, a packet ID is used up for every dropped copy with QoS > 0.
 */
function planCopies(tx: Tx, matches: readonly SubscriptionMatch[], message: Message): PlannedCopy[] {
  const plan: PlannedCopy[] = [];
  let single: Map<string, PlannedCopy> | undefined;
  for (const m of matches) {
    const version = getSession(tx, m.clientId)?.version;
    if (version === 4) {
      single ??= new Map();
      const first = single.get(m.clientId);
      if (first) {
        first.overlapping.push(m.filter);
        if (m.options.qos > first.options.qos) first.options = { ...first.options, qos: m.options.qos };
        if (minQos(message.qos, m.options.qos) > 0) first.skippedIds++;
        continue;
      }
      const copy: PlannedCopy = { clientId: m.clientId, filter: m.filter, options: m.options, overlapping: [], skippedIds: 0 };
      single.set(m.clientId, copy);
      plan.push(copy);
      continue;
    }
    plan.push({ clientId: m.clientId, filter: m.filter, options: m.options, overlapping: [], skippedIds: 0 });
  }
  return plan;
}

/**
 * A 5.0 client whose subscriptions overlap gets one copy per matching subscription (each with
 * its own Subscription Identifier, MQTT-3.3.4-5): MQTT-3.3.4-2 allows it, and Mosquitto 2.0 does
 * it. Said once per client and message, so the learner is not left wondering about the twins.
 */
function explainCopyPerSubscription(tx: Tx, plan: readonly PlannedCopy[]): void {
  for (let i = 0; i < plan.length; i++) {
    const clientId = plan[i]!.clientId;
    let earlier = false;
    for (let j = 0; j < i && !earlier; j++) earlier = plan[j]!.clientId === clientId;
    if (earlier) continue;
    let count = 1;
    for (let j = i + 1; j < plan.length; j++) if (plan[j]!.clientId === clientId) count++;
    // Only now allocate: most messages go to each client once (a publish is a hot path).
    if (count < 2 || getSession(tx, clientId)?.version !== 5) continue;
    const filters = plan.filter((c) => c.clientId === clientId).map((c) => c.filter);
    explain(tx, 'MQTT-3.3.4-2', 'deliver.overlap-copy-each', { clientId, filters: filters.join(' '), count });
  }
}

function consumePacketIds(tx: Tx, clientId: string, count: number): void {
  if (count === 0) return;
  const session = editSession(tx, clientId);
  if (!session) return;
  for (let i = 0; i < count; i++) takePacketId(session);
}

function deliverToSubscriber(
  tx: Tx,
  clientId: string,
  filter: string,
  options: SubscriptionOptions,
  message: Message,
): CopyOutcome {
  const session = getSession(tx, clientId);
  if (!session) return NOT_OFFERED;
  if (options.noLocal && message.fromClientId === clientId) {
    explain(tx, 'MQTT-3.8.3-3', 'deliver.no-local', { clientId, filter });
    return NOT_OFFERED;
  }
  if (tx.ctx.config.acl) {
    const decision = checkAcl(tx.ctx.config.acl, { clientId, username: session.username }, message.topic, 'read');
    if (!decision.allowed) {
      explain(tx, 'mosquitto:acl_file', 'acl.read-denied', {
        clientId,
        topic: message.topic,
        line: decision.rule?.line ?? 0,
      });
      return ACL_DENIED;
    }
  }
  const qos = minQos(message.qos, options.qos);
  if (qos < message.qos) {
    explain(tx, ruleRef('qosDowngrade', session.version), 'deliver.downgraded', {
      clientId,
      filter,
      published: message.qos,
      granted: options.qos,
      qos,
    });
  }
  let retain = false;
  if (message.retain) {
    if (session.version === 5 && options.retainAsPublished) {
      retain = true;
      explain(tx, 'MQTT-3.3.1-13', 'deliver.retain-as-published', { clientId, filter });
    } else {
      explain(tx, ruleRef('retainClearedOnForward', session.version), 'deliver.retain-cleared', { clientId, filter });
    }
  }
  const delivery: Delivery =
    options.subscriptionId !== undefined
      ? { message, qos, retain, subscriptionIds: [options.subscriptionId] }
      : { message, qos, retain };
  offer(tx, clientId, delivery);
  return OFFERED;
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

/** The remaining message expiry in whole seconds, rounded up (MQTT-3.3.2-6). */
function remainingExpirySec(expiresAtMs: number, nowMs: number): number {
  return Math.max(1, Math.ceil((expiresAtMs - nowMs) / 1000));
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
    explain(tx, 'MQTT-3.3.2-6', 'deliver.expiry-remaining', { clientId: session.clientId, topic: d.message.topic, remainingSec });
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
