/**
 * CONNECT (section 3.1), in Mosquitto 2.0's order (src/handle_connect.c): protocol version,
 * will options, client identifier, credentials, then `connect__on_authorised`: takeover of an
 * existing connection, session resumption or clean start, keep alive, CONNACK with the broker's
 * 5.0 properties (src/send_connack.c), then the resent in-flight and queued messages.
 */
import { Map as IMap } from 'immutable';
import { encode } from '../codec/encode.ts';
import type { ConnackPacket, ConnectPacket, Properties } from '../codec/types.ts';
import { checkCredentials } from './auth.ts';
import {
  cancelTimer,
  closeSocket,
  expiryTimerId,
  explain,
  getSession,
  keepAliveTimerId,
  send,
  setConn,
  setSession,
  startTimer,
  update,
  willTimerId,
  type Conn,
  type ExplainParams,
  type Tx,
} from './context.ts';
import { isValidTopicName } from '../mqtt/index.ts';
import { ruleRef } from '../mqtt/rules.ts';
import type { RuleRef } from '../mqtt/spec.ts';
import type { BrokerMessageKey } from './messages.ts';
import { controlCharIndex, exceedsTopicLevels, TOPIC_HIERARCHY_LIMIT } from './mosquitto-limits.ts';
import { resendInflight } from './deliver.ts';
import { dropConnection, endSession, KEEP_ALIVE_GRACE_MS_PER_SEC } from './lifecycle.ts';
import { EXPIRY_NEVER, newSession, type Session } from './sessions.ts';

function refuse(tx: Tx, conn: Conn, packet: ConnectPacket, reasonCode: number): void {
  const connack: ConnackPacket = { type: 'connack', sessionPresent: false, reasonCode };
  send(tx, conn, connack, packet.protocolVersion);
  closeSocket(tx, conn.connId);
  update(tx, { conns: tx.ctx.conns.delete(conn.connId) });
}

/** A deterministic Mosquitto-style assigned client ID: `auto-` + a UUID-shaped counter. */
export function assignedClientId(counter: number): string {
  const hex = counter.toString(16).toUpperCase().padStart(32, '0');
  return `auto-${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Closes without CONNACK (MQTT-3.1.4-1: a CONNECT that breaks the rules closes the connection). */
function closeInvalid(tx: Tx, conn: Conn, reference: RuleRef, key: BrokerMessageKey, params: ExplainParams): void {
  explain(tx, reference, key, params);
  closeSocket(tx, conn.connId);
  update(tx, { conns: tx.ctx.conns.delete(conn.connId) });
}

/**
 * The CONNECT's strings, in the order Mosquitto 2.0 reads them (handle_connect.c, will__read):
 * a control character in the client ID, will topic or user name, and a will topic that is no
 * valid topic name (empty, a wildcard, more than 200 `/`), close the connection without
 * CONNACK, as Mosquitto does. True when the CONNECT was refused.
 */
function refuseInvalidStrings(tx: Tx, conn: Conn, packet: ConnectPacket): boolean {
  const v = packet.protocolVersion;
  const strings: Array<[string, string | undefined]> = [['client identifier', packet.clientId], ['will topic', packet.will?.topic], ['user name', packet.username]];
  for (const [field, value] of strings) {
    const at = value === undefined ? -1 : controlCharIndex(value);
    if (at >= 0) {
      closeInvalid(tx, conn, 'mosquitto:utf8-control', 'connect.control-character', { field, index: at });
      return true;
    }
  }
  const will = packet.will;
  if (!will) return false;
  if (will.topic === '') {
    // MQTT-3.1.3-11: the Will Topic is a topic name; MQTT-4.7.3-1: topic names are at least one character long.
    closeInvalid(tx, conn, 'MQTT-4.7.3-1', 'connect.will-topic-empty', {});
    return true;
  }
  if (!isValidTopicName(will.topic, v)) {
    closeInvalid(tx, conn, 'MQTT-3.3.2-2', 'connect.will-topic-invalid', { topic: will.topic });
    return true;
  }
  if (exceedsTopicLevels(will.topic)) {
    closeInvalid(tx, conn, 'mosquitto:topic-hierarchy-limit', 'connect.will-topic-too-deep', { max: TOPIC_HIERARCHY_LIMIT });
    return true;
  }
  return false;
}


/** The password_file / allow_anonymous check; false when the CONNECT was refused. */
function checkConnectCredentials(tx: Tx, conn: Conn, packet: ConnectPacket, clientId: string): boolean {
  const cfg = tx.ctx.config;
  const v = packet.protocolVersion;
  const credentials = checkCredentials(cfg.users, cfg.allowAnonymous, packet.username, packet.password, cfg.verifyPassword);
  if (credentials !== 'ok') {
    // Mosquitto 2.0 answers both cases with "not authorised" (handle_connect.c, MOSQ_ERR_AUTH).
    // No username is refused by `allow_anonymous false`; an unknown user or a wrong password by
    // the `password_file` check.
    const anonymous = credentials === 'anonymous-denied';
    explain(
      tx,
      anonymous ? 'mosquitto:allow_anonymous' : 'mosquitto:password_file',
      anonymous ? 'connect.anonymous-denied' : credentials === 'no-password-file' ? 'connect.no-password-file' : 'connect.bad-credentials',
      { clientId, username: packet.username ?? '' },
    );
    refuse(tx, conn, packet, v === 5 ? 0x87 : 0x05);
    return false;
  }
  return true;
}

export function handleConnect(tx: Tx, conn: Conn, packet: ConnectPacket): void {
  const v = packet.protocolVersion;
  const cfg = tx.ctx.config;
  // CONNECT arrived in time: the CONNECT timeout ends (accepted, keep alive re-arms the timer).
  if (cfg.connectTimeoutSec > 0) cancelTimer(tx, keepAliveTimerId(conn.connId));

  if (refuseInvalidStrings(tx, conn, packet)) return;
  if (packet.protocolName === 'MQIsdp' && packet.clientId === '') {
    // MQTT 3.1 has no assigned client IDs: Mosquitto refuses with 0x02 Identifier rejected.
    explain(tx, 'mosquitto:mqtt31-client-id', 'connect.empty-id-mqtt31', {});
    refuse(tx, conn, packet, 0x02);
    return;
  }

  if (!cfg.protocolVersions.includes(v)) {
    explain(tx, 'MQTT-3.1.2-2', 'connect.unsupported-version', { version: v });
    refuse(tx, conn, packet, v === 5 ? 0x84 : 0x01);
    return;
  }
  if (v === 5 && packet.properties?.authenticationMethod !== undefined) {
    explain(tx, 'mosquitto:auth_method', 'connect.bad-auth-method', { method: packet.properties.authenticationMethod });
    refuse(tx, conn, packet, 0x8c);
    return;
  }
  if (packet.will?.retain && !cfg.retainAvailable) {
    explain(tx, ruleRef('willRetainUnavailable', v), 'connect.will-retain-unavailable', {});
    if (v === 5) refuse(tx, conn, packet, 0x9a);
    else {
      closeSocket(tx, conn.connId);
      update(tx, { conns: tx.ctx.conns.delete(conn.connId) });
    }
    return;
  }

  let clientId = packet.clientId;
  let assigned = false;
  if (clientId === '') {
    if (v === 4 && !packet.clean) {
      explain(tx, 'MQTT-3.1.3-8', 'connect.empty-id-persistent', {});
      refuse(tx, conn, packet, 0x02);
      return;
    }
    const counter = tx.ctx.autoIdCounter + 1;
    update(tx, { autoIdCounter: counter });
    clientId = assignedClientId(counter);
    assigned = true;
    explain(tx, 'MQTT-3.1.3-6', 'connect.id-assigned', { clientId });
  }

  if (conn.identity !== undefined) {
    // use_identity_as_username (Mosquitto's handle_connect.c): the certificate's CN replaces the
    // CONNECT's user name for access control, the password is not used; no certificate (or one
    // without CN) is refused with "bad user name or password".
    const commonName = conn.identity.commonName;
    if (commonName === undefined) {
      explain(tx, 'mosquitto:use_identity_as_username', 'connect.no-certificate', { clientId });
      refuse(tx, conn, packet, v === 5 ? 0x86 : 0x04);
      return;
    }
    explain(tx, 'mosquitto:use_identity_as_username', 'connect.identity-as-username', { clientId, username: commonName });
    const asUser: ConnectPacket = { ...packet, username: commonName };
    delete asUser.password;
    packet = asUser;
  } else {
    if (!checkConnectCredentials(tx, conn, packet, clientId)) return;
  }

  let keepAliveSec = packet.keepAliveSec;
  let serverKeepAliveSec: number | undefined;
  const maxKeepAlive = cfg.maxKeepAliveSec;
  // Keep alive 0 means "off" (3.1.2.10). A 3.1.1 client with 0 is accepted, as Mosquitto 2.0.11
  // does: max_keepalive does not apply to 0 for 3.1.1, because such a client cannot be told
  // another value. A 5.0 client gets a Server Keep Alive instead (MQTT-3.2.2-21).
  const overMax = keepAliveSec > maxKeepAlive || (keepAliveSec === 0 && v === 5);
  if (maxKeepAlive > 0 && overMax) {
    if (v === 5) {
      keepAliveSec = maxKeepAlive;
      serverKeepAliveSec = maxKeepAlive;
      explain(tx, 'MQTT-3.2.2-21', 'connect.server-keep-alive', { requested: packet.keepAliveSec, keepAliveSec });
    } else {
      // Mosquitto >= 2.0.12: a 3.1.1 client cannot be told another keep alive, so one above the
      // maximum is refused (never 0, see above).
      explain(tx, 'mosquitto:max_keepalive', 'connect.keep-alive-refused', { requested: packet.keepAliveSec, max: maxKeepAlive });
      refuse(tx, conn, packet, 0x02);
      return;
    }
  }

  if (keepAliveSec === 0) explain(tx, '3.1.2.10', 'connect.keep-alive-off', { version: v });

  const expiryIntervalSec = v === 4 ? (packet.clean ? 0 : EXPIRY_NEVER) : (packet.properties?.sessionExpiryIntervalSec ?? 0);

  // The CONNACK, but for Session Present (which does not change its size).
  const connack: ConnackPacket = { type: 'connack', sessionPresent: false, reasonCode: 0 };
  if (v === 5) {
    const p: Properties = {};
    if (cfg.topicAliasMaximum > 0) p.topicAliasMaximum = cfg.topicAliasMaximum;
    if (assigned) p.assignedClientIdentifier = clientId;
    if (serverKeepAliveSec !== undefined) p.serverKeepAliveSec = serverKeepAliveSec;
    if (!cfg.retainAvailable) p.retainAvailable = 0;
    if (cfg.maxPacketSize > 0) p.maximumPacketSize = cfg.maxPacketSize;
    if (cfg.maxInflightMessages > 0) p.receiveMaximum = cfg.maxInflightMessages;
    connack.properties = p;
    const max = packet.properties?.maximumPacketSize;
    const size = max === undefined ? 0 : encode(connack, 5).length;
    if (max !== undefined && size > max) {
      // MQTT-3.1.2-24: nothing larger than the client's Maximum Packet Size is sent to it, not
      // even the CONNACK; Mosquitto then closes the connection without one, before the session
      // is touched.
      closeInvalid(tx, conn, 'MQTT-3.1.2-24', 'connect.connack-too-large', { clientId, size, max });
      return;
    }
  }

  // A new connection for this client ID before the Will Delay Interval has passed deletes the
  // will: MQTT-3.1.2-8 ("unless ... a new Network Connection for the ClientID is opened before
  // the Will Delay Interval has expired"), MQTT-3.1.3-9. Whether the session is resumed or
  // started clean, whether the old connection is still open (a takeover) or already gone, and
  // even when the old session ends with it (Session Expiry 0): the reconnect comes first.
  // Mosquitto 2.0.11 does the same. A will without delay is due the moment its connection
  // closes: on a takeover it is published below (3.1.4), otherwise it is already out.
  cancelDelayedWill(tx, clientId, packet.clean ? 'MQTT-3.1.2-8' : 'MQTT-3.1.3-9');

  // Takeover: the existing connection for this client ID is closed first (MQTT-3.1.4-2/-3).
  const existingBefore = getSession(tx, clientId);
  if (existingBefore && existingBefore.connId !== null) {
    explain(tx, ruleRef('takeover', v), 'connect.takeover', { clientId });
    dropConnection(tx, existingBefore.connId, { disconnectReason: 0x8e, closeSocket: true, publishWill: true });
  }

  let existing = getSession(tx, clientId);
  let sessionPresent = false;
  if (existing && packet.clean) {
    endSession(tx, clientId, 'session.discarded-clean', ruleRef('cleanDiscards', v));
    existing = undefined;
  } else if (existing) {
    sessionPresent = true;
    explain(tx, ruleRef('sessionResumed', v), 'session.resumed', {
      clientId,
      subscriptions: existing.subscriptions.size,
      inflight: existing.inflightOut.length,
      inbound: existing.inboundQos2.length,
      queued: existing.queued.size,
    });
    if (existing.expiresAtMs !== undefined) cancelTimer(tx, expiryTimerId(clientId));
  } else if (!packet.clean) {
    explain(tx, 'MQTT-3.2.2-3', 'session.new', { clientId });
  } else {
    explain(tx, ruleRef('sessionClean', v), 'session.clean', { clientId });
  }

  const base = existing ?? newSession(clientId, v, expiryIntervalSec);
  const session: Session = {
    ...base,
    connId: conn.connId,
    version: v,
    expiryIntervalSec,
    generation: base.generation + 1,
    will: packet.will ? { will: packet.will } : null,
  };
  delete session.expiresAtMs;
  if (packet.username !== undefined) {
    session.username = packet.username;
    if (session.will) session.will = { ...session.will, username: packet.username };
  } else delete session.username;
  setSession(tx, session);

  const props = packet.properties ?? {};
  const connected: Conn = {
    ...conn,
    state: 'connected',
    clientId,
    version: v,
    keepAliveSec,
    receiveMaximum: v === 5 ? (props.receiveMaximum ?? 65535) : 65535,
    maximumPacketSize: v === 5 ? (props.maximumPacketSize ?? 0) : 0,
    inboundAliases: IMap(),
  };
  if (packet.username !== undefined) connected.username = packet.username;
  setConn(tx, connected);

  connack.sessionPresent = sessionPresent;
  send(tx, connected, connack);
  explain(tx, 'MQTT-3.2.0-1', 'connect.accepted', { clientId, sessionPresent, keepAliveSec });

  if (keepAliveSec > 0) {
    startTimer(tx, keepAliveTimerId(conn.connId), keepAliveSec * KEEP_ALIVE_GRACE_MS_PER_SEC, { type: 'TIMER.KEEPALIVE', connId: conn.connId });
  }
  if (sessionPresent) resendInflight(tx, clientId);
}

/** Deletes a 5.0 will that waits for (or would wait for) its Will Delay Interval: the client is back in time. */
function cancelDelayedWill(tx: Tx, clientId: string, reference: 'MQTT-3.1.2-8' | 'MQTT-3.1.3-9'): void {
  const session = getSession(tx, clientId);
  const pending = session?.will;
  if (!session || !pending || session.version !== 5 || !((pending.will.properties?.willDelayIntervalSec ?? 0) > 0)) return;
  if (pending.dueAtMs !== undefined) cancelTimer(tx, willTimerId(clientId));
  setSession(tx, { ...session, will: null });
  explain(tx, reference, 'will.cancelled-reconnect', { clientId });
}
