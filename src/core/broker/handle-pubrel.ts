/** PUBREL from a client: the end of an incoming QoS 2 handshake (PUBCOMP). */
import { editSession, explain, getSession, send, type Conn, type Tx } from './context.ts';
import { publishApplicationMessage } from './deliver.ts';
import { ruleRef } from '../mqtt/rules.ts';
import { findInbound, removeInbound } from './sessions.ts';

export function handlePubrel(tx: Tx, conn: Conn, packetId: number): void {
  const v = conn.version ?? 4;
  const clientId = conn.clientId!;
  const session = getSession(tx, clientId)!;
  const message = findInbound(session.inboundQos2, packetId);
  if (!message) {
    // Mosquitto (handle_pubrel.c) still answers with PUBCOMP "because this could be due to a
    // repeated PUBREL after a client has reconnected", with reason 0: 5.0 would allow 0x92
    // (Packet Identifier not found) but does not require it (3.7.2.1).
    send(tx, conn, v === 5 ? { type: 'pubcomp', packetId, reasonCode: 0 } : { type: 'pubcomp', packetId });
    explain(tx, ruleRef('pubrelUnknownId', v), 'pubrel.unknown-id', { clientId, packetId });
    return;
  }
  const owned = editSession(tx, clientId)!;
  removeInbound(owned, packetId, tx.owned);
  if (tx.explaining) explain(tx, 'mosquitto:qos2-release', 'pubrel.forward', { clientId, packetId, topic: message.topic });
  publishApplicationMessage(tx, message);
  send(tx, conn, v === 5 ? { type: 'pubcomp', packetId, reasonCode: 0 } : { type: 'pubcomp', packetId });
}

