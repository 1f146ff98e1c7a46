/** PUBACK, PUBREC and PUBCOMP from a client: acknowledgements of the broker's own PUBLISH. */
import { editSession, explain, getSession, send, type Conn, type Tx } from './context.ts';
import { pump } from './deliver.ts';
import { findInflight, removeInflight, setStage } from './sessions.ts';
import { ruleRef } from '../mqtt/rules.ts';

export function handleOutboundAck(tx: Tx, conn: Conn, packetId: number, kind: 'puback' | 'pubrec' | 'pubcomp', reasonCode: number): void {
  const v = conn.version ?? 4;
  const clientId = conn.clientId!;
  const session = getSession(tx, clientId)!;
  const entry = findInflight(session.inflightOut, packetId);
  const expected = kind === 'puback' ? 'awaiting-puback' : kind === 'pubrec' ? 'awaiting-pubrec' : 'awaiting-pubcomp';
  if (!entry || entry.stage !== expected) {
    if (kind === 'pubrec') {
      // A repeated PUBREC (PUBREL already sent) gets its PUBREL again; an unknown id is answered
      // all the same, in 5.0 with the code 3.6.2.1 gives it (MQTT-3.6.2-1).
      const repeated = entry?.stage === 'awaiting-pubcomp';
      const reasonCode = repeated ? 0 : 0x92;
      send(tx, conn, v === 5 ? { type: 'pubrel', packetId, reasonCode } : { type: 'pubrel', packetId });
      if (repeated) explain(tx, ruleRef('qos2Pubrel', v), 'ack.pubrec', { clientId, packetId });
      else explain(tx, ruleRef('pubrecUnknownId', v), 'ack.pubrec-unknown', { clientId, packetId });
    } else explain(tx, '4.3', 'ack.unexpected', { clientId, packet: kind.toUpperCase(), packetId });
    return;
  }
  if (kind === 'pubrec' && reasonCode < 0x80) {
    setStage(editSession(tx, clientId)!, packetId, 'awaiting-pubcomp', tx.owned);
    send(tx, conn, v === 5 ? { type: 'pubrel', packetId, reasonCode: 0 } : { type: 'pubrel', packetId });
    if (tx.explaining) explain(tx, ruleRef('qos2Pubrel', v), 'ack.pubrec', { clientId, packetId });
    return;
  }
  removeInflight(editSession(tx, clientId)!, packetId, tx.owned);
  if (tx.explaining) {
    explain(tx, kind === 'pubrec' ? 'MQTT-4.3.3-4' : '4.3', kind === 'pubrec' ? 'ack.pubrec-failed' : 'ack.complete', {
      clientId,
      packet: kind.toUpperCase(),
      packetId,
      reasonCode,
    });
  }
  pump(tx, clientId);
}

