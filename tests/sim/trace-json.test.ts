import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/scenario/index.ts';
import { decode } from '../../src/core/codec/decoder.ts';
import type { Packet, ProtocolVersion } from '../../src/core/codec/types.ts';
import type { TraceEntry } from '../../src/sim/trace.ts';
import { readTrace, readTraceLine, writeTrace, TRACE_FORMAT } from '../../src/sim/trace-json.ts';
import { formatEntry } from '../../src/sim/trace.ts';

const EXAMPLES = join(import.meta.dirname, '../../src/scenario/examples');

function versionOf(trace: readonly TraceEntry[], connId: string): ProtocolVersion {
  const c = trace.find((e) => e.connId === connId && e.packet?.type === 'connect');
  return c?.packet?.type === 'connect' ? c.packet.protocolVersion : 4;
}

function decodedOf(bytes: Uint8Array, version: ProtocolVersion): Packet | undefined {
  const d = decode(bytes, version);
  return d.kind === 'packet' ? d.packet : undefined;
}

describe('trace as JSON lines', () => {
  const gallery = readdirSync(EXAMPLES).filter((f) => f.endsWith('.mqtts')).sort().slice(0, 12);

  it.each(gallery)('%s: every entry reads back as it was written', (name) => {
    const run = runScenario(readFileSync(join(EXAMPLES, name), 'utf8'));
    const text = writeTrace(run.trace, { source: 'simulation', title: name });
    const back = readTrace(text);
    expect(back.errors).toEqual([]);
    expect(back.header).toEqual({ format: TRACE_FORMAT, source: 'simulation', title: name });
    expect(back.entries.length).toBe(run.trace.length);
    for (let i = 0; i < run.trace.length; i++) {
      const a = run.trace[i]!;
      const b = back.entries[i]!;
      expect([b.seq, b.atMs, b.kind, b.from, b.to, b.summary, b.connId]).toEqual([a.seq, a.atMs, a.kind, a.from, a.to, a.summary, a.connId]);
      // With bytes, the packet is what the codec reads from them (defaults filled in).
      expect(b.packet).toEqual(a.bytes && a.connId ? decodedOf(a.bytes, versionOf(run.trace, a.connId)) : a.packet);
      expect(b.bytes).toEqual(a.bytes);
      expect(b.explain).toEqual(a.explain);
      expect(b.command).toEqual(a.command);
    }
  });

  it('keeps each connection addresses before its first entry', () => {
    const run = runScenario('broker\nclient a\nat 0s a connect\nat 1s a publish -t x -m 1\nat 2s end\n');
    const connId = run.trace.find((e) => e.connId)!.connId!;
    const text = writeTrace(run.trace, { source: 'broker', startedAt: 1_765_000_000_000 }, [
      { id: connId, remote: '127.0.0.1:50000', local: '127.0.0.1:1883', transport: 'tcp' },
    ]);
    const lines = text.trim().split('\n');
    const connAt = lines.findIndex((l) => l.startsWith('{"conn"'));
    const firstEntry = lines.findIndex((l) => l.includes(`"connId":"${connId}"`));
    expect(connAt).toBeGreaterThan(0);
    expect(connAt).toBeLessThan(firstEntry);
    expect(readTrace(text).conns).toEqual([{ id: connId, remote: '127.0.0.1:50000', local: '127.0.0.1:1883', transport: 'tcp' }]);
  });

  it('refuses hostile or broken lines with a message and the line number, never throwing', () => {
    const text = [
      JSON.stringify({ format: TRACE_FORMAT, source: 'broker' }),
      '{"e":{"seq":0,"step":0,"atMs":0,"kind":"send","from":"a","v":4,"hex":"3"}}',
      '{"e":{"seq":1,"step":1,"atMs":0,"kind":"evil","from":"a"}}',
      'not json',
      '{"e":{"seq":2,"step":2,"atMs":1,"kind":"send","from":"a","v":4,"hex":"30 ff ff ff ff 7f"}}',
      '{"e":{"seq":3,"step":3,"atMs":1,"kind":"app","from":"a","packet":{"type":"__proto__"}}}',
      '{"conn":{"id":"c","remote":"x","local":"y","transport":"udp"}}',
    ].join('\n');
    const r = readTrace(text);
    expect(r.errors.map((e) => e.line)).toEqual([2, 3, 4, 6, 7]);
    expect(r.errors[0]!.message).toMatch(/hex/);
    // Bytes that do not decode are kept as bytes, without a packet.
    expect(r.entries).toHaveLength(1);
    expect(r.entries[0]!.packet).toBeUndefined();
    expect(r.entries[0]!.bytes).toHaveLength(6);
    expect(readTraceLine('{"format":"other/9","source":"broker"}')).toMatchObject({ ok: false, message: expect.stringMatching(/unknown format/) });
  });

  it('reads command entries: their words in either language, and older lines that have only an English summary', () => {
    const text = [
      JSON.stringify({ format: TRACE_FORMAT, source: 'simulation' }),
      // As files were written before commands carried words (the summary of src/sim/step.ts).
      '{"e":{"seq":0,"step":0,"atMs":0,"kind":"command","from":"world","to":"sensor","summary":"sensor APP.CONNECT"}}',
      '{"e":{"seq":1,"step":1,"atMs":500,"kind":"command","from":"world","to":"broker","summary":"drop next 1 PUBACK broker -> sensor"}}',
      '{"e":{"seq":2,"step":2,"atMs":900,"kind":"command","from":"world","to":"broker","command":{"key":"fault","params":{"action":"drop","count":2,"packet":"PUBACK","direction":"down","client":"sensor"}}}}',
      '{"e":{"seq":3,"step":3,"atMs":1000,"kind":"command","from":"world","to":"sensor","command":{"key":"connect"}}}',
      '{"e":{"seq":4,"step":4,"atMs":1000,"kind":"command","from":"world","to":"sensor","command":{"key":"x","params":{"nested":{"a":1}}}}}',
      '{"e":{"seq":5,"step":5,"atMs":1000,"kind":"command","from":"world","to":"sensor","command":"connect"}}',
    ].join('\n');
    const r = readTrace(text);
    expect(r.errors).toEqual([
      { line: 6, message: 'entry: command params must be text, numbers or booleans' },
      { line: 7, message: 'entry: command needs a key' },
    ]);
    expect(r.entries.map((e) => [formatEntry(e, 'en'), formatEntry(e, 'de')])).toEqual([
      ['   0.000s  command: sensor APP.CONNECT', '  0,000 s  Befehl: sensor APP.CONNECT'],
      ['   0.500s  command: drop next 1 PUBACK broker -> sensor', '  0,500 s  Befehl: drop next 1 PUBACK broker -> sensor'],
      ['   0.900s  command: lose the next 2 PUBACK from the broker to sensor', '  0,900 s  Befehl: die nächsten 2 PUBACK vom Broker zu sensor gehen verloren'],
      ['   1.000s  command: sensor connects', '  1,000 s  Befehl: sensor verbindet sich'],
    ]);
  });

  it('takes the packet from the bytes, not from what the line claims', () => {
    const line = '{"e":{"seq":0,"step":0,"atMs":0,"kind":"send","from":"a","v":4,"hex":"e0 00","packet":{"type":"connect"}}}';
    const r = readTraceLine(line);
    expect(r.ok && 'entry' in r.line && r.line.entry.packet).toEqual({ type: 'disconnect' });
  });
});
