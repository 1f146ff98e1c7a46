/** A protocol error closes the connection: explained, 5.0 DISCONNECT with its reason code, will published. */
import { explain, type Conn, type ExplainParams, type Tx } from './context.ts';
import { dropConnection } from './lifecycle.ts';
import type { RuleRef } from '../mqtt/spec.ts';
import type { BrokerMessageKey } from './messages.ts';
import { controlCharIndex } from './mosquitto-limits.ts';

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
