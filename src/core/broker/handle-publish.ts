/** PUBLISH from a client: checks, topic alias, ACL, retained, QoS 0/1/2 handling and distribution. */
import type { Properties, PublishPacket } from '../codec/types.ts';
import { checkAcl } from './auth.ts';
import { editSession, explain, getSession, send, setConn, type Conn, type Tx } from './context.ts';
import { publishApplicationMessage } from './route.ts';
import { addInbound, findInbound, type Message } from './sessions.ts';
import { isValidTopicName, matches } from '../mqtt/index.ts';
import { ruleRef } from '../mqtt/rules.ts';
import { exceedsTopicLevels } from './mosquitto-limits.ts';
import { protocolError, refuseControlCharacter } from './protocol-error.ts';

/** Mosquitto 2.0.12+ lets clients publish a bridge's connection state; every other `$SYS` topic is the broker's. */
const PUBLISHABLE_SYS = '$SYS/broker/connection/+/state';

function inboundProperties(p: Properties | undefined): Properties | undefined {
  if (!p) return undefined;
  const { topicAlias: _alias, subscriptionIdentifiers: _ids, messageExpiryIntervalSec: _exp, ...rest } = p;
  return Object.keys(rest).length > 0 ? rest : undefined;
}

export function handlePublish(tx: Tx, conn: Conn, packet: PublishPacket): void {
  const v = conn.version ?? 4;
  const clientId = conn.clientId!;
  let topic = packet.topic;
  const alias = v === 5 ? packet.properties?.topicAlias : undefined;
  if (alias !== undefined) {
    if (alias === 0) {
      // Not permitted (MQTT-3.3.2-8): a Protocol Error, 0x82, as the codec says for the bytes;
      // 0x94 is defined for an alias above the maximum. Mosquitto 2.0.11 sends 0x81.
      protocolError(tx, conn, 0x82, ruleRef('topicAliasZero', v), 'publish.topic-alias-zero', {});
      return;
    }
    if (alias > tx.ctx.config.topicAliasMaximum) {
      // MQTT-3.3.2-9: no alias above the CONNACK's Topic Alias Maximum (none sent = 0: no aliases).
      protocolError(tx, conn, 0x94, ruleRef('topicAliasMaximum', v), 'publish.topic-alias-invalid', {
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
      if (tx.explaining) explain(tx, ruleRef('qos1Receive', v), 'publish.puback', { clientId, packetId });
    }
    return;
  }
  // QoS 2: keep the packet ID until PUBREL; Mosquitto forwards the message on PUBREL.
  const session = getSession(tx, clientId)!;
  if (findInbound(session.inboundQos2, packetId) !== undefined) {
    explain(tx, ruleRef('qos2Duplicate', v), 'publish.qos2-duplicate', { clientId, packetId });
  } else {
    const owned = editSession(tx, clientId)!;
    addInbound(owned, packetId, message, tx.owned);
    if (tx.explaining) explain(tx, ruleRef('qos2Receive', v), 'publish.qos2-stored', { clientId, packetId });
  }
  send(tx, conn, v === 5 ? { type: 'pubrec', packetId, reasonCode: 0 } : { type: 'pubrec', packetId });
}

/** A refused PUBLISH is still acknowledged, as by Mosquitto; 5.0 with 0x87 Not authorized. */
function acknowledgeDenied(tx: Tx, conn: Conn, packet: PublishPacket): void {
  const v5 = conn.version === 5;
  if (packet.qos === 1) send(tx, conn, v5 ? { type: 'puback', packetId: packet.packetId!, reasonCode: 0x87 } : { type: 'puback', packetId: packet.packetId! });
  if (packet.qos === 2) send(tx, conn, v5 ? { type: 'pubrec', packetId: packet.packetId!, reasonCode: 0x87 } : { type: 'pubrec', packetId: packet.packetId! });
}
