/**
 * Packets from the broker while connected: the ones that end the connection (`closingPacket`),
 * and `handlePacket`, which hands every other one to its handler.
 */
import type { Packet, ProtocolVersion } from '../codec/types.ts';
import { REASON_NAMES } from '../codec/reason-codes.ts';
import type { Explain } from '../mqtt/actor-contract.ts';
import type { CloseReason } from './messages.ts';
import { ref } from './refs.ts';
import type { ClientContext, Step } from './types.ts';
import { Builder, hex, versionOf } from './builder.ts';
import { endConnection } from './disconnect.ts';
import { onPublish, onPubrel } from './publish-in.ts';
import { onPuback, onPubcomp, onPubrec } from './publish-out.ts';
import { onSuback, onUnsuback } from './subscribe.ts';


/** A packet that ends the connection: what to explain, what to send (5.0 DISCONNECT), why. */
export interface Closing {
  explain: Explain;
  /** 5.0: reason code of the DISCONNECT the client sends before closing. */
  disconnectReasonCode?: number;
  reason: CloseReason;
}

/** A protocol error that ends the connection (5.0: with a DISCONNECT carrying `reasonCode`). */
function protocolError(v: ProtocolVersion, reasonCode: number, r: string, key: string, params?: Explain['params']): Closing {
  return {
    explain: { ref: r, key, params: { ...(params ?? {}), code: hex(reasonCode), name: REASON_NAMES[reasonCode] ?? '' } },
    ...(v === 5 ? { disconnectReasonCode: reasonCode } : {}),
    reason: { key: 'client.close.protocol-error', params: { name: REASON_NAMES[reasonCode] ?? hex(reasonCode) } },
  };
}

/** Whether this incoming packet ends the connection (protocol error, server DISCONNECT). */
export function closingPacket(ctx: ClientContext, packet: Packet): Closing | null {
  const v = versionOf(ctx);
  switch (packet.type) {
    case 'disconnect': {
      const code = packet.reasonCode ?? 0;
      return {
        explain: {
          ref: ref('serverDisconnect', v),
          key: 'client.disconnect.by-server',
          params: { code: hex(code), name: REASON_NAMES[code] ?? '' },
        },
        reason: { key: 'client.close.by-broker', params: { name: REASON_NAMES[code] ?? hex(code) } },
      };
    }
    case 'connack':
      return protocolError(v, 0x82, ref('oneConnack', v), 'client.protocol.second-connack');
    case 'connect':
    case 'subscribe':
    case 'unsubscribe':
    case 'pingreq':
      return protocolError(v, 0x82, ref('protocolError', v), 'client.protocol.server-only-packet', { packet: packet.type.toUpperCase() });
    case 'auth':
      // We never send an Authentication Method, so the broker must not send AUTH (MQTT-4.12.0-6).
      return protocolError(v, 0x82, 'MQTT-4.12.0-6', 'client.protocol.unexpected-auth');
    case 'publish': {
      if (v !== 5) return null;
      const alias = packet.properties?.topicAlias;
      const max = ctx.options?.topicAliasMaximum ?? 0;
      // Alias 0 is not permitted: a Protocol Error, 0x82, as the codec says for the bytes (topicAliasZero).
      if (alias === 0) return protocolError(v, 0x82, ref('topicAliasZero', v), 'client.alias.zero');
      if (alias !== undefined && alias > max) {
        return protocolError(v, 0x94, ref('topicAliasAccepted', v), 'client.alias.out-of-range', { alias, max });
      }
      if (packet.topic === '' && alias === undefined) {
        return protocolError(v, 0x82, '3.3.2.1', 'client.alias.no-topic');
      }
      if (packet.topic === '' && alias !== undefined && !ctx.inboundAliases.has(alias)) {
        return protocolError(v, 0x82, ref('topicAliasUnknown', v), 'client.alias.unknown', { alias });
      }
      if (packet.qos === 2 && packet.packetId !== undefined && !ctx.incomingQos2.has(packet.packetId)) {
        const receiveMaximum = ctx.options?.receiveMaximum ?? 65535;
        if (ctx.incomingQos2.size >= receiveMaximum) {
          return protocolError(v, 0x93, ref('receiveMaximumExceeded', v), 'client.receive-maximum.exceeded', { max: receiveMaximum });
        }
      }
      return null;
    }
    default:
      return null;
  }
}

/** Before CONNACK the broker must send nothing else (MQTT-3.2.0-1). */
export function packetBeforeConnack(ctx: ClientContext, packet: Packet): Closing {
  const v = versionOf(ctx);
  return {
    explain: {
      ref: ref('connackFirst', v),
      key: 'client.protocol.before-connack',
      params: { packet: packet.type.toUpperCase() },
    },
    ...(v === 5 ? { disconnectReasonCode: 0x82 } : {}),
    reason: { key: 'client.close.packet-before-connack' },
  };
}

/** Ends the connection because of `closing`: 5.0 DISCONNECT with the reason code, then close. */
export function closeForPacket(ctx: ClientContext, closing: Closing, nowMs: number): Step {
  const b = new Builder(ctx, nowMs);
  b.explained(closing.explain);
  if (closing.disconnectReasonCode !== undefined) {
    b.send({ type: 'disconnect', reasonCode: closing.disconnectReasonCode });
  }
  b.close();
  return endConnection(b, closing.reason);
}

/** Handles a packet that does not end the connection (see `closingPacket`). */
export function handlePacket(ctx: ClientContext, packet: Packet, nowMs: number): Step {
  const b = new Builder(ctx, nowMs);
  switch (packet.type) {
    case 'publish':
      onPublish(b, packet);
      break;
    case 'pubrel':
      onPubrel(b, packet.packetId);
      break;
    case 'puback':
      onPuback(b, packet.packetId, packet.reasonCode ?? 0);
      break;
    case 'pubrec':
      onPubrec(b, packet.packetId, packet.reasonCode ?? 0);
      break;
    case 'pubcomp':
      onPubcomp(b, packet.packetId);
      break;
    case 'suback':
      onSuback(b, packet.packetId, packet.reasonCodes);
      break;
    case 'unsuback':
      onUnsuback(b, packet.packetId, packet.reasonCodes);
      break;
    case 'pingresp':
      b.explain('keepAliveSection', 'client.keepalive.pingresp-unsolicited');
      break;
    default:
      break;
  }
  return b.step();
}
