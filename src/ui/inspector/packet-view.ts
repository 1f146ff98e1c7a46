/**
 * What the packet inspector needs for a selected trace entry, resolved from the trace alone:
 * the packet's bytes (a `drop` at arrival has none: they come from its `send` entry), the
 * protocol version they were encoded with (the connection's CONNECT), the annotated fields,
 * and the explanations recorded in the steps that sent and received it.
 */
import { annotate } from '../../core/codec/annotate.ts';
import type { AnnotatedField, AnnotatedPacket, ProtocolVersion } from '../../core/codec/types.ts';
import { DEMO_MASKING_KEY, frameOf } from '../../lessons/widgets/websocket-frame.ts';
import type { TraceEntry } from '../../sim/trace.ts';
import { BROKER_NAME } from '../stage/node-state.ts';
import { connectionVersion } from './connection-version.ts';

export interface PacketView {
  entry: TraceEntry;
  send: TraceEntry | undefined;
  /** The deliver or drop entry that ended the packet's flight, if it happened yet. */
  arrival: TraceEntry | undefined;
  bytes: Uint8Array;
  version: ProtocolVersion;
  annotated: AnnotatedPacket;
  /** Notes of the step that sent it, and of the step that delivered it. */
  sentNotes: TraceEntry[];
  arrivedNotes: TraceEntry[];
}

function notesOfStep(trace: readonly TraceEntry[], around: TraceEntry, actor?: string): TraceEntry[] {
  const out: TraceEntry[] = [];
  // Entries of one step are contiguous: walk out from the entry in both directions.
  for (let i = around.seq; i >= 0 && trace[i]?.step === around.step; i--) if (trace[i]!.kind === 'note') out.unshift(trace[i]!);
  for (let i = around.seq + 1; i < trace.length && trace[i]!.step === around.step; i++) if (trace[i]!.kind === 'note') out.push(trace[i]!);
  return actor === undefined ? out : out.filter((n) => n.from === actor);
}

/** The packet behind a send, deliver or drop entry; undefined for other entries. */
export function packetView(trace: readonly TraceEntry[], entry: TraceEntry): PacketView | undefined {
  if (entry.kind !== 'send' && entry.kind !== 'deliver' && entry.kind !== 'drop') return undefined;
  const send = entry.kind === 'send' ? entry : entry.sendSeq !== undefined ? trace[entry.sendSeq] : undefined;
  const bytes = entry.bytes ?? send?.bytes;
  if (!bytes) return undefined;
  let arrival: TraceEntry | undefined = entry.kind === 'send' ? undefined : entry;
  if (!arrival && send) {
    for (let i = send.seq + 1; i < trace.length; i++) {
      const e = trace[i]!;
      if ((e.kind === 'deliver' || e.kind === 'drop') && e.sendSeq === send.seq) {
        arrival = e;
        break;
      }
    }
  }
  const packet = entry.packet ?? send?.packet;
  const version: ProtocolVersion = packet?.type === 'connect' ? packet.protocolVersion : connectionVersion(trace, entry.connId ?? send?.connId, entry.seq);
  return {
    entry,
    send,
    arrival,
    bytes,
    version,
    annotated: annotate(bytes, version),
    sentNotes: send ? notesOfStep(trace, send, send.from) : [],
    arrivedNotes: arrival?.kind === 'deliver' ? notesOfStep(trace, arrival, arrival.to) : [],
  };
}

/**
 * The same packet as it would travel over a WebSocket (MQTT section 6, RFC 6455): one binary
 * frame around the MQTT bytes. A client's frame is masked with the fixed demo key, the broker's
 * is not. `fields` are the frame header's, and the payload field holds the MQTT fields, moved to
 * where the packet's bytes sit inside the frame (masked or not, byte i is still byte i).
 */
export interface WebSocketView {
  bytes: Uint8Array;
  fields: AnnotatedField[];
  /** Client to broker: masked with `maskingKey`. */
  masked: boolean;
  maskingKey: Uint8Array;
  /** Header bytes before the MQTT packet (2 to 14). */
  headerBytes: number;
}

function shifted(fields: readonly AnnotatedField[], by: number): AnnotatedField[] {
  return fields.map((f) => ({ ...f, start: f.start + by, end: f.end + by, ...(f.children ? { children: shifted(f.children, by) } : {}) }));
}

export function websocketView(view: PacketView): WebSocketView {
  const masked = (view.send ?? view.entry).from !== BROKER_NAME;
  const frame = frameOf(view.bytes, masked ? DEMO_MASKING_KEY : undefined);
  const headerBytes = frame.overheadBytes;
  const fields = frame.fields.map((f) => (f.start === headerBytes ? { ...f, children: shifted(view.annotated.fields, headerBytes) } : f));
  return { bytes: frame.bytes, fields, masked, maskingKey: DEMO_MASKING_KEY, headerBytes };
}

/** A field, its parent and its depth, for a table that shows the tree flat. */
export interface FlatField {
  field: AnnotatedField;
  parent: AnnotatedField | undefined;
  depth: number;
  id: string;
}

export function flattenFields(fields: readonly AnnotatedField[], depth = 0, prefix = '', parent?: AnnotatedField): FlatField[] {
  const out: FlatField[] = [];
  fields.forEach((field, i) => {
    const id = `${prefix}${i}`;
    out.push({ field, parent, depth, id });
    if (field.children) out.push(...flattenFields(field.children, depth + 1, `${id}.`, field));
  });
  return out;
}

/** The deepest byte field (not a flag bit) that covers byte `offset`. */
export function fieldAt(flat: readonly FlatField[], offset: number): FlatField | undefined {
  let best: FlatField | undefined;
  for (const f of flat) {
    if (f.field.bits !== undefined) continue;
    if (offset >= f.field.start && offset < f.field.end && (!best || f.depth >= best.depth)) best = f;
  }
  return best;
}

/** Printable ASCII for the hex dump's text column. */
export function asciiOf(byte: number): string {
  return byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '·';
}

/** How the inspector shows a PUBLISH payload: as text, or as hex bytes when it is not text. */
export type PayloadShown = { kind: 'text'; text: string } | { kind: 'bytes'; count: number; hex: string };

/** A control character other than tab and line breaks (C0, DEL, C1): a payload with one is not shown as text. */
function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || (c >= 0x7f && c <= 0x9f)) return true;
  }
  return false;
}
/** Bytes shown in the "not text" line; the hex dump below has them all. */
const SHOWN_BYTES = 64;

/**
 * A payload as text when it is valid UTF-8 without control characters; otherwise its byte count
 * and its first bytes in hex (`00 ff 1a`), so no U+FFFD replacement characters stand for bytes.
 */
export function payloadShown(payload: Uint8Array): PayloadShown {
  let text: string | undefined;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(payload);
  } catch {
    text = undefined;
  }
  if (text !== undefined && !hasControl(text)) return { kind: 'text', text };
  const hex = Array.from(payload.subarray(0, SHOWN_BYTES), (b) => b.toString(16).padStart(2, '0')).join(' ');
  return { kind: 'bytes', count: payload.length, hex: payload.length > SHOWN_BYTES ? `${hex} …` : hex };
}
