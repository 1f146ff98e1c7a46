/**
 * Every packet after CONNECT: PUBLISH and its acknowledgements in both directions, SUBSCRIBE,
 * UNSUBSCRIBE, PINGREQ, DISCONNECT, and protocol errors.
 */
import type {
  DisconnectPacket,
  Packet,
  Properties,
  PublishPacket,
  SubscribePacket,
  UnsubscribePacket,
} from '../codec/types.ts';
import { checkAcl } from './auth.ts';
import {
  countReceived,
  editConn,
  editSession,
  explain,
  getSession,
  send,
  setConn,
  setSession,
  update,
  type Conn,
  type ExplainParams,
  type Tx,
} from './context.ts';
import { handleConnect } from './connect.ts';
import { minQos, offer, publishApplicationMessage, pump } from './deliver.ts';
import { dropConnection } from './lifecycle.ts';
import { matchRetained } from './retained.ts';
import { findInflight, removeInflight, setStage, type Delivery, type Message, type StoredSubscription } from './sessions.ts';
import { addSubscription, removeSubscription, type SubscriptionOptions } from './subscriptions.ts';
import { isValidTopicFilter, isValidTopicName, matches, parseSharedSubscription } from '../mqtt/index.ts';
import { ruleRef } from '../mqtt/rules.ts';
import type { RuleRef } from '../mqtt/spec.ts';
import type { BrokerMessageKey } from './messages.ts';
import { controlCharIndex, exceedsTopicLevels } from './mosquitto-limits.ts';

/**
 * Closes the connection as for a malformed packet when `s` holds a control character
 * (U+0001..U+001F, U+007F..U+009F), as Mosquitto 2.0 does; true when it did.
 */
export function refuseControlCharacter(tx: Tx, conn: Conn, field: string, s: string): boolean {
  const at = controlCharIndex(s);
  if (at < 0) return false;
  protocolError(tx, conn, 0x81, 'mosquitto:utf8-control', 'protocol.control-character', { field, index: at, code: `U+${s.charCodeAt(at).toString(16).toUpperCase().padStart(4, '0')}` });
  return true;
}

/** Mosquitto 2.0.12+ lets clients publish a bridge's connection state; every other `$SYS` topic is the broker's. */
const PUBLISHABLE_SYS = '$SYS/broker/connection/+/state';

/**
 * A SUBSCRIBE/UNSUBSCRIBE filter taken apart: `'invalid'` when it breaks section 4.7 or 4.8.2,
 * `{ group, filter }` for `$share/group/filter`, null for an ordinary filter. Shared
 * subscriptions are recognised for 3.1.1 clients too, as Mosquitto 2.0 does; the 5.0 rules of
 * the topic layer are used for both versions (they differ only in the `$share/` check).
 */
function parseFilter(topicFilter: string): { group: string; filter: string } | 'invalid' | null {
  // Mosquitto 2.0 (lib/util_topic.c): also invalid with more than 200 `/`.
  if (!isValidTopicFilter(topicFilter, 5) || exceedsTopicLevels(topicFilter)) return 'invalid';
  const shared = parseSharedSubscription(topicFilter);
  return shared === null ? null : { group: shared.shareName, filter: shared.filter ?? '' };
}

/** A protocol error: explained, 5.0 DISCONNECT with `reasonCode`, close, will published. */
export function protocolError(
  tx: Tx,
  conn: Conn,
  reasonCode: number,
  reference: RuleRef,
  key: BrokerMessageKey,
  params: ExplainParams = {},
): void {
  explain(tx, reference, key, { clientId: conn.clientId ?? '', reasonCode, ...params });
  dropConnection(tx, conn.connId, { disconnectReason: reasonCode, closeSocket: true, publishWill: true });
}

export function handlePacket(tx: Tx, conn: Conn, packet: Packet): void {
  countReceived(tx, packet);
  conn = editConn(tx, conn.connId)!;
  conn.lastPacketAtMs = tx.nowMs;

  if (conn.state === 'awaiting-connect') {
    if (packet.type === 'connect') {
      handleConnect(tx, conn, packet);
      return;
    }
    explain(tx, 'MQTT-3.1.0-1', 'connect.first-packet-not-connect', { packet: packet.type });
    dropConnection(tx, conn.connId, { closeSocket: true, publishWill: false });
    return;
  }

  switch (packet.type) {
    case 'connect':
      protocolError(tx, conn, 0x82, 'MQTT-3.1.0-2', 'connect.second-connect');
      return;
    case 'publish':
      handlePublish(tx, conn, packet);
      return;
    case 'puback':
      handleOutboundAck(tx, conn, packet.packetId, 'puback', packet.reasonCode ?? 0);
      return;
    case 'pubrec':
      handleOutboundAck(tx, conn, packet.packetId, 'pubrec', packet.reasonCode ?? 0);
      return;
    case 'pubcomp':
      handleOutboundAck(tx, conn, packet.packetId, 'pubcomp', packet.reasonCode ?? 0);
      return;
    case 'pubrel':
      handlePubrel(tx, conn, packet.packetId);
      return;
    case 'subscribe':
      handleSubscribe(tx, conn, packet);
      return;
    case 'unsubscribe':
      handleUnsubscribe(tx, conn, packet);
      return;
    case 'pingreq':
      send(tx, conn, { type: 'pingresp' });
      explain(tx, 'MQTT-3.12.4-1', 'ping.response', { clientId: conn.clientId ?? '' });
      return;
    case 'disconnect':
      handleDisconnect(tx, conn, packet);
      return;
    default:
      protocolError(tx, conn, 0x82, '4.8', 'protocol.unexpected-packet', { packet: packet.type });
  }
}

// ── PUBLISH from a client ─────────────────────────────────────────────────────────────────

function inboundProperties(p: Properties | undefined): Properties | undefined {
  if (!p) return undefined;
  const { topicAlias: _alias, subscriptionIdentifiers: _ids, messageExpiryIntervalSec: _exp, ...rest } = p;
  return Object.keys(rest).length > 0 ? rest : undefined;
}

function handlePublish(tx: Tx, conn: Conn, packet: PublishPacket): void {
  const v = conn.version ?? 4;
  const clientId = conn.clientId!;
  let topic = packet.topic;
  const alias = v === 5 ? packet.properties?.topicAlias : undefined;
  if (alias !== undefined) {
    if (alias === 0 || alias > tx.ctx.config.topicAliasMaximum) {
      protocolError(tx, conn, 0x94, '3.3.2.3.4', 'publish.topic-alias-invalid', {
        alias,
        max: tx.ctx.config.topicAliasMaximum,
      });
      return;
    }
    if (topic !== '') {
      setConn(tx, { ...conn, inboundAliases: conn.inboundAliases.set(alias, topic) });
      explain(tx, '3.3.2.3.4', 'publish.topic-alias-set', { clientId, alias, topic });
    } else {
      const known = conn.inboundAliases.get(alias);
      if (known === undefined) {
        protocolError(tx, conn, 0x82, '3.3.2.3.4', 'publish.topic-alias-unknown', { alias });
        return;
      }
      topic = known;
      explain(tx, '3.3.2.3.4', 'publish.topic-alias-used', { clientId, alias, topic });
    }
  }
  if (refuseControlCharacter(tx, conn, 'topic name', topic)) return;
  if (!isValidTopicName(topic, v)) {
    // 5.0: Mosquitto answers with 0x82 Protocol Error (0x90 is for a well-formed name it refuses).
    protocolError(tx, conn, 0x82, 'MQTT-3.3.2-2', 'publish.topic-invalid', { topic });
    return;
  }
  if (exceedsTopicLevels(topic)) {
    protocolError(tx, conn, 0x82, 'mosquitto:topic-hierarchy-limit', 'publish.topic-too-deep', { max: 200 });
    return;
  }
  const responseTopic = v === 5 ? packet.properties?.responseTopic : undefined;
  if (responseTopic !== undefined && !isValidTopicName(responseTopic, 5)) {
    protocolError(tx, conn, 0x82, 'MQTT-3.3.2-14', 'publish.response-topic-invalid', { topic, responseTopic });
    return;
  }
  if (packet.retain && !tx.ctx.config.retainAvailable) {
    protocolError(tx, conn, 0x9a, 'MQTT-3.2.2-14', 'publish.retain-unavailable', { topic });
    return;
  }

  const message: Message = { topic, payload: packet.payload, qos: packet.qos, retain: packet.retain, fromClientId: clientId };
  if (v === 5) {
    const props = inboundProperties(packet.properties);
    if (props) message.properties = props;
    const expiry = packet.properties?.messageExpiryIntervalSec;
    if (expiry !== undefined) message.expiresAtMs = tx.nowMs + expiry * 1000;
  }

  if ((topic.startsWith('$SYS') && !matches(PUBLISHABLE_SYS, topic)) || topic.startsWith('$share')) {
    // 4.7.2: the server SHOULD keep clients from using `$` topics among themselves. Mosquitto
    // (acl__check_dollar) denies client writes to `$SYS...` and `$share...` like an ACL refusal.
    explain(tx, '4.7.2', 'publish.dollar-denied', { clientId, topic, qos: packet.qos });
    acknowledgeDenied(tx, conn, packet);
    return;
  }

  const acl = tx.ctx.config.acl;
  if (acl) {
    const decision = checkAcl(acl, { clientId, username: conn.username }, topic, 'write');
    if (!decision.allowed) {
      // Mosquitto (handle_publish.c): denied messages are dropped but acknowledged; 5.0 with 0x87.
      explain(tx, 'mosquitto:acl_file', 'acl.publish-denied', { clientId, topic, qos: packet.qos, line: decision.rule?.line ?? 0 });
      acknowledgeDenied(tx, conn, packet);
      return;
    }
  }

  if (packet.qos === 0) {
    publishApplicationMessage(tx, message);
    return;
  }
  const packetId = packet.packetId!;
  if (packet.qos === 1) {
    const matched = publishApplicationMessage(tx, message);
    if (v === 5 && matched === 0) {
      send(tx, conn, { type: 'puback', packetId, reasonCode: 0x10 });
      explain(tx, '3.4.2.1', 'publish.puback-no-subscribers', { clientId, packetId });
    } else {
      send(tx, conn, v === 5 ? { type: 'puback', packetId, reasonCode: 0 } : { type: 'puback', packetId });
      explain(tx, ruleRef('qos1Receive', v), 'publish.puback', { clientId, packetId });
    }
    return;
  }
  // QoS 2: keep the packet ID until PUBREL; Mosquitto forwards the message on PUBREL.
  const session = getSession(tx, clientId)!;
  if (session.inboundQos2.has(packetId)) {
    explain(tx, ruleRef('qos2Duplicate', v), 'publish.qos2-duplicate', { clientId, packetId });
  } else {
    const owned = editSession(tx, clientId)!;
    owned.inboundQos2 = owned.inboundQos2.set(packetId, message);
    explain(tx, ruleRef('qos2Receive', v), 'publish.qos2-stored', { clientId, packetId });
  }
  send(tx, conn, v === 5 ? { type: 'pubrec', packetId, reasonCode: 0 } : { type: 'pubrec', packetId });
}

/** A refused PUBLISH is still acknowledged, as by Mosquitto; 5.0 with 0x87 Not authorized. */
function acknowledgeDenied(tx: Tx, conn: Conn, packet: PublishPacket): void {
  const v5 = conn.version === 5;
  if (packet.qos === 1) send(tx, conn, v5 ? { type: 'puback', packetId: packet.packetId!, reasonCode: 0x87 } : { type: 'puback', packetId: packet.packetId! });
  if (packet.qos === 2) send(tx, conn, v5 ? { type: 'pubrec', packetId: packet.packetId!, reasonCode: 0x87 } : { type: 'pubrec', packetId: packet.packetId! });
}

function handlePubrel(tx: Tx, conn: Conn, packetId: number): void {
  const v = conn.version ?? 4;
  const clientId = conn.clientId!;
  const session = getSession(tx, clientId)!;
  const message = session.inboundQos2.get(packetId);
  if (!message) {
    // Mosquitto (handle_pubrel.c) still answers with PUBCOMP "because this could be due to a
    // repeated PUBREL after a client has reconnected", with reason 0: 5.0 would allow 0x92
    // (Packet Identifier not found) but does not require it (3.7.2.1).
    send(tx, conn, v === 5 ? { type: 'pubcomp', packetId, reasonCode: 0 } : { type: 'pubcomp', packetId });
    explain(tx, ruleRef('pubrelUnknownId', v), 'pubrel.unknown-id', { clientId, packetId });
    return;
  }
  const owned = editSession(tx, clientId)!;
  owned.inboundQos2 = owned.inboundQos2.delete(packetId);
  explain(tx, 'mosquitto:qos2-release', 'pubrel.forward', { clientId, packetId, topic: message.topic });
  publishApplicationMessage(tx, message);
  send(tx, conn, v === 5 ? { type: 'pubcomp', packetId, reasonCode: 0 } : { type: 'pubcomp', packetId });
}

// ── acknowledgements of the broker's own PUBLISH ──────────────────────────────────────────

function handleOutboundAck(tx: Tx, conn: Conn, packetId: number, kind: 'puback' | 'pubrec' | 'pubcomp', reasonCode: number): void {
  const v = conn.version ?? 4;
  const clientId = conn.clientId!;
  const session = getSession(tx, clientId)!;
  const entry = findInflight(session.inflightOut, packetId);
  const expected = kind === 'puback' ? 'awaiting-puback' : kind === 'pubrec' ? 'awaiting-pubrec' : 'awaiting-pubcomp';
  if (!entry || entry.stage !== expected) {
    explain(tx, '4.3', 'ack.unexpected', { clientId, packet: kind, packetId });
    if (kind === 'pubrec') {
      send(tx, conn, v === 5 ? { type: 'pubrel', packetId, reasonCode: 0x92 } : { type: 'pubrel', packetId });
    }
    return;
  }
  if (kind === 'pubrec' && reasonCode < 0x80) {
    setStage(editSession(tx, clientId)!, packetId, 'awaiting-pubcomp', tx.owned);
    send(tx, conn, v === 5 ? { type: 'pubrel', packetId, reasonCode: 0 } : { type: 'pubrel', packetId });
    explain(tx, ruleRef('qos2Pubrel', v), 'ack.pubrec', { clientId, packetId });
    return;
  }
  removeInflight(editSession(tx, clientId)!, packetId, tx.owned);
  explain(tx, kind === 'pubrec' ? 'MQTT-4.3.3-4' : '4.3', kind === 'pubrec' ? 'ack.pubrec-failed' : 'ack.complete', {
    clientId,
    packet: kind,
    packetId,
    reasonCode,
  });
  pump(tx, clientId);
}

// ── SUBSCRIBE / UNSUBSCRIBE ───────────────────────────────────────────────────────────────

function handleSubscribe(tx: Tx, conn: Conn, packet: SubscribePacket): void {
  const v = conn.version ?? 4;
  const clientId = conn.clientId!;
  const subscriptionId = v === 5 ? packet.properties?.subscriptionIdentifiers?.[0] : undefined;
  for (const sub of packet.subscriptions) {
    if (refuseControlCharacter(tx, conn, 'topic filter', sub.topicFilter)) return;
    const shared = parseFilter(sub.topicFilter);
    if (shared === 'invalid') {
      // Mosquitto (handle_subscribe.c): "Invalid subscription string from %s, disconnecting."
      protocolError(tx, conn, 0x81, 'mosquitto:invalid-subscription', 'subscribe.filter-invalid', { filter: sub.topicFilter });
      return;
    }
    if (v === 5 && shared && sub.noLocal) {
      protocolError(tx, conn, 0x82, 'MQTT-3.8.3-4', 'subscribe.shared-no-local', { filter: sub.topicFilter });
      return;
    }
  }
  const reasonCodes: number[] = [];
  const retainedToSend: Delivery[] = [];
  for (const sub of packet.subscriptions) {
    const shared = parseFilter(sub.topicFilter) as { group: string; filter: string } | null;
    const innerFilter = shared ? shared.filter : sub.topicFilter;
    const granted = sub.qos;
    const options: SubscriptionOptions = {
      qos: granted,
      noLocal: v === 5 && sub.noLocal === true,
      retainAsPublished: v === 5 && sub.retainAsPublished === true,
      retainHandling: v === 5 ? (sub.retainHandling ?? 0) : 0,
    };
    if (subscriptionId !== undefined) options.subscriptionId = subscriptionId;
    const stored: StoredSubscription = { ...options, innerFilter };
    if (shared) stored.shareGroup = shared.group;

    const session = getSession(tx, clientId)!;
    const existed = session.subscriptions.has(sub.topicFilter);
    setSession(tx, { ...session, subscriptions: session.subscriptions.set(sub.topicFilter, stored) });
    update(tx, { subs: addSubscription(tx.ctx.subs, clientId, innerFilter, options, shared?.group) });
    reasonCodes.push(granted);
    explain(tx, existed ? 'MQTT-3.8.4-3' : ruleRef('subscribeAck', v), existed ? 'subscribe.replaced' : 'subscribe.granted', {
      clientId,
      filter: sub.topicFilter,
      requested: sub.qos,
      granted,
    });

    if (shared) {
      explain(tx, '4.8.2', 'subscribe.shared-no-retained', { clientId, filter: sub.topicFilter });
      continue;
    }
    if (!tx.ctx.config.retainAvailable) continue;
    if (options.retainHandling === 2) {
      explain(tx, 'MQTT-3.3.1-11', 'subscribe.retain-handling-2', { clientId, filter: sub.topicFilter });
      continue;
    }
    if (options.retainHandling === 1 && existed) {
      explain(tx, 'MQTT-3.3.1-10', 'subscribe.retain-handling-1', { clientId, filter: sub.topicFilter });
      continue;
    }
    for (const m of matchRetained(tx.ctx.retained, innerFilter)) {
      if (m.expiresAtMs !== undefined && m.expiresAtMs <= tx.nowMs) {
        explain(tx, 'MQTT-3.3.2-5', 'subscribe.retained-expired', { clientId, filter: sub.topicFilter, topic: m.topic });
        continue;
      }
      if (tx.ctx.config.acl) {
        const decision = checkAcl(tx.ctx.config.acl, { clientId, username: conn.username }, m.topic, 'read');
        if (!decision.allowed) {
          explain(tx, 'mosquitto:acl_file', 'acl.read-denied', { clientId, topic: m.topic, line: decision.rule?.line ?? 0 });
          continue;
        }
      }
      const d: Delivery = { message: m, qos: minQos(m.qos, granted), retain: true };
      if (subscriptionId !== undefined) d.subscriptionIds = [subscriptionId];
      retainedToSend.push(d);
      explain(tx, ruleRef('retainedOnSubscribe', v), 'subscribe.retained-sent', {
        clientId,
        filter: sub.topicFilter,
        topic: m.topic,
        qos: d.qos,
      });
    }
  }
  send(tx, conn, { type: 'suback', packetId: packet.packetId, reasonCodes });
  for (const d of retainedToSend) offer(tx, clientId, d);
}

function handleUnsubscribe(tx: Tx, conn: Conn, packet: UnsubscribePacket): void {
  const v = conn.version ?? 4;
  const clientId = conn.clientId!;
  for (const f of packet.topicFilters) {
    if (refuseControlCharacter(tx, conn, 'topic filter', f)) return;
    if (parseFilter(f) === 'invalid') {
      protocolError(tx, conn, 0x81, 'mosquitto:invalid-subscription', 'subscribe.filter-invalid', { filter: f });
      return;
    }
  }
  const reasonCodes: number[] = [];
  for (const f of packet.topicFilters) {
    const session = getSession(tx, clientId)!;
    const stored = session.subscriptions.get(f);
    if (!stored) {
      reasonCodes.push(0x11);
      explain(tx, 'MQTT-3.10.4-5', 'unsubscribe.none', { clientId, filter: f });
      continue;
    }
    setSession(tx, { ...session, subscriptions: session.subscriptions.delete(f) });
    update(tx, { subs: removeSubscription(tx.ctx.subs, clientId, stored.innerFilter, stored.shareGroup) });
    reasonCodes.push(0);
    explain(tx, ruleRef('unsubscribeRemoves', v), 'unsubscribe.removed', { clientId, filter: f });
  }
  send(tx, conn, v === 5 ? { type: 'unsuback', packetId: packet.packetId, reasonCodes } : { type: 'unsuback', packetId: packet.packetId });
}

// ── DISCONNECT ────────────────────────────────────────────────────────────────────────────

function handleDisconnect(tx: Tx, conn: Conn, packet: DisconnectPacket): void {
  const v = conn.version ?? 4;
  const clientId = conn.clientId!;
  const reasonCode = v === 5 ? (packet.reasonCode ?? 0) : 0;
  const newExpiry = v === 5 ? packet.properties?.sessionExpiryIntervalSec : undefined;
  if (newExpiry !== undefined) {
    const session = getSession(tx, clientId)!;
    if (session.expiryIntervalSec === 0 && newExpiry > 0) {
      protocolError(tx, conn, 0x82, '3.14.2.2.2', 'disconnect.expiry-protocol-error', { expirySec: newExpiry });
      return;
    }
    setSession(tx, { ...session, expiryIntervalSec: newExpiry });
    explain(tx, '3.14.2.2.2', 'disconnect.expiry-updated', { clientId, expirySec: newExpiry });
  }
  const withWill = v === 5 && reasonCode === 0x04;
  explain(tx, withWill ? '3.14.2.1' : 'MQTT-3.14.4-3', withWill ? 'disconnect.with-will' : 'disconnect.normal', { clientId, reasonCode });
  dropConnection(tx, conn.connId, { closeSocket: true, publishWill: withWill });
}
