/**
 * The trace as text: one JSON object a line (JSON Lines), the one format for the live view's
 * feed, `npm run broker -- --record FILE`, recordings loaded into the app, and anything else
 * that moves a trace between processes (ARCHITECTURE.md: "One trace, every destination").
 *
 * A file or feed is
 *   {"format":"mqtt-lab-trace/1","source":"broker","startedAt":1765000000000}   header, first
 *   {"conn":{"id":"c1","remote":"127.0.0.1:53422","local":"127.0.0.1:1883","transport":"tcp"}}
 *   {"e":{"seq":0,"step":0,"atMs":12,"kind":"deliver","from":"sensor","to":"broker",
 *         "connId":"c1","summary":"CONNECT …","v":4,"hex":"10 0c …"}}
 * in any order after the header (a `conn` line comes before the first entry on that connection).
 *
 * An entry's `bytes` travel as `hex` with the protocol version `v` they were encoded for; the
 * reader decodes them again with the project's codec, so a packet read from a file is exactly
 * what its bytes say (a hostile file cannot smuggle in a packet its bytes do not contain).
 * An entry without bytes (an `app` delivery) carries its packet as JSON, binary fields as
 * `{"$hex":"…"}`. Reading never throws: a bad line is an error with its line number.
 *
 * Words travel as keys and values, never as sentences of one language: a note's `explain` and a
 * command's `command` are `{ key, params }` with flat params (text, numbers, booleans), so a
 * reader of an older version still reads a newer file. A decoder's verdict rides in the note's
 * params (`codecKey`, `codecDetail`, `codec.NAME`: src/core/codec/errors.ts, `codecNoteParams`)
 * beside its English `message`, a CONNACK's limits as one param each beside the English `limits`
 * (src/core/client/limits-text.ts). What older files kept only in English (a command's
 * `summary`, a decoder's `message`, the `limits` text) is read back into words where its shape is
 * one the old writer produced (command-legacy.ts, codec-error-texts.ts, limits-text.ts).
 */
import { decode } from '../core/codec/decoder.ts';
import type { Packet, ProtocolVersion } from '../core/codec/types.ts';
import { commandFromSummary } from './command-legacy.ts';
import type { TraceEntry, TraceKind } from './trace.ts';
import { readTraceBrokerConfig, type TraceBrokerConfig } from './trace-broker-config.ts';

export const TRACE_FORMAT = 'mqtt-lab-trace/1';

export interface TraceHeader {
  format: typeof TRACE_FORMAT;
  /** Who wrote it: the simulation, or a real broker (`npm run broker`). */
  source: 'simulation' | 'broker';
  /** Wall-clock time (ms since 1970) of `atMs` 0, for real traffic. */
  startedAt?: number;
  /** Free text shown to the user (the broker's listeners, the scenario's name). */
  title?: string;
  /** The real broker's configuration without passwords, for the live view's replica (src/sim/trace-broker-config.ts). */
  broker?: TraceBrokerConfig;
}

export type Transport = 'tcp' | 'tls' | 'ws' | 'wss';

/** A real connection's addresses (live and recorded traces only). */
export interface TraceConn {
  id: string;
  /** `host:port` of the client. */
  remote: string;
  /** `host:port` of the broker's listener. */
  local: string;
  transport: Transport;
  /** On a `use_identity_as_username` listener: the client certificate's common name, if one was verified. */
  identity?: { commonName?: string };
}

export type TraceLine =
  | { header: TraceHeader }
  | { conn: TraceConn }
  | { entry: TraceEntry };

/** The largest line the reader accepts (a PUBLISH of 16 MiB as hex fits; a runaway line does not). */
export const MAX_LINE = 48 * 1024 * 1024;

// ── writing ──────────────────────────────────────────────────────────────────────────────────

export function headerLine(header: Omit<TraceHeader, 'format'>): string {
  return JSON.stringify({ format: TRACE_FORMAT, ...header });
}

export function connLine(conn: TraceConn): string {
  return JSON.stringify({ conn });
}

/**
 * One entry as a line. `version` is the protocol version its bytes were encoded for (needed to
 * decode them again); without bytes it is not needed.
 */
export function entryLine(e: TraceEntry, version?: ProtocolVersion): string {
  const { bytes, packet, ...rest } = e;
  const out: Record<string, unknown> = { ...rest };
  if (bytes !== undefined && version !== undefined) {
    out.v = version;
    out.hex = toHex(bytes);
  } else if (packet !== undefined) {
    out.packet = packet;
  }
  return JSON.stringify({ e: out }, binaryReplacer);
}

/**
 * A whole trace as text: the header, each connection's `conn` line (when known) before its
 * first entry, and every entry. The protocol version of each connection's bytes is taken from
 * its CONNECT (a connection's first packet); bytes seen before any CONNECT are read as 3.1.1.
 */
export function writeTrace(entries: readonly TraceEntry[], header: Omit<TraceHeader, 'format'>, conns: readonly TraceConn[] = []): string {
  const lines = [headerLine(header)];
  const pendingConns = new Map(conns.map((c) => [c.id, c]));
  const versions = new Map<string, ProtocolVersion>();
  for (const e of entries) {
    if (e.connId !== undefined) {
      const c = pendingConns.get(e.connId);
      if (c) {
        lines.push(connLine(c));
        pendingConns.delete(e.connId);
      }
      if (e.packet?.type === 'connect') versions.set(e.connId, e.packet.protocolVersion);
    }
    lines.push(entryLine(e, e.connId !== undefined ? versions.get(e.connId) ?? 4 : undefined));
  }
  return lines.join('\n') + '\n';
}

function binaryReplacer(_key: string, value: unknown): unknown {
  return value instanceof Uint8Array ? { $hex: toHex(value) } : value;
}

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += (i ? ' ' : '') + bytes[i]!.toString(16).padStart(2, '0');
  return s;
}

// ── reading ──────────────────────────────────────────────────────────────────────────────────

export type ReadResult = { ok: true; line: TraceLine } | { ok: false; message: string };

const KINDS: ReadonlySet<TraceKind> = new Set(['send', 'deliver', 'drop', 'timer', 'state', 'command', 'check', 'note', 'app']);
const TRANSPORTS: ReadonlySet<string> = new Set(['tcp', 'tls', 'ws', 'wss']);
const PACKET_TYPES: ReadonlySet<string> = new Set([
  'connect', 'connack', 'publish', 'puback', 'pubrec', 'pubrel', 'pubcomp', 'subscribe', 'suback',
  'unsubscribe', 'unsuback', 'pingreq', 'pingresp', 'disconnect', 'auth',
]);

/** One line of a trace file or feed. Never throws. */
export function readTraceLine(text: string): ReadResult {
  if (text.length > MAX_LINE) return { ok: false, message: `line longer than ${MAX_LINE} characters` };
  let raw: unknown;
  try {
    raw = JSON.parse(text, binaryReviver);
  } catch (err) {
    return { ok: false, message: `not JSON: ${(err as Error).message}` };
  }
  if (!isObject(raw)) return { ok: false, message: 'not a JSON object' };
  if ('format' in raw) return readHeader(raw);
  if ('conn' in raw) return readConn(raw.conn);
  if ('e' in raw) return readEntry(raw.e);
  return { ok: false, message: 'neither a header, a connection nor an entry' };
}

export interface ReadTrace {
  header?: TraceHeader;
  conns: TraceConn[];
  entries: TraceEntry[];
  /** Lines that could not be read, with their 1-based line numbers. */
  errors: { line: number; message: string }[];
}

/** A whole file. Blank lines are skipped; the header must be the first line that is not blank. */
export function readTrace(text: string, maxErrors = 20): ReadTrace {
  const out: ReadTrace = { conns: [], entries: [], errors: [] };
  const lines = text.split('\n');
  let first = true;
  for (let i = 0; i < lines.length && out.errors.length < maxErrors; i++) {
    const t = lines[i]!.trim();
    if (t === '') continue;
    const r = readTraceLine(t);
    if (!r.ok) {
      out.errors.push({ line: i + 1, message: r.message });
    } else if ('header' in r.line) {
      if (!first) out.errors.push({ line: i + 1, message: 'a second header' });
      else out.header = r.line.header;
    } else if (first) {
      out.errors.push({ line: i + 1, message: `the first line is not a ${TRACE_FORMAT} header` });
    } else if ('conn' in r.line) {
      out.conns.push(r.line.conn);
    } else {
      out.entries.push(r.line.entry);
    }
    first = false;
  }
  return out;
}

function binaryReviver(_key: string, value: unknown): unknown {
  if (isObject(value) && typeof value.$hex === 'string' && Object.keys(value).length === 1) {
    return fromHex(value.$hex) ?? value;
  }
  return value;
}

function readHeader(o: Record<string, unknown>): ReadResult {
  if (o.format !== TRACE_FORMAT) return { ok: false, message: `unknown format ${JSON.stringify(o.format)} (expected ${TRACE_FORMAT})` };
  if (o.source !== 'simulation' && o.source !== 'broker') return { ok: false, message: 'header: source must be "simulation" or "broker"' };
  const header: TraceHeader = { format: TRACE_FORMAT, source: o.source };
  if (o.startedAt !== undefined) {
    if (!isFiniteNumber(o.startedAt)) return { ok: false, message: 'header: startedAt must be a number' };
    header.startedAt = o.startedAt;
  }
  if (o.title !== undefined) {
    if (typeof o.title !== 'string') return { ok: false, message: 'header: title must be text' };
    header.title = o.title.slice(0, 500);
  }
  if (o.broker !== undefined) {
    const r = readTraceBrokerConfig(o.broker);
    if (!r.ok) return r;
    header.broker = r.config;
  }
  return { ok: true, line: { header } };
}

function readConn(c: unknown): ReadResult {
  if (!isObject(c)) return { ok: false, message: 'conn: not an object' };
  for (const k of ['id', 'remote', 'local'] as const) {
    if (typeof c[k] !== 'string' || (c[k] as string).length > 300) return { ok: false, message: `conn: ${k} must be text` };
  }
  if (typeof c.transport !== 'string' || !TRANSPORTS.has(c.transport)) return { ok: false, message: 'conn: transport must be tcp, tls, ws or wss' };
  const conn: TraceConn = { id: c.id as string, remote: c.remote as string, local: c.local as string, transport: c.transport as Transport };
  if (c.identity !== undefined) {
    const cn = isObject(c.identity) ? c.identity.commonName : null;
    if (cn !== undefined && (typeof cn !== 'string' || cn.length > 300)) return { ok: false, message: 'conn: identity must be {"commonName": text} or {}' };
    conn.identity = cn !== undefined ? { commonName: cn } : {};
  }
  return { ok: true, line: { conn } };
}

function readEntry(e: unknown): ReadResult {
  if (!isObject(e)) return { ok: false, message: 'entry: not an object' };
  for (const k of ['seq', 'step', 'atMs'] as const) {
    if (!isFiniteNumber(e[k]) || (e[k] as number) < 0) return { ok: false, message: `entry: ${k} must be a number ≥ 0` };
  }
  if (typeof e.kind !== 'string' || !KINDS.has(e.kind as TraceKind)) return { ok: false, message: `entry: unknown kind ${JSON.stringify(e.kind)}` };
  if (typeof e.from !== 'string') return { ok: false, message: 'entry: from must be text' };
  for (const k of ['to', 'connId', 'summary'] as const) {
    if (e[k] !== undefined && typeof e[k] !== 'string') return { ok: false, message: `entry: ${k} must be text` };
  }
  if (e.sendSeq !== undefined && !isFiniteNumber(e.sendSeq)) return { ok: false, message: 'entry: sendSeq must be a number' };
  const entry: TraceEntry = { seq: e.seq as number, step: e.step as number, atMs: e.atMs as number, kind: e.kind as TraceKind, from: e.from };
  if (e.to !== undefined) entry.to = e.to as string;
  if (e.connId !== undefined) entry.connId = e.connId as string;
  if (e.summary !== undefined) entry.summary = e.summary as string;
  if (e.sendSeq !== undefined) entry.sendSeq = e.sendSeq as number;
  if (e.state !== undefined) {
    if (!isObject(e.state)) return { ok: false, message: 'entry: state must be an object' };
    entry.state = { value: e.state.value, view: e.state.view };
  }
  if (e.explain !== undefined) {
    const x = e.explain;
    if (!isObject(x) || typeof x.ref !== 'string' || typeof x.key !== 'string') return { ok: false, message: 'entry: explain needs ref and key' };
    if (x.params !== undefined && !isFlatParams(x.params)) return { ok: false, message: 'entry: explain params must be text, numbers or booleans' };
    entry.explain = { ref: x.ref, key: x.key, ...(x.params !== undefined ? { params: x.params as Record<string, string | number | boolean> } : {}) };
  }
  if (e.command === undefined && entry.kind === 'command' && entry.summary !== undefined) {
    // Older files have a command's English `summary` only: its words where the wording is one
    // the old writer produced (command-legacy.ts), so it reads in either language; else the
    // summary, shown as it is.
    const words = commandFromSummary(entry.summary, entry.to);
    if (words !== undefined) {
      entry.command = words;
      delete entry.summary;
    }
  }
  if (e.command !== undefined) {
    const c = e.command;
    if (!isObject(c) || typeof c.key !== 'string') return { ok: false, message: 'entry: command needs a key' };
    if (c.params !== undefined && !isFlatParams(c.params)) return { ok: false, message: 'entry: command params must be text, numbers or booleans' };
    entry.command = { key: c.key, ...(c.params !== undefined ? { params: c.params as Record<string, string | number | boolean> } : {}) };
  }
  if (e.hex !== undefined) {
    if (e.v !== 4 && e.v !== 5) return { ok: false, message: 'entry: bytes (hex) need the protocol version v (4 or 5)' };
    if (typeof e.hex !== 'string') return { ok: false, message: 'entry: hex must be text' };
    const bytes = fromHex(e.hex);
    if (bytes === undefined) return { ok: false, message: 'entry: hex is not pairs of hex digits' };
    entry.bytes = bytes;
    // The packet is what the bytes say; bytes that do not decode stay bytes (a malformed
    // packet is worth showing), with no packet.
    const d = decode(bytes, e.v);
    if (d.kind === 'packet') entry.packet = d.packet;
  } else if (e.packet !== undefined) {
    if (!isObject(e.packet) || typeof e.packet.type !== 'string' || !PACKET_TYPES.has(e.packet.type)) {
      return { ok: false, message: 'entry: packet has no known type' };
    }
    entry.packet = e.packet as unknown as Packet;
  }
  return { ok: true, line: { entry } };
}

function fromHex(s: string): Uint8Array | undefined {
  const digits = s.replace(/\s+/g, '');
  if (digits.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(digits)) return undefined;
  const out = new Uint8Array(digits.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(digits.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function isFlatParams(v: unknown): boolean {
  return isObject(v) && Object.values(v).every((x) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean');
}

// ── secrets ──────────────────────────────────────────────────────────────────────────────────

/** The byte a masked password is made of (`*`). */
const MASK_BYTE = 0x2a;

/**
 * The entry with a CONNECT's password masked: its bytes and its decoded packet both carry `*`
 * of the same length, so the frame still decodes to what the packet says (the password is the
 * last field of a CONNECT, MQTT-3.1.3-1, so it is the frame's last bytes). Any other entry is
 * returned as it is. For recordings and the live feed (`--show-secrets` skips it).
 */
export function maskSecrets(e: TraceEntry): TraceEntry {
  const p = e.packet;
  if (p?.type !== 'connect' || p.password === undefined) return e;
  const stars = new Uint8Array(p.password.length).fill(MASK_BYTE);
  const masked: TraceEntry = { ...e, packet: { ...p, password: stars } };
  if (e.bytes !== undefined && e.bytes.length >= stars.length) {
    const bytes = e.bytes.slice();
    bytes.set(stars, bytes.length - stars.length);
    masked.bytes = bytes;
  }
  return masked;
}
