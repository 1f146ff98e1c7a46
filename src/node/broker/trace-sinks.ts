/**
 * Where `npm run broker`'s trace goes besides `--trace`: a recording file (`--record FILE`) and
 * the live feed's ring (`--live`). Both are written in the one trace format, src/sim/trace-json.ts
 * (JSON Lines: a header, each connection's `conn` line before its first entry, every entry with
 * its bytes as hex), from the entries `TcpBroker` hands to `onEntry` / `onConnection`.
 *
 * `TraceLines` turns the hook's calls into lines (masking CONNECT passwords unless told not to)
 * and hands each line to its sinks; `TraceRecorder` appends them to a file; `TraceRing` keeps the
 * last N entry lines (and the `conn` lines they need) for a feed client that joins late.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import type { ProtocolVersion } from '../../core/codec/index.ts';
import type { TraceEntry } from '../../sim/trace.ts';
import { connLine, entryLine, headerLine, maskSecrets, type TraceConn, type TraceHeader } from '../../sim/trace-json.ts';

/** One line of the trace with what a sink needs to know of it. */
export type TraceLineEvent = { kind: 'conn'; connId: string; line: string } | { kind: 'entry'; connId?: string; line: string };

/** The hook's entries as trace-json lines, for every sink at once. */
export class TraceLines {
  readonly header: string;
  private readonly sinks: Array<(event: TraceLineEvent) => void> = [];

  constructor(header: Omit<TraceHeader, 'format'>, private readonly showSecrets = false) {
    this.header = headerLine(header);
  }

  /** Adds a sink; it gets every line from now on. */
  add(sink: (event: TraceLineEvent) => void): void {
    this.sinks.push(sink);
  }

  /** For `TcpBroker`'s `onConnection`. */
  connection = (conn: TraceConn): void => {
    this.emit({ kind: 'conn', connId: conn.id, line: connLine(conn) });
  };

  /** For `TcpBroker`'s `onEntry`. */
  entry = (entry: TraceEntry, version?: ProtocolVersion): void => {
    const shown = this.showSecrets ? entry : maskSecrets(entry);
    this.emit({ kind: 'entry', ...(entry.connId !== undefined ? { connId: entry.connId } : {}), line: entryLine(shown, version) });
  };

  private emit(event: TraceLineEvent): void {
    for (const sink of this.sinks) sink(event);
  }
}

/** A recording: the header, then every line, appended to a file as it happens. */
export class TraceRecorder {
  private readonly out: WriteStream;
  private failure: Error | undefined;

  /** Opens (truncates) `path` and writes the header; `onError` hears a write that failed. */
  constructor(path: string, header: string, onError: (message: string) => void) {
    this.out = createWriteStream(path, { flags: 'w' });
    this.out.on('error', (error) => {
      if (this.failure) return;
      this.failure = error;
      onError(`recording to ${path} failed: ${error.message}`);
    });
    this.out.write(header + '\n');
  }

  /** Resolves once the file is open (or rejects with why it cannot be). */
  ready(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.failure) reject(this.failure);
      else if (!this.out.pending) resolve();
      else {
        this.out.once('ready', () => resolve());
        this.out.once('error', reject);
      }
    });
  }

  sink = (event: TraceLineEvent): void => {
    if (!this.failure) this.out.write(event.line + '\n');
  };

  /** Writes what is buffered and closes the file. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.failure || this.out.destroyed) return resolve();
      this.out.end(() => resolve());
    });
  }
}

/**
 * The last `capacity` entries as lines, and the `conn` lines of the connections they are on.
 * A `conn` line is forgotten once none of its connection's entries is in the ring any more.
 */
export class TraceRing {
  private readonly lines: Array<{ connId?: string; line: string } | undefined>;
  private start = 0;
  private size = 0;
  private readonly conns = new Map<string, { line: string; count: number }>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('the ring needs room for at least one entry');
    this.lines = new Array(capacity);
  }

  get length(): number {
    return this.size;
  }

  sink = (event: TraceLineEvent): void => {
    if (event.kind === 'conn') {
      this.conns.set(event.connId, { line: event.line, count: 0 });
      // Connections that never sent a packet (a port scan) must not pile up either.
      if (this.conns.size > this.capacity) {
        for (const [id, c] of this.conns) {
          if (c.count === 0 && id !== event.connId) {
            this.conns.delete(id);
            break;
          }
        }
      }
      return;
    }
    // Count the new entry first: evicting the connection's older entry must not forget its conn line.
    if (event.connId !== undefined) {
      const c = this.conns.get(event.connId);
      if (c) c.count++;
    }
    if (this.size === this.capacity) {
      const old = this.lines[this.start]!;
      this.start = (this.start + 1) % this.capacity;
      this.size--;
      if (old.connId !== undefined) {
        const c = this.conns.get(old.connId);
        if (c && --c.count <= 0) this.conns.delete(old.connId);
      }
    }
    this.lines[(this.start + this.size) % this.capacity] = event.connId !== undefined ? { connId: event.connId, line: event.line } : { line: event.line };
    this.size++;
  };

  /** What the ring holds as a feed's backlog: each `conn` line before its connection's first entry. */
  snapshot(): string[] {
    const out: string[] = [];
    const sent = new Set<string>();
    for (let i = 0; i < this.size; i++) {
      const item = this.lines[(this.start + i) % this.capacity]!;
      if (item.connId !== undefined && !sent.has(item.connId)) {
        sent.add(item.connId);
        const c = this.conns.get(item.connId);
        if (c) out.push(c.line);
      }
      out.push(item.line);
    }
    // Connections open but with no entry in the ring yet (just accepted).
    for (const [id, c] of this.conns) if (!sent.has(id)) out.push(c.line);
    return out;
  }
}
