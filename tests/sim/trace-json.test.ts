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

  it('reads command entries: their words in either language, and older lines that have only an English summary (words recovered)', () => {
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
      ['   0.000s  command: sensor connects', '  0,000 s  Befehl: sensor verbindet sich'],
      ['   0.500s  command: Lose the next PUBACK from the broker to sensor', '  0,500 s  Befehl: Das nächste PUBACK vom Broker zu sensor geht verloren'],
      ['   0.900s  command: Lose the next 2 PUBACK from the broker to sensor', '  0,900 s  Befehl: Die nächsten 2 PUBACK vom Broker zu sensor gehen verloren'],
      ['   1.000s  command: sensor connects', '  1,000 s  Befehl: sensor verbindet sich'],
    ]);
  });

  it('an old file (commands as English summaries only, written by the writer before 3198dfd) reads in German: the same words as today\'s run of the scenario', () => {
    const old = readTrace(readFileSync(join(import.meta.dirname, 'fixtures/old-command-summaries.jsonl'), 'utf8'));
    expect(old.errors).toEqual([]);
    const commands = old.entries.filter((e) => e.kind === 'command');
    // The scenario the fixture was written from, run today: its command entries carry words.
    const today = runScenario(`client sensor
client dash
at 0s     sensor connect -k 10
at 0s     dash connect
at 100ms  dash subscribe -t plant/# -q 1
at 150ms  link sensor latency=50ms
at 200ms  drop next PUBACK to sensor
at 300ms  sensor publish -t plant/t -m 21.5 -q 1
at 900ms  delay next PUBLISH from sensor by 300ms
at 1s     sensor send-hex "c0 00"
at 2s     sensor cable-cut
at 2100ms sensor cable-restore
at 2500ms dash crash
at 3s     broker restart persistence=on
at 4s     end
`).trace.filter((e) => e.kind === 'command');
    expect(commands.map((e) => e.to)).toEqual(today.map((e) => e.to));
    // Every command but the delay rule, whose old summary did not say by how much.
    const delay = commands.findIndex((e) => e.summary?.startsWith('delay next'));
    expect(commands[delay]).toMatchObject({ summary: 'delay next 1 PUBLISH sensor -> broker' });
    expect(commands[delay]!.command).toBeUndefined();
    commands.forEach((e, i) => {
      if (i === delay) return;
      expect(e.command).toEqual(today[i]!.command);
      expect(e.summary).toBeUndefined();
    });
    expect(commands.map((e) => formatEntry(e, 'de').trim())).toEqual([
      '0,000 s  Befehl: sensor verbindet sich',
      '0,000 s  Befehl: dash verbindet sich',
      '0,100 s  Befehl: dash abonniert',
      '0,150 s  Befehl: Die Leitung von sensor ändert sich: Latenz 50 ms',
      '0,200 s  Befehl: Das nächste PUBACK vom Broker zu sensor geht verloren',
      '0,300 s  Befehl: sensor veröffentlicht',
      '0,900 s  Befehl: delay next 1 PUBLISH sensor -> broker',
      '1,000 s  Befehl: sensor sendet absichtlich 2 Bytes',
      '2,000 s  Befehl: Das Kabel von sensor wird getrennt',
      '2,100 s  Befehl: Das Kabel von sensor ist wieder da',
      '2,500 s  Befehl: dash stürzt ab',
      '3,000 s  Befehl: Der Broker startet neu (mit Persistenz)',
    ]);
  });

  it('old summaries: recovered only where the wording is exactly one the old writer (or today\'s English) produced', () => {
    const line = (to: string, summary: string) => JSON.stringify({ e: { seq: 0, step: 0, atMs: 0, kind: 'command', from: 'world', to, summary } });
    const read = (to: string, summary: string) => {
      const r = readTraceLine(line(to, summary));
      if (!r.ok || !('entry' in r.line)) throw new Error('not read');
      return [r.line.entry.command, r.line.entry.summary, formatEntry(r.line.entry, 'de').trim()];
    };
    expect(read('broker', 'clear every fault rule')).toEqual([{ key: 'fault-clear', params: { all: true } }, undefined, '0,000 s  Befehl: Alle Fehlerregeln werden aufgehoben']);
    expect(read('sensor', 'clear the fault rules of sensor')).toEqual([{ key: 'fault-clear' }, undefined, '0,000 s  Befehl: Die Fehlerregeln von sensor werden aufgehoben']);
    expect(read('broker', 'duplicate next 2 * between dash and broker')[2]).toBe('0,000 s  Befehl: Die nächsten 2 Pakete zwischen dash und dem Broker kommen doppelt an');
    expect(read('sensor', 'sensor sends 15 bytes on purpose in 2 TCP segments')[2]).toBe('0,000 s  Befehl: sensor sendet absichtlich 15 Bytes, in 2 TCP-Segmenten');
    expect(read('sensor', 'sensor APP.PING')[2]).toBe('0,000 s  Befehl: sensor erhält das Ereignis APP.PING');
    expect(read('broker', 'broker restart')[2]).toBe('0,000 s  Befehl: Der Broker startet neu');
    // Today's English sentences, as a hand-made file might carry them.
    expect(read('sensor', 'sensor connects')).toEqual([{ key: 'connect' }, undefined, '0,000 s  Befehl: sensor verbindet sich']);
    expect(read('broker', 'Delay the next PUBLISH from sensor to the broker by 300 ms')[2]).toBe('0,000 s  Befehl: Das nächste PUBLISH von sensor zum Broker wird um 300 ms verzögert');
    expect(read('sensor', 'The cable of sensor is cut')).toEqual([{ key: 'cable-cut' }, undefined, '0,000 s  Befehl: Das Kabel von sensor wird getrennt']);
    // ... and as they were written before the lines began with a capital (a file of that time).
    expect(read('broker', 'delay the next PUBLISH from sensor to the broker by 300 ms')[2]).toBe('0,000 s  Befehl: Das nächste PUBLISH von sensor zum Broker wird um 300 ms verzögert');
    expect(read('broker', 'lose the next 2 packets between dash and the broker')[2]).toBe('0,000 s  Befehl: Die nächsten 2 Pakete zwischen dash und dem Broker gehen verloren');
    expect(read('sensor', 'the cable of sensor is cut')).toEqual([{ key: 'cable-cut' }, undefined, '0,000 s  Befehl: Das Kabel von sensor wird getrennt']);
    expect(read('sensor', 'the cable of sensor is back')[2]).toBe('0,000 s  Befehl: Das Kabel von sensor ist wieder da');
    expect(read('broker', 'the broker restarts (persistence on)')[2]).toBe('0,000 s  Befehl: Der Broker startet neu (mit Persistenz)');
    expect(read('broker', 'the broker restarts')[2]).toBe('0,000 s  Befehl: Der Broker startet neu');
    // Read back, a recovered line says today's English.
    const cut = readTraceLine(line('sensor', 'the cable of sensor is cut'));
    expect(cut.ok && 'entry' in cut.line && formatEntry(cut.line.entry, 'en').trim()).toBe('0.000s  command: The cable of sensor is cut');
    // Not recoverable: kept as they are, in English.
    for (const [to, summary] of [
      ['dash', 'sensor APP.CONNECT'], // the actor is not the entry's
      ['broker', 'drop next 1 FOO broker -> sensor'], // no such packet
      ['sensor', 'sensor link {"latencyMs":"fast"}'],
      ['sensor', 'sensor link {"colour":1}'],
      ['sensor', 'sensor does something new'],
      ['sensor', 'the link of sensor changes: latency 50 ms'],
      ['Sensor', 'sensor connects'], // a name keeps its case: this actor would be "Sensor connects"
      ['sensor', 'THE CABLE OF SENSOR IS CUT'],
    ] as const) {
      expect(read(to, summary)).toEqual([undefined, summary, `0,000 s  Befehl: ${summary}`]);
    }
  });

  it('takes the packet from the bytes, not from what the line claims', () => {
    const line = '{"e":{"seq":0,"step":0,"atMs":0,"kind":"send","from":"a","v":4,"hex":"e0 00","packet":{"type":"connect"}}}';
    const r = readTraceLine(line);
    expect(r.ok && 'entry' in r.line && r.line.entry.packet).toEqual({ type: 'disconnect' });
  });
});
