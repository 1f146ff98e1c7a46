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

/**
 * The protocol version a rule was applied under: the version of the connection the note was
 * recorded on; else of the client it names (`params.clientId`) or happens at; else `fallback`.
 * (A rule the broker applies while forwarding to a 5.0 subscriber is a 5.0 rule, even beside
 * a packet from a 3.1.1 publisher.)
 */
export function noteVersion(trace: readonly TraceEntry[], note: TraceEntry, fallback: ProtocolVersion): ProtocolVersion {
  if (note.connId !== undefined) return connectionVersion(trace, note.connId, note.seq);
  const clientId = note.explain?.params?.clientId;
  const actor = note.from === 'broker' || note.from === 'world' ? note.to : note.from;
  for (let i = Math.min(note.seq, trace.length - 1); i >= 0; i--) {
    const e = trace[i]!;
    if (e.kind === 'send' && e.packet?.type === 'connect' && ((clientId !== undefined && e.packet.clientId === clientId) || (clientId === undefined && e.from === actor))) return e.packet.protocolVersion;
  }
  return fallback;
}
