import type { ProtocolVersion } from '../../core/codec/types.ts';
import type { TraceEntry } from '../../sim/trace.ts';

/** The protocol version of a connection: from the CONNECT sent on it (3.1.1 until one is seen). */
export function connectionVersion(trace: readonly TraceEntry[], connId: string | undefined, before: number): ProtocolVersion {
  if (connId === undefined) return 4;
  for (let i = Math.min(before, trace.length - 1); i >= 0; i--) {
    const e = trace[i]!;
    if (e.kind === 'send' && e.connId === connId && e.packet?.type === 'connect') return e.packet.protocolVersion;
  }
  return 4;
}
