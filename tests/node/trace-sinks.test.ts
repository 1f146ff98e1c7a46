/**
 * The live feed's ring (src/node/broker/trace-sinks.ts): it keeps the last N entries, and with
 * them exactly the `conn` lines they need, each before its connection's first kept entry — so a
 * day-long class does not fill the memory and a late reader still sees who is who.
 */
import { describe, expect, test } from 'vitest';
import { TraceLines, TraceRing } from '../../src/node/broker/trace-sinks.ts';
import { readTraceLine } from '../../src/sim/trace-json.ts';

const conn = (id: string) => ({ id, remote: `127.0.0.1:${id.length}`, local: '127.0.0.1:1883', transport: 'tcp' as const });
const entry = (seq: number, connId?: string) => ({ seq, step: seq, atMs: seq, kind: 'note' as const, from: 'broker', ...(connId ? { connId } : {}) });

describe('TraceRing', () => {
  test('keeps the last N entries and the conn lines of their connections, in order', () => {
    const lines = new TraceLines({ source: 'broker' });
    const ring = new TraceRing(3);
    lines.add(ring.sink);
    lines.connection(conn('c1'));
    lines.entry(entry(0, 'c1'));
    lines.connection(conn('c2'));
    lines.entry(entry(1, 'c2'));
    lines.entry(entry(2, 'c1'));
    lines.entry(entry(3));
    lines.entry(entry(4, 'c2'));
    const kept = ring.snapshot().map((l) => readTraceLine(l));
    const shown = kept.map((r) => (r.ok ? ('conn' in r.line ? `conn ${r.line.conn.id}` : 'entry' in r.line ? `e${r.line.entry.seq}` : 'header') : r.message));
    expect(shown).toEqual(['conn c1', 'e2', 'e3', 'conn c2', 'e4']);
    expect(ring.length).toBe(3);
    // c1's last entry leaves the ring: its conn line goes with it.
    lines.entry(entry(5));
    lines.entry(entry(6));
    expect(ring.snapshot().filter((l) => l.startsWith('{"conn"'))).toHaveLength(1);
  });

  test('a connection with no entry yet is still announced', () => {
    const ring = new TraceRing(2);
    const lines = new TraceLines({ source: 'broker' });
    lines.add(ring.sink);
    lines.connection(conn('c9'));
    expect(ring.snapshot()).toEqual([JSON.stringify({ conn: conn('c9') })]);
  });

  test('a ring of no entries is refused', () => {
    expect(() => new TraceRing(0)).toThrow(/at least one/);
  });
});
