/** PUBREL from a client: the end of an incoming QoS 2 handshake (PUBCOMP). */
import { editSession, explain, getSession, send, type Conn, type Tx } from './context.ts';
import { publishApplicationMessage } from './route.ts';
import { ruleRef } from '../mqtt/rules.ts';
import { findInbound, removeInbound } from './sessions.ts';

export function handlePubrel(tx: Tx, conn: Conn, packetId: number): void {
  const v = conn.version ?? 4;
  const clientId = conn.clientId!;
  const session = getSession(tx, clientId)!;
  const message = findInbound(session.inboundQos2, packetId);
  if (!message) {
    // Answered all the same (a repeated PUBREL after a reconnect), in 5.0 with the code 3.7.2.1
    // gives an unknown id: 0x92 Packet Identifier not found (MQTT-3.7.2-1). Mosquitto sends 0.
    send(tx, conn, v === 5 ? { type: 'pubcomp', packetId, reasonCode: 0x92 } : { type: 'pubcomp', packetId });
    explain(tx, ruleRef('pubrelUnknownId', v), 'pubrel.unknown-id', { clientId, packetId });
    return;
  }
  const owned = editSession(tx, clientId)!;
  removeInbound(owned, packetId, tx.owned);
  if (tx.explaining) explain(tx, 'mosquitto:qos2-release', 'pubrel.forward', { clientId, packetId, topic: message.topic });
  publishApplicationMessage(tx, message);
  send(tx, conn, v === 5 ? { type: 'pubcomp', packetId, reasonCode: 0 } : { type: 'pubcomp', packetId });
}

