/**
 * A compact store for a whole trace (issue 21 §2: 10,000 sensors for 60 s, 15 million entries,
 * in well under a gigabyte). `push` takes `TraceEntry` objects; a world's steps write their
 * frequent entries as fields instead (`send`, `deliver`, ...: the `TraceWriter` of step.ts, with
 * no entry object), keeping exactly what `push` of the same entry keeps; `at`,
 * iteration and `slice` give them back, built anew on each read and deep-equal to what was
 * pushed, their fields in TraceEntry's order (tests/sim/trace-log.test.ts compares whole
 * scenario runs entry by entry, as JSON too).
 *
 * Theory of operation. An entry is kept as three numbers in typed-array columns
 * (trace-columns.ts): `meta` (its kind and how each field is kept), `route` (its from, to and
 * connection, kept once per combination: trace-routes.ts) and `a`, whose meaning `meta` gives.
 * Its seq, step and time are kept as runs (trace-positions.ts).
 * - Packet bytes go into a byte arena; `a` is their address. A `deliver` (or `drop`) whose bytes
 *   are its send's keeps no copy: `a` then says how far back the send is (its `sendSeq`).
 * - A packet is not kept at all when its bytes hold it: it is decoded again from them on read,
 *   with the protocol version of its connection (the CONNECT seen on it: trace-packet-check.ts). A sent packet is
 *   decoded once when pushed to make sure (a sender's packet may differ from its decoded form);
 *   a delivered one was decoded from those bytes by its receiver. An `app` entry's packet is
 *   the one its `deliver` decoded: it points at the same bytes.
 * - A summary that is the packet's own (`summarize`) is computed again on read; a timer's or a
 *   command's is a kept string (`a`).
 * - A note's explain is a template and a few integers (trace-explain-store.ts; `a`).
 * - A command's words are kept once per distinct object (`a`): the world shares one frozen
 *   object per command kind without values (a fleet's every publish command).
 * - Whatever does not fit (a state, a second use for `a`, a packet its bytes do not give back,
 *   bytes of a raw send split into segments, ...) is kept as it is in a side table: rare.
 * Nothing is cached on read but the last entry read, so a reader that keeps entries pays for
 * them itself; one that walks the trace (iteration, `slice`) reads runs in order.
 */
import { decode, summarize } from '../core/codec/index.ts';
import type { Packet, ProtocolVersion } from '../core/codec/types.ts';
import type { Explain } from '../core/mqtt/actor-contract.ts';
import { ARENA_MAX, ByteArena, Column, IntArena, Names } from './trace-columns.ts';
import { ExplainStore } from './trace-explain-store.ts';
import { ConnVersions, decodesTo, READ_LIMITS, sameValue } from './trace-packet-check.ts';
import { EntryPositions } from './trace-positions.ts';
import { Routes } from './trace-routes.ts';
import type { TraceWriter } from './step.ts';
import type { TraceEntry, TraceKind } from './trace.ts';

const KINDS: readonly TraceKind[] = ['send', 'deliver', 'drop', 'timer', 'state', 'command', 'check', 'note', 'app'];
const KIND_CODES = new Map<string, number>(KINDS.map((k, i) => [k, i]));
const KIND_SEND = 0;
const KIND_DELIVER = 1;
const KIND_TIMER = 3;
const KIND_COMMAND = 5;
const KIND_NOTE = 7;
const KIND_APP = 8;
/** A kind this version does not know (read from a newer file): kept in the side table. */
const OTHER_KIND = 15;

// `meta` bits.
const KIND_MASK = 0xf;
/** Bytes at the arena address `a`. */
const BYTES_ARENA = 1 << 4;
/** Bytes of the entry `a` places before this one (which keeps them in the arena). */
const BYTES_OF_EARLIER = 2 << 4;
const BYTES_SOURCE = 3 << 4;
/** The entry has a `bytes` field (else its bytes only give its packet). */
const HAS_BYTES = 1 << 6;
/** `sendSeq` is the seq of the entry whose bytes these are (with BYTES_OF_EARLIER). */
const SEND_SEQ_OF_EARLIER = 1 << 7;
const PACKET_FROM_BYTES = 1 << 8;
/** The bytes are MQTT 5.0 (else 3.1.1). */
const V5 = 1 << 9;
const SUMMARY_OF_PACKET = 1 << 10;
/** The summary is the kept string numbered `a`. */
const SUMMARY_NAMED = 2 << 10;
const SUMMARY_SOURCE = 3 << 10;
/** The explain is kept at the integer-arena address `a`. */
const EXPLAIN_COMPACT = 1 << 12;
/** Some fields are in the side table. */
const SIDE = 1 << 13;
/** PACKET_FROM_BYTES still to be confirmed (`#pending`): resolved before the entry is read. */
const PENDING = 1 << 14;
/** The command's words are the kept words numbered `a` (`#commands`). */
const COMMAND_KEPT = 1 << 15;

/** What the side table keeps of an entry: the fields the columns could not. */
interface Side {
  kind?: string;
  packet?: Packet;
  bytes?: Uint8Array;
  summary?: string;
  sendSeq?: number;
  state?: TraceEntry['state'];
  explain?: Explain;
  command?: TraceEntry['command'];
}

/** Recent sends' summaries and unconfirmed packets by index (their deliveries look them up). */
const RING_BITS = 16;
const RING_MASK = (1 << RING_BITS) - 1;

/** A trace kept compactly; reads like a read-only array of `TraceEntry`. */
export class TraceLog implements Iterable<TraceEntry>, TraceWriter {
  readonly #meta = new Column((n) => new Uint16Array(n));
  readonly #commands: NonNullable<TraceEntry['command']>[] = [];
  readonly #commandIds = new Map<object, number>();
  readonly #a = new Column((n) => new Uint32Array(n));
  readonly #positions = new EntryPositions();
  readonly #names = new Names();
  readonly #routes = new Routes(this.#names);
  readonly #bytes = new ByteArena();
  readonly #ints = new IntArena();
  readonly #explains = new ExplainStore(this.#names, this.#ints);
  readonly #side = new Map<number, Side>();
  readonly #connVersions = new ConnVersions();
  // The packet last kept as decodable from its bytes, for the entries that follow with it.
  #memoPacket: Packet | undefined = undefined;
  #memoAddress = 0;
  #memoV5 = false;
  /** The index of the entry that keeps the memo's bytes in the arena itself, or -1. */
  #memoOwner = -1;
  #memoSummary: string | undefined = undefined;
  readonly #ringIndex = new Float64Array(1 << RING_BITS).fill(-1);
  readonly #ringSummary: Array<string | undefined> = new Array<string | undefined>(1 << RING_BITS);
  /** The bytes objects of those sends: a delivery of the very same object is theirs (`deliver`). */
  readonly #ringBytes: Array<Uint8Array | undefined> = new Array<Uint8Array | undefined>(1 << RING_BITS);
  /** Sent packets kept as their bytes before a check (PENDING), by index: index and packet. */
  readonly #pendingIndex = new Float64Array(1 << RING_BITS).fill(-1);
  readonly #pendingPacket: Array<Packet | undefined> = new Array<Packet | undefined>(1 << RING_BITS);
  // Reading.
  #cachedIndex = -1;
  #cached: TraceEntry | undefined = undefined;

  constructor(entries?: Iterable<TraceEntry>) {
    if (entries) for (const e of entries) this.push(e);
  }

  get length(): number {
    return this.#meta.length;
  }

  // ── writing ──

  /** Keep `entry` at the end; returns the new length. The entry object itself is not kept. */
  push(entry: TraceEntry): number {
    const i = this.#begin(entry.seq, entry.step, entry.atMs);
    const kindCode = KIND_CODES.get(entry.kind) ?? OTHER_KIND;
    let meta = kindCode;
    let a = 0;
    let aUsed = false;
    let side: Side | undefined;
    if (kindCode === OTHER_KIND) side = { kind: entry.kind };
    const conn = this.#routes.push(entry.from, entry.to, entry.connId);
    const { packet, bytes, summary, sendSeq } = entry;
    // Bytes: shared with the send, or kept in the arena.
    let address = -1;
    let owner = -1;
    if (bytes !== undefined) {
      meta |= HAS_BYTES;
      if (sendSeq !== undefined) {
        const si = this.#positions.indexOfSeq(sendSeq, this.#meta.length);
        if (si >= 0 && si < i && (this.#meta.get(si) & BYTES_SOURCE) === BYTES_ARENA && this.#bytes.holds(this.#a.get(si), bytes)) {
          meta |= BYTES_OF_EARLIER | SEND_SEQ_OF_EARLIER;
          a = i - si;
          address = this.#a.get(si);
          owner = si;
        }
      }
      if (address < 0 && bytes.length <= ARENA_MAX) {
        meta |= BYTES_ARENA;
        a = address = this.#bytes.write(bytes);
        owner = i;
      }
      if (address < 0) (side ??= {}).bytes = bytes;
      else aUsed = true;
    }
    // The packet: decoded again from bytes, when they give it.
    let derived = false;
    if (packet !== undefined) {
      // (A packet not yet confirmed is checked first: it may be kept as it is after all.)
      if (packet === this.#memoPacket && this.#memoOwner >= 0 && this.#meta.get(this.#memoOwner) & PENDING) this.#confirm(this.#memoOwner, undefined);
      if (packet === this.#memoPacket && (address < 0 || address === this.#memoAddress)) {
        if (address < 0) {
          const memoOwner = this.#memoOwner;
          if (sendSeq !== undefined && memoOwner >= 0 && this.#positions.seqAt(memoOwner) === sendSeq) {
            meta |= BYTES_OF_EARLIER | SEND_SEQ_OF_EARLIER;
            a = i - memoOwner;
          } else {
            meta |= BYTES_ARENA;
            a = this.#memoAddress;
          }
          aUsed = true;
        }
        meta |= PACKET_FROM_BYTES | (this.#memoV5 ? V5 : 0);
        derived = summary !== undefined && summary === this.#memoSummary;
      } else if (address >= 0) {
        const delivered = (meta & BYTES_SOURCE) === BYTES_OF_EARLIER;
        const version = this.#connVersions.versionOf(conn, packet, bytes!, delivered);
        if (delivered && version !== 0 && this.#meta.get(owner) & PENDING) this.#confirm(owner, packet);
        if (version === 'pending') {
          // A packet sent on a connection of known version: its delivery confirms it (`#confirm`).
          const slot = i & RING_MASK;
          if (this.#pendingIndex[slot]! >= 0) this.#confirm(this.#pendingIndex[slot]!, undefined);
          this.#pendingIndex[slot] = i;
          this.#pendingPacket[slot] = packet;
          const v5 = this.#connVersions.get(conn) === 5;
          meta |= PACKET_FROM_BYTES | PENDING | (v5 ? V5 : 0);
          if (summary !== undefined) derived = this.#isOwnSummary(meta, i - a, packet, summary);
          this.#memoPacket = packet;
          this.#memoAddress = address;
          this.#memoV5 = v5;
          this.#memoOwner = owner;
          this.#memoSummary = derived ? summary : undefined;
        } else if (version !== 0) {
          meta |= PACKET_FROM_BYTES | (version === 5 ? V5 : 0);
          if (summary !== undefined) derived = this.#isOwnSummary(meta, i - a, packet, summary);
          this.#memoPacket = packet;
          this.#memoAddress = address;
          this.#memoV5 = version === 5;
          this.#memoOwner = owner;
          this.#memoSummary = derived ? summary : undefined;
        } else (side ??= {}).packet = packet;
      } else (side ??= {}).packet = packet;
      if (!(meta & PACKET_FROM_BYTES) && summary !== undefined) derived = summarize(packet) === summary;
    }
    if (summary !== undefined) {
      if (derived) {
        meta |= SUMMARY_OF_PACKET;
        if ((meta & BYTES_SOURCE) === BYTES_ARENA && meta & HAS_BYTES) {
          const slot = i & RING_MASK;
          this.#ringIndex[slot] = i;
          this.#ringSummary[slot] = summary;
          this.#ringBytes[slot] = bytes;
        }
      } else if (!aUsed) {
        meta |= SUMMARY_NAMED;
        a = this.#names.id(summary);
        aUsed = true;
      } else (side ??= {}).summary = summary;
    }
    if (sendSeq !== undefined && !(meta & SEND_SEQ_OF_EARLIER)) (side ??= {}).sendSeq = sendSeq;
    if (entry.state !== undefined) (side ??= {}).state = entry.state;
    if (entry.command !== undefined) {
      if (aUsed) (side ??= {}).command = entry.command;
      else {
        meta |= COMMAND_KEPT;
        a = this.#commandId(entry.command);
        aUsed = true;
      }
    }
    if (entry.explain !== undefined) {
      const at = aUsed ? -1 : this.#explains.put(entry.explain);
      if (at >= 0) {
        meta |= EXPLAIN_COMPACT;
        a = at;
      } else (side ??= {}).explain = entry.explain;
    }
    if (side !== undefined) {
      meta |= SIDE;
      this.#side.set(i, side);
    }
    this.#meta.push(meta);
    this.#a.push(a);
    return this.#meta.length;
  }

  // ── writing directly (TraceWriter, step.ts): the frequent entries a world's step makes ──
  // Each keeps exactly what `push` of the same entry would keep, without the entry object and
  // without checking what the world made itself: a send's bytes are `encode(packet, version)`
  // and its summary `summarize(packet)`; a delivery's packet was decoded from its bytes with
  // `version`. What the world does not vouch for by construction is still settled as `push`
  // settles it: a sent packet is compared with the one its receiver decoded (`#confirm`). An
  // entry that fits none of these shapes goes through `push` (tests/sim/trace-log.test.ts
  // compares both ways on every example and lesson solution).

  /** A `send` entry the world made (step.ts `recordSend`). */
  send(seq: number, step: number, atMs: number, from: string, to: string, connId: string | undefined, packet: Packet, bytes: Uint8Array, summary: string, version: ProtocolVersion): void {
    if (bytes.length > ARENA_MAX) {
      this.push({ seq, step, atMs, kind: 'send', from, to, connId, packet, bytes, summary });
      return;
    }
    const i = this.#begin(seq, step, atMs);
    const conn = this.#routes.push(from, to, connId);
    if (packet.type === 'connect') this.#connVersions.connectOn(conn, packet.protocolVersion);
    const address = this.#bytes.write(bytes);
    const v5 = version === 5;
    // Kept as its bytes until its delivery (or a read) confirms that they give it back.
    const slot = i & RING_MASK;
    if (this.#pendingIndex[slot]! >= 0) this.#confirm(this.#pendingIndex[slot]!, undefined);
    this.#pendingIndex[slot] = i;
    this.#pendingPacket[slot] = packet;
    this.#ringIndex[slot] = i;
    this.#ringSummary[slot] = summary;
    this.#ringBytes[slot] = bytes;
    this.#memoPacket = packet;
    this.#memoAddress = address;
    this.#memoV5 = v5;
    this.#memoOwner = i;
    this.#memoSummary = summary;
    this.#meta.push(KIND_SEND | HAS_BYTES | BYTES_ARENA | PACKET_FROM_BYTES | PENDING | SUMMARY_OF_PACKET | (v5 ? V5 : 0));
    this.#a.push(address);
  }

  /**
   * A `deliver` entry the world made (step.ts `recordDeliver`): `packet` decoded from `bytes`
   * with `version` by its receiver, `bytes` the very object its send (`sendSeq`) kept, and
   * `summary` that send's.
   */
  deliver(seq: number, step: number, atMs: number, from: string, to: string, connId: string, packet: Packet, bytes: Uint8Array, summary: string, sendSeq: number, version: ProtocolVersion): void {
    const si = this.#positions.indexOfSeq(sendSeq, this.#meta.length);
    const slot = si & RING_MASK;
    const v5 = version === 5 ? V5 : 0;
    let fits = si >= 0 && this.#ringIndex[slot] === si && this.#ringBytes[slot] === bytes && this.#ringSummary[slot] === summary;
    if (fits) {
      if (this.#meta.get(si) & PENDING) this.#confirm(si, packet);
      // The send's packet decodes from the same bytes with the same version: its summary is this packet's.
      fits = (this.#meta.get(si) & (PACKET_FROM_BYTES | V5)) === (PACKET_FROM_BYTES | v5) || summarize(packet) === summary;
    }
    if (!fits) {
      this.push({ seq, step, atMs, kind: 'deliver', from, to, connId, packet, bytes, summary, sendSeq });
      return;
    }
    // Delivered once: the ring no longer holds the send's summary and bytes alive.
    this.#ringSummary[slot] = undefined;
    this.#ringBytes[slot] = undefined;
    this.#ringIndex[slot] = -1;
    const i = this.#begin(seq, step, atMs);
    this.#routes.push(from, to, connId);
    this.#memoPacket = packet;
    this.#memoAddress = this.#a.get(si);
    this.#memoV5 = v5 !== 0;
    this.#memoOwner = si;
    this.#memoSummary = summary;
    this.#meta.push(KIND_DELIVER | HAS_BYTES | BYTES_OF_EARLIER | SEND_SEQ_OF_EARLIER | PACKET_FROM_BYTES | SUMMARY_OF_PACKET | v5);
    this.#a.push(i - si);
  }

  /** An `app` entry the world made (step.ts `recordApp`): usually the packet just delivered. */
  app(seq: number, step: number, atMs: number, actor: string, packet: Packet, summary: string): void {
    const owner = this.#memoOwner;
    if (packet !== this.#memoPacket || summary !== this.#memoSummary || (owner >= 0 && this.#meta.get(owner) & PENDING)) {
      this.push({ seq, step, atMs, kind: 'app', from: actor, to: actor, packet, summary });
      return;
    }
    this.#begin(seq, step, atMs);
    this.#routes.push(actor, actor, undefined);
    this.#meta.push(KIND_APP | BYTES_ARENA | PACKET_FROM_BYTES | SUMMARY_OF_PACKET | (this.#memoV5 ? V5 : 0));
    this.#a.push(this.#memoAddress);
  }

  /** A `note` the world made (step.ts `recordNote`): a rule `from` applied. */
  note(seq: number, step: number, atMs: number, from: string, explain: Explain): void {
    const at = this.#explains.put(explain);
    if (at < 0) {
      this.push({ seq, step, atMs, kind: 'note', from, explain });
      return;
    }
    this.#begin(seq, step, atMs);
    this.#routes.push(from, undefined, undefined);
    this.#meta.push(KIND_NOTE | EXPLAIN_COMPACT);
    this.#a.push(at);
  }

  /** A `timer` entry the world made (step.ts `recordEvent`). */
  timer(seq: number, step: number, atMs: number, actor: string, summary: string): void {
    this.#begin(seq, step, atMs);
    this.#routes.push(actor, actor, undefined);
    this.#meta.push(KIND_TIMER | SUMMARY_NAMED);
    this.#a.push(this.#names.id(summary));
  }

  /** A `command` entry the world made (step.ts `recordCommand`): its words, for the actor `to`. */
  command(seq: number, step: number, atMs: number, to: string, command: NonNullable<TraceEntry['command']>): void {
    this.#begin(seq, step, atMs);
    this.#routes.push('world', to, undefined);
    this.#meta.push(KIND_COMMAND | COMMAND_KEPT);
    this.#a.push(this.#commandId(command));
  }

  /** The number of a command's words, kept once per distinct object. */
  #commandId(command: NonNullable<TraceEntry['command']>): number {
    let id = this.#commandIds.get(command);
    if (id === undefined) {
      id = this.#commands.length;
      this.#commands.push(command);
      this.#commandIds.set(command, id);
    }
    return id;
  }

  /** Start entry `seq` of `step` at `atMs`: its step, time and seq runs; returns its index. */
  #begin(seq: number, step: number, atMs: number): number {
    const i = this.#meta.length;
    this.#positions.add(i, seq, step, atMs);
    return i;
  }

  /**
   * Settle the PENDING packet of entry `i`: the packet its receiver decoded from the same bytes
   * (`decoded`) is the very same, or decoding the bytes gives it; else it is kept as it is.
   */
  #confirm(i: number, decoded: Packet | undefined): void {
    const slot = i & RING_MASK;
    if (this.#pendingIndex[slot] !== i) throw new Error(`trace log: entry ${i} has no packet waiting`);
    const packet = this.#pendingPacket[slot]!;
    this.#pendingIndex[slot] = -1;
    this.#pendingPacket[slot] = undefined;
    let meta = this.#meta.get(i) & ~PENDING;
    const same = decoded !== undefined && sameValue(packet, decoded);
    if (!same && !decodesTo(this.#bytes.view(this.#a.get(i)), meta & V5 ? 5 : 4, packet)) {
      meta = (meta & ~PACKET_FROM_BYTES) | SIDE;
      const side = this.#side.get(i);
      if (side !== undefined) side.packet = packet;
      else this.#side.set(i, { packet });
      if (this.#memoPacket === packet) this.#memoPacket = undefined;
    }
    this.#meta.set(i, meta);
  }

  /**
   * Is `summary` what `summarize(packet)` gives? Known without summarizing for a send's
   * delivery: the same bytes, the summary its send had (`earlier`: that send's index).
   */
  #isOwnSummary(meta: number, earlier: number, packet: Packet, summary: string): boolean {
    if ((meta & BYTES_SOURCE) === BYTES_OF_EARLIER) {
      const slot = earlier & RING_MASK;
      if (this.#ringIndex[slot] === earlier && this.#ringSummary[slot] === summary) return true;
    }
    return summarize(packet) === summary;
  }

  // ── reading ──

  /** The entry at `index` (negative: from the end), built anew; undefined outside the log. */
  at(index: number): TraceEntry | undefined {
    const length = this.#meta.length;
    const i = index < 0 ? index + length : index;
    if (!(i >= 0 && i < length) || !Number.isInteger(i)) return undefined;
    if (i === this.#cachedIndex) return this.#cached;
    if (this.#meta.get(i) & PENDING) this.#confirm(i, undefined);
    const entry = this.#read(i);
    this.#cachedIndex = i;
    this.#cached = entry;
    return entry;
  }

  /** The kind of the entry at `index` (0 ≤ index < length), without building the entry. */
  kindAt(index: number): TraceKind {
    const code = this.#meta.get(index) & KIND_MASK;
    return code === OTHER_KIND ? (this.#side.get(index)!.kind as TraceKind) : KINDS[code]!;
  }

  /** Entries from `start` to before `end`, as `Array.prototype.slice` takes them. */
  slice(start = 0, end = this.#meta.length): TraceEntry[] {
    const length = this.#meta.length;
    const from = Math.max(0, start < 0 ? start + length : Math.min(start, length));
    const to = Math.max(0, end < 0 ? end + length : Math.min(end, length));
    const out: TraceEntry[] = [];
    for (let i = from; i < to; i++) out.push(this.at(i)!);
    return out;
  }

  *[Symbol.iterator](): Iterator<TraceEntry> {
    for (let i = 0; i < this.#meta.length; i++) yield this.at(i)!;
  }

  /** Bytes the columns and arenas have allocated (the side table's objects not counted). */
  get byteSize(): number {
    return (
      this.#meta.byteSize + this.#routes.byteSize + this.#a.byteSize + this.#positions.byteSize + this.#bytes.byteSize + this.#ints.byteSize
    );
  }

  /** How many entries keep fields in the side table. */
  get sideCount(): number {
    return this.#side.size;
  }

  #read(i: number): TraceEntry {
    const meta = this.#meta.get(i);
    const route = this.#routes.at(i);
    const a = this.#a.get(i);
    const side = meta & SIDE ? this.#side.get(i) : undefined;
    const code = meta & KIND_MASK;
    const e: TraceEntry = {
      seq: this.#positions.seqAt(i),
      step: this.#positions.stepAt(i),
      atMs: this.#positions.atMsAt(i),
      kind: code === OTHER_KIND ? (side!.kind as TraceKind) : KINDS[code]!,
      from: this.#names.name(this.#routes.from(route)),
    };
    const to = this.#routes.to(route);
    if (to !== 0) e.to = this.#names.name(to);
    const conn = this.#routes.conn(route);
    if (conn !== 0) e.connId = this.#names.name(conn);
    const source = meta & BYTES_SOURCE;
    const address = source === BYTES_ARENA ? a : source === BYTES_OF_EARLIER ? this.#a.get(i - a) : -1;
    const bytes = address >= 0 ? this.#bytes.view(address) : side?.bytes;
    if (meta & PACKET_FROM_BYTES) {
      const r = decode(bytes!, meta & V5 ? 5 : 4, READ_LIMITS);
      if (r.kind === 'packet') e.packet = r.packet;
    } else if (side?.packet !== undefined) e.packet = side.packet;
    if (meta & HAS_BYTES) e.bytes = bytes;
    const summarySource = meta & SUMMARY_SOURCE;
    if (summarySource === SUMMARY_OF_PACKET && e.packet !== undefined) e.summary = summarize(e.packet);
    else if (summarySource === SUMMARY_NAMED) e.summary = this.#names.name(a);
    else if (side?.summary !== undefined) e.summary = side.summary;
    if (meta & SEND_SEQ_OF_EARLIER) e.sendSeq = this.#positions.seqAt(i - a);
    else if (side?.sendSeq !== undefined) e.sendSeq = side.sendSeq;
    if (side?.state !== undefined) e.state = side.state;
    if (meta & COMMAND_KEPT) e.command = this.#commands[a];
    else if (side?.command !== undefined) e.command = side.command;
    if (meta & EXPLAIN_COMPACT) e.explain = this.#explains.get(a);
    else if (side?.explain !== undefined) e.explain = side.explain;
    return e;
  }
}

