/**
 * Every packet after CONNECT, handed to its handler (as Mosquitto's `read_handle.c`):
 * handle-publish.ts, handle-pubrel.ts, handle-ack.ts (PUBACK, PUBREC, PUBCOMP of the broker's
 * own PUBLISH), handle-subscribe.ts (SUBSCRIBE, UNSUBSCRIBE), handle-disconnect.ts; PINGREQ here.
 * CONNECT is connect.ts.
 */
import type { Packet } from '../codec/types.ts';
import { countReceived, editConn, explain, send, type Conn, type Tx } from './context.ts';
import { handleConnect } from './connect.ts';
import { dropConnection } from './lifecycle.ts';
import { handleOutboundAck } from './handle-ack.ts';
import { handleDisconnect } from './handle-disconnect.ts';
import { handlePublish } from './handle-publish.ts';
import { handlePubrel } from './handle-pubrel.ts';
import { handleSubscribe, handleUnsubscribe } from './handle-subscribe.ts';
import { protocolError } from './protocol-error.ts';

export function handlePacket(tx: Tx, conn: Conn, packet: Packet): void {
  countReceived(tx, packet);
  // Unchanged within the same millisecond: then the connection is not copied (nor its map
  // set) just to write the same value. Handlers never edit `conn` in place.
  if (conn.lastPacketAtMs !== tx.nowMs) {
    conn = editConn(tx, conn.connId)!;
    conn.lastPacketAtMs = tx.nowMs;
  }

  if (conn.state === 'awaiting-connect') {
    if (packet.type === 'connect') {
      handleConnect(tx, conn, packet);
      return;
    }
    explain(tx, 'MQTT-3.1.0-1', 'connect.first-packet-not-connect', { packet: packet.type.toUpperCase() });
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
      protocolError(tx, conn, 0x82, '4.8', 'protocol.unexpected-packet', { packet: packet.type.toUpperCase() });
  }
}

