/** DISCONNECT from a client: the will discarded (or kept, 5.0 reason code 0x04), the session expiry updated. */
import type { DisconnectPacket } from '../codec/types.ts';
import { explain, getSession, setSession, type Conn, type Tx } from './context.ts';
import { dropConnection } from './lifecycle.ts';
import { protocolError } from './protocol-error.ts';

export function handleDisconnect(tx: Tx, conn: Conn, packet: DisconnectPacket): void {
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
