/** Connecting: the options, CONNECT, and what a CONNACK means (accepted, refused, unexpected session). */
import { List, Map as IMap, OrderedMap } from 'immutable';
import type { ConnackPacket, ConnectPacket, Properties, ProtocolVersion } from '../codec/types.ts';
import { tryEncode } from '../codec/encode.ts';
import { codecNoteParams } from '../codec/errors.ts';
import { CONNACK_RETURN_NAMES_V311, REASON_NAMES } from '../codec/reason-codes.ts';
import type { Explain } from '../mqtt/actor-contract.ts';
import { validateTopicName } from '../mqtt/index.ts';
import { ref } from './refs.ts';
import type { ClientContext, ConnectOptions, ResolvedOptions, ServerLimits, Step } from './types.ts';
import { Builder, DEFAULT_SERVER, hex, resolveOptions, sessionOutlivesConnection } from './builder.ts';
import { dropUnsendable } from './publish-out.ts';
import { drain } from './send-queue.ts';
import { connackLimits } from './limits-text.ts';


/** Why these options cannot be sent, or null. */
export function connectOptionsProblem(options: ConnectOptions | undefined): Explain | null {
  const o = resolveOptions(options);
  if (o.protocolVersion === 4 && o.clientId === '' && !o.clean) {
    // mosquitto_sub refuses `-c` without `-i` for the same reason.
    return { ref: ref('emptyIdNeedsClean', 4), key: 'client.connect.empty-id-needs-clean' };
  }
  const willProblem = o.will ? validateTopicName(o.will.topic, o.protocolVersion)[0] : undefined;
  if (o.will && willProblem) {
    return { ref: willProblem.ref, key: 'client.connect.will-topic-invalid', params: { topic: o.will.topic, problem: willProblem.key } };
  }
  // Whatever else the codec refuses (a password without a user name in 3.1.1, MQTT-3.1.2-22; a
  // property out of its range): the client does not send a CONNECT the protocol forbids.
  const encoded = tryEncode(buildConnect(o), o.protocolVersion);
  if (!encoded.ok) return { ref: encoded.error.ref, key: 'client.connect.cannot-encode', params: { message: encoded.error.message, ...codecNoteParams(encoded.error) } };
  return null;
}

/**
 * APP.CONNECT while a connection is open or being opened: ignored, with an explanation. A client
 * sends CONNECT only once per network connection (section 3.1); a broker would treat a second
 * one as a protocol violation and disconnect (MQTT-3.1.0-2).
 */
export function connectAlready(ctx: ClientContext, nowMs: number): Step {
  const b = new Builder(ctx, nowMs);
  b.explain('connectOnce', 'client.connect.already', { name: ctx.name });
  return b.step();
}

/** APP.CONNECT: remember the options, open the network connection. */
export function startConnect(ctx: ClientContext, options: ConnectOptions | undefined, nowMs: number): Step {
  const o = resolveOptions(options);
  const b = new Builder(ctx, nowMs);
  b.set({
    options: o,
    clientId: o.clientId,
    keepAliveSec: o.keepAliveSec,
    server: DEFAULT_SERVER,
    sessionPresent: null,
    lastCloseReason: null,
    inboundAliases: IMap(),
    pingSentAtMs: null,
  });
  if (o.clean && (ctx.outgoing.size > 0 || ctx.incomingQos2.size > 0 || ctx.subscriptions.size > 0)) {
    // MQTT-3.1.2-6 (3.1.1) / MQTT-3.1.2-4 (5.0): clean start discards the previous session.
    b.set({ outgoing: List(), incomingQos2: OrderedMap(), subscriptions: OrderedMap(), awaitingAck: IMap() });
    b.explain('cleanDiscards', 'client.session.clean-discards', {
      outgoing: ctx.outgoing.size,
      incoming: ctx.incomingQos2.size,
    });
  }
  b.set({ hasSessionState: o.clean ? false : b.ctx.hasSessionState });
  b.open();
  b.explain({ ref: ref('firstPacketConnect', o.protocolVersion) }, 'client.connect.open', {
    version: o.protocolVersion === 5 ? '5.0' : '3.1.1',
  });
  return b.step();
}

/** Builds CONNECT from the options (3.1.1 carries no properties). */
export function buildConnect(o: ResolvedOptions): ConnectPacket {
  const packet: ConnectPacket = {
    type: 'connect',
    protocolVersion: o.protocolVersion,
    clean: o.clean,
    keepAliveSec: o.keepAliveSec,
    clientId: o.clientId,
  };
  if (o.will) {
    const will = { topic: o.will.topic, payload: o.will.payload, qos: o.will.qos, retain: o.will.retain };
    packet.will = o.protocolVersion === 5 && o.will.properties ? { ...will, properties: o.will.properties } : will;
  }
  if (o.username !== undefined) packet.username = o.username;
  if (o.password !== undefined) packet.password = o.password;
  if (o.protocolVersion === 5) {
    const p: Properties = {};
    if (o.sessionExpiryIntervalSec > 0) p.sessionExpiryIntervalSec = o.sessionExpiryIntervalSec;
    if (o.receiveMaximum !== 65535) p.receiveMaximum = o.receiveMaximum;
    if (o.topicAliasMaximum > 0) p.topicAliasMaximum = o.topicAliasMaximum;
    if (o.maximumPacketSize !== undefined) p.maximumPacketSize = o.maximumPacketSize;
    if (o.userProperties && o.userProperties.length > 0) p.userProperties = o.userProperties;
    if (Object.keys(p).length > 0) packet.properties = p;
  }
  return packet;
}

/** NET.OPENED: the first packet on the connection is CONNECT (MQTT-3.1.0-1). */
export function sendConnect(ctx: ClientContext, nowMs: number): Step {
  const b = new Builder(ctx, nowMs);
  const o = ctx.options ?? resolveOptions();
  const packet = buildConnect(o);
  b.send(packet);
  b.explain('firstPacketConnect', 'client.connect.sent', {
    clientId: o.clientId === '' ? '""' : o.clientId,
    clean: o.clean,
    keepAliveSec: o.keepAliveSec,
    will: o.will !== undefined,
  });
  return b.step();
}

/** What a CONNACK means for this client. */
export type ConnackOutcome = 'accepted' | 'refused' | 'unexpected-session';

export function connackOutcome(ctx: ClientContext, packet: ConnackPacket): ConnackOutcome {
  if (packet.reasonCode !== 0) return 'refused';
  const o = ctx.options;
  if (o && o.protocolVersion === 5 && !o.clean && packet.sessionPresent && !ctx.hasSessionState) {
    return 'unexpected-session';
  }
  return 'accepted';
}

function codeName(version: ProtocolVersion, code: number, kind: 'connack' | 'other'): string {
  if (version === 4 && kind === 'connack') return CONNACK_RETURN_NAMES_V311[code] ?? 'reserved';
  return REASON_NAMES[code] ?? 'unknown';
}

/** CONNACK refused (3.1.1 return code 1..5, 5.0 reason code >= 0x80): record and close. */
export function connackRefused(ctx: ClientContext, packet: ConnackPacket, nowMs: number): Step {
  const b = new Builder(ctx, nowMs);
  const name = codeName(b.version, packet.reasonCode, 'connack');
  b.set({
    lastConnack: { reasonCode: packet.reasonCode, sessionPresent: packet.sessionPresent },
    sessionPresent: false,
    lastCloseReason: { key: 'client.close.refused', params: { name } },
  });
  b.explain('connackRefused', 'client.connack.refused', { code: hex(packet.reasonCode), name });
  b.close();
  dropUnsendable(b);
  return b.step();
}

/** 5.0 CONNACK with Session Present = 1 for a client without session state (MQTT-3.2.2-4). */
export function connackUnexpectedSession(ctx: ClientContext, packet: ConnackPacket, nowMs: number): Step {
  const b = new Builder(ctx, nowMs);
  b.set({
    lastConnack: { reasonCode: packet.reasonCode, sessionPresent: packet.sessionPresent },
    sessionPresent: true,
    lastCloseReason: { key: 'client.close.unexpected-session' },
  });
  b.explain('sessionUnexpected', 'client.connack.unexpected-session');
  b.close();
  return b.step();
}

/** CONNACK accepted: record what the broker said, then resume or start the session. */
export function connackAccepted(ctx: ClientContext, packet: ConnackPacket, nowMs: number): Step {
  const b = new Builder(ctx, nowMs);
  const o = ctx.options ?? resolveOptions();
  const v = o.protocolVersion;
  const p = v === 5 ? (packet.properties ?? {}) : {};
  const server: ServerLimits = {
    receiveMaximum: p.receiveMaximum ?? 65535,
    maximumQoS: p.maximumQoS ?? 2,
    retainAvailable: p.retainAvailable !== 0,
    topicAliasMaximum: p.topicAliasMaximum ?? 0,
    maximumPacketSize: p.maximumPacketSize ?? null,
    assignedClientId: p.assignedClientIdentifier ?? null,
    serverKeepAliveSec: p.serverKeepAliveSec ?? null,
  };
  b.set({
    server,
    lastConnack: { reasonCode: packet.reasonCode, sessionPresent: packet.sessionPresent },
    sessionPresent: packet.sessionPresent,
    connectedAtMs: nowMs,
    pingSentAtMs: null,
    inboundAliases: IMap(),
  });
  b.explain({ ref: ref('sessionResumed', v) }, 'client.connack.accepted', {
    sessionPresent: packet.sessionPresent,
  });
  if (server.assignedClientId !== null) {
    b.set({ clientId: server.assignedClientId });
    b.explain('assignedId', 'client.connack.assigned-id', { clientId: server.assignedClientId });
  }
  if (server.serverKeepAliveSec !== null && server.serverKeepAliveSec !== o.keepAliveSec) {
    b.set({ keepAliveSec: server.serverKeepAliveSec });
    b.explain('serverKeepAlive', 'client.connack.server-keep-alive', {
      requested: o.keepAliveSec,
      granted: server.serverKeepAliveSec,
    });
  }
  if (v === 5) {
    // Each limit as a value, said in either language from it (limits-text.ts).
    const limits = connackLimits(p);
    if (limits !== undefined) b.explain({ ref: '3.2.2.3' }, 'client.connack.limits', limits);
  }

  const hadState = b.ctx.outgoing.size > 0 || b.ctx.incomingQos2.size > 0;
  if (!packet.sessionPresent && !o.clean && (hadState || b.ctx.subscriptions.size > 0)) {
    // 5.0 MQTT-3.2.2-5; 3.1.1 section 3.2.2.2 leaves it to the client: we discard too, since
    // the broker no longer knows these packet identifiers.
    b.explain('sessionLost', 'client.session.lost', {
      outgoing: b.ctx.outgoing.size,
      incoming: b.ctx.incomingQos2.size,
      subscriptions: b.ctx.subscriptions.size,
    });
    b.set({ outgoing: List(), incomingQos2: OrderedMap(), subscriptions: OrderedMap(), awaitingAck: IMap() });
  }
  b.set({ hasSessionState: sessionOutlivesConnection(o) || !o.clean });
  if (packet.sessionPresent && b.ctx.outgoing.size > 0) {
    b.set({ outgoing: b.ctx.outgoing.map((m) => ({ ...m, resend: true })) });
    b.explain('resend', 'client.session.resend', { count: b.ctx.outgoing.size });
  } else if (packet.sessionPresent) {
    b.explain('sessionResumed', 'client.session.resumed');
  }
  drain(b);
  return b.step();
}
