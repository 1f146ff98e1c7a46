/**
 * The compact trace store (src/sim/trace-log.ts) gives back every entry it was given, field for
 * field and in the same key order: on the trace of every example scenario and every lesson
 * solution, on a fleet-like run with losses and a broker restart, on entries of every kind made
 * by hand (raw bytes that do not decode, fractional times of a recording, entries without
 * bytes) and past the chunk boundaries of its columns.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { encode, summarize } from '../../src/core/codec/index.ts';
import type { Packet } from '../../src/core/codec/types.ts';
import { buildWorld, compileScenario, parseScenario, runScenario } from '../../src/scenario/index.ts';
import { clientCommand, createMqttWorld } from '../../src/sim/mqtt-world.ts';
import { runUntil } from '../../src/sim/run.ts';
import type { TraceEntry } from '../../src/sim/trace.ts';
import { TraceLog } from '../../src/sim/trace-log.ts';
import { schedule, type World } from '../../src/sim/world.ts';
import { readTrace } from '../../src/sim/trace-json.ts';

const ROOT = join(import.meta.dirname, '../..');
const EXAMPLES = join(ROOT, 'src/scenario/examples');
const LESSONS = join(ROOT, 'lessons');

/** JSON with byte arrays as number lists: what a view or a file can see of an entry, in key order. */
function serialize(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (v instanceof Uint8Array ? Array.from(v) : v));
}

/**
 * The same JSON (fields, values, key order) and deep-equal. Tens of thousands of entries are
 * compared: plain comparisons first, and `expect` (slow per call, with a readable diff) only on
 * a difference. A strictly deep-equal pair is also `toEqual`.
 */
function expectSame(back: TraceEntry, original: TraceEntry, where: Record<string, unknown>): void {
  const json = serialize(back);
  const originalJson = serialize(original);
  if (json !== originalJson) expect({ ...where, json }).toEqual({ ...where, json: originalJson });
  if (!isDeepStrictEqual(back, original)) expect(back).toEqual(original);
}

/** Push `entries` into a log and compare each read back with the original. */
function roundTrip(entries: readonly TraceEntry[]): TraceLog {
  const log = new TraceLog();
  for (const e of entries) log.push(e);
  expect(log.length).toBe(entries.length);
  for (let i = 0; i < entries.length; i++) {
    const back = log.at(i)!;
    const original = entries[i]!;
    // The same JSON (fields, values, key order) and deep-equal (byte arrays as byte arrays).
    expectSame(back, original, { i });
    if (original.summary !== undefined && original.packet !== undefined && back.summary !== summarize(back.packet!)) {
      // A summary that is not the packet's own (a raw send with more bytes) is kept as it was.
      expect(back.summary).toBe(original.summary);
    }
  }
  return log;
}

function scenarioFiles(): Array<[string, string]> {
  const files: Array<[string, string]> = readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.mqtts'))
    .sort()
    .map((f) => [`examples/${f}`, readFileSync(join(EXAMPLES, f), 'utf8')]);
  for (const lesson of readdirSync(LESSONS).sort()) {
    const dir = join(LESSONS, lesson, 'exercises');
    if (!existsSync(dir)) continue;
    for (const ex of readdirSync(dir).sort()) {
      const path = join(dir, ex, 'solution.mqtts');
      if (existsSync(path)) files.push([`lessons/${lesson}/${ex}/solution.mqtts`, readFileSync(path, 'utf8')]);
    }
  }
  return files;
}

/**
 * A scenario run as `runScenario` runs it, but with its steps writing their entries straight
 * into a store (runUntil `into`: no entry objects), in slices of `sliceMs` of virtual time.
 */
function runDirect(text: string, sliceMs: number): { log: TraceLog; steps: number } {
  const compiled = compileScenario(parseScenario(text).scenario, {});
  const log = new TraceLog();
  let w = buildWorld(compiled);
  let steps = 0;
  for (let t = Math.min(sliceMs, compiled.endMs); ; t = Math.min(t + sliceMs, compiled.endMs)) {
    const r = runUntil(w, t, { maxSteps: 200_000 - steps, into: log });
    expect(r.entries).toEqual([]);
    w = r.world;
    steps += r.steps;
    if (t >= compiled.endMs || r.truncated) break;
  }
  return { log, steps };
}

/** The entries a store gives back are those of the object path, field for field, in key order. */
function expectSameEntries(name: string, log: TraceLog, entries: readonly TraceEntry[]): void {
  expect(log.length, name).toBe(entries.length);
  for (let i = 0; i < entries.length; i++) {
    const back = log.at(i)!;
    expectSame(back, entries[i]!, { name, i });
  }
}

/** Thirty sensors and a dashboard on lossy, jittery links, QoS 0/1/2, a cut cable and a broker restart. */
function fleetLike(): World {
  const sensors = Array.from({ length: 30 }, (_, i) => `s${i}`);
  let w = createMqttWorld({ seed: 7, link: { jitterMs: 5, lossRatio: 0.02 }, broker: { sysIntervalSec: 1 }, clients: [...sensors, 'dash'] });
  w = schedule(w, 0, clientCommand('dash', { type: 'APP.CONNECT', options: { clientId: 'dash', keepAliveSec: 2 } }));
  w = schedule(w, 200, clientCommand('dash', { type: 'APP.SUBSCRIBE', subscriptions: [{ topicFilter: 'plant/#', qos: 2 }] }));
  sensors.forEach((s, i) => {
    w = schedule(w, i, clientCommand(s, { type: 'APP.CONNECT', options: { clientId: s, keepAliveSec: 1, ...(i % 2 ? { protocolVersion: 5 } : {}) } }));
    for (let t = 1; t <= 4; t++) w = schedule(w, t * 500 + i, clientCommand(s, { type: 'APP.PUBLISH', topic: `plant/${s}`, payload: new Uint8Array([t]), qos: ((i + t) % 3) as 0 | 1 | 2, retain: false }));
  });
  w = schedule(w, 1200, { type: 'cable.cut', client: 's3' });
  w = schedule(w, 1300, { type: 'broker.restart', persistence: true });
  return w;
}

describe('the compact trace store', () => {
  const files = scenarioFiles();

  it('reads back every entry of every example and lesson solution as it was recorded', () => {
    expect(files.length).toBeGreaterThan(40);
    let entries = 0;
    let fromBytes = 0;
    for (const [name, text] of files) {
      const run = runScenario(text);
      expect(run.ran, name).toBe(true);
      const log = roundTrip(run.trace);
      entries += run.trace.length;
      fromBytes += run.trace.length - log.sideCount;
    }
    expect(entries).toBeGreaterThan(5000);
    // Most entries fit the columns; the side table is for the rare ones.
    expect(fromBytes / entries).toBeGreaterThan(0.8);
  }, 60_000);

  it('reads back every example and lesson solution written by its steps directly (no entry objects) as the object path made it', () => {
    let direct = 0;
    for (const [name, text] of files) {
      const run = runScenario(text);
      // In one run, and in slices of 250 ms (a store that outlives many runs).
      for (const slice of [Number.POSITIVE_INFINITY, 250]) {
        const { log } = runDirect(text, slice);
        expectSameEntries(`${name} / ${slice}`, log, run.trace);
        if (slice === 250) direct += run.trace.length - log.sideCount;
      }
    }
    expect(direct).toBeGreaterThan(5000);
  }, 120_000);

  it('reads back a lossy fleet with 3.1.1 and 5.0 clients, a cut cable and a broker restart', () => {
    const { entries } = runUntil(fleetLike(), 6000);
    const kinds = new Set(entries.map((e) => e.kind));
    for (const k of ['send', 'deliver', 'drop', 'timer', 'state', 'command', 'note', 'app'] as const) expect(kinds, k).toContain(k);
    const log = roundTrip(entries);
    expect(log.sideCount / entries.length).toBeLessThan(0.1);
  }, 60_000);

  it('takes the entries of a run as its steps make them (runUntil into), the same as the array', () => {
    // The steps write sends, deliveries, notes, ... as their fields (TraceLog's TraceWriter side).
    const whole = runUntil(fleetLike(), 6000).entries;
    const log = new TraceLog();
    let w = fleetLike();
    for (let t = 500; t <= 6000; t += 500) {
      const r = runUntil(w, t, { into: log });
      expect(r.entries).toEqual([]);
      w = r.world;
    }
    expect(log.length).toBe(whole.length);
    expect(log.slice().map(serialize)).toEqual(whole.map(serialize));
  }, 60_000);

  it('keeps raw bytes that do not decode, and the packet and summary a raw send had', () => {
    const raw = files.find(([n]) => n.endsWith('raw-send-hex-segments.mqtts'))!;
    const run = runScenario(raw[1]);
    const malformed = run.trace.filter((e) => e.bytes !== undefined && e.packet === undefined);
    expect(malformed.length).toBeGreaterThan(0);
    roundTrip(run.trace);
    // By hand: a send of bytes that are no packet, a send of one packet with garbage behind it
    // (its packet is the first, its summary says more), a deliver of a part of them.
    const publish: Packet = { type: 'publish', topic: 'a/b', payload: new Uint8Array([0x68, 0x69]), qos: 0, retain: false, dup: false };
    const good = encode(publish, 4);
    const withTail = new Uint8Array([...good, 0xf0, 0x00]);
    const byHand: TraceEntry[] = [
      { seq: 0, step: 0, atMs: 0, kind: 'send', from: 'c', to: 'broker', connId: 'c#1', bytes: new Uint8Array([0xff, 0x03, 1, 2]), summary: 'AUTH 4 bytes, malformed' },
      { seq: 1, step: 0, atMs: 0, kind: 'send', from: 'c', to: 'broker', connId: 'c#1', packet: publish, bytes: withTail, summary: `${summarize(publish)} + DISCONNECT 2 bytes, malformed` },
      { seq: 2, step: 1, atMs: 20, kind: 'deliver', from: 'c', to: 'broker', connId: 'c#1', packet: publish, bytes: withTail.subarray(0, good.length), summary: summarize(publish), sendSeq: 1 },
      { seq: 3, step: 1, atMs: 20, kind: 'deliver', from: 'c', to: 'broker', connId: 'c#1', bytes: withTail.subarray(good.length), summary: '2 bytes', sendSeq: 1 },
    ];
    roundTrip(byHand);
  });

  it('reads back entries of every kind made by hand, with the fractional times of a recording', () => {
    const connect: Packet = { type: 'connect', protocolVersion: 5, clean: true, keepAliveSec: 30, clientId: 'rec' };
    const publish: Packet = { type: 'publish', topic: 't/1', payload: new Uint8Array([0x31]), qos: 1, packetId: 9, retain: true, dup: false, properties: { messageExpiryIntervalSec: 60 } };
    const entries: TraceEntry[] = [
      { seq: 10, step: 3, atMs: 0.125, kind: 'command', from: 'world', to: 'rec', summary: 'rec connect' },
      { seq: 11, step: 3, atMs: 0.125, kind: 'send', from: 'rec', to: 'broker', connId: 'rec#1', packet: connect, bytes: encode(connect, 5), summary: summarize(connect) },
      { seq: 12, step: 4, atMs: 17.3337, kind: 'deliver', from: 'rec', to: 'broker', connId: 'rec#1', packet: connect, bytes: encode(connect, 5), summary: summarize(connect), sendSeq: 11 },
      { seq: 13, step: 4, atMs: 17.3337, kind: 'state', from: 'broker', state: { value: { running: 'up' }, view: { sessions: ['rec'] } } },
      { seq: 14, step: 5, atMs: 1e9 + 0.5, kind: 'note', from: 'broker', explain: { ref: 'MQTT-3.3.1-5', key: 'retain.stored', params: { topic: 't/1', ratio: 0.25, big: 2 ** 40, neg: -3, yes: true, no: false } } },
      { seq: 15, step: 5, atMs: 1e9 + 0.5, kind: 'note', from: 'broker', explain: { ref: 'sim', key: 'sim.plain' } },
      { seq: 16, step: 5, atMs: 1e9 + 0.5, kind: 'note', from: 'broker', explain: { ref: 'sim', key: 'sim.odd', params: { nested: { a: 1 } as unknown as string } } },
      { seq: 17, step: 6, atMs: 1e9 + 0.75, kind: 'timer', from: 'rec', to: 'rec', summary: 'timer TIMER.KEEPALIVE' },
      { seq: 18, step: 6, atMs: 1e9 + 0.75, kind: 'send', from: 'broker', to: 'rec', connId: 'rec#1', packet: publish, bytes: encode(publish, 5), summary: summarize(publish) },
      { seq: 19, step: 6, atMs: 1e9 + 0.75, kind: 'drop', from: 'broker', to: 'rec', connId: 'rec#1', packet: publish, summary: summarize(publish), sendSeq: 18, explain: { ref: 'sim', key: 'sim.drop.rule', params: { packet: 'PUBLISH' } } },
      { seq: 25, step: 7, atMs: 1e9 + 1, kind: 'app', from: 'rec', to: 'rec', packet: publish, summary: summarize(publish) },
      { seq: 26, step: 7, atMs: 1e9 + 1, kind: 'check', from: 'world', summary: 'expect rec receives t/1' },
      { seq: 27, step: 8, atMs: 1e9 + 2, kind: 'send', from: 'x', to: 'broker', packet: publish, summary: 'not its own summary' },
    ];
    const log = roundTrip(entries);
    expect([...log].map(serialize)).toEqual(entries.map(serialize));
    expect(log.slice(2, 5).map(serialize)).toEqual(entries.slice(2, 5).map(serialize));
    expect(log.slice(-2).map(serialize)).toEqual(entries.slice(-2).map(serialize));
    expect(log.at(-1)).toEqual(entries.at(-1));
    expect(log.at(entries.length)).toBeUndefined();
    expect(log.kindAt(3)).toBe('state');
  });

  it('reads back steps and times in any order: steps that jump, go back, are fractional or huge', () => {
    const steps = [0, 0, 1, 2, 2, 3, 7, 8, 8, 2, 2.5, 3.5, 4.5, 1e15, 1e15 + 1, 0.1, 1.1, 2.1, 9];
    const times = [0, 5, 5, 5, 0.25, 0.25, 1e9, 1e9, 3, 3, 3, 2, 2, 2, 2, 0.1 + 0.2, 7, 7, 7];
    const entries: TraceEntry[] = steps.map((step, i) => ({ seq: i, step, atMs: times[i]!, kind: 'note', from: 'broker', explain: { ref: 'sim', key: 'sim.plain' } }));
    const log = roundTrip(entries);
    // Read out of order too (the runs' cursors move back and forth).
    for (const i of [18, 0, 9, 3, 15, 14, 1]) expect(log.at(i)).toEqual(entries[i]);
  });

  it('reads back a recording loaded from a file (bytes decoded on reading, 5.0 without its CONNECT)', () => {
    const publish: Packet = { type: 'publish', topic: 'r/1', payload: new Uint8Array([0x32]), qos: 1, packetId: 2, retain: false, dup: false, properties: { contentType: 'text' } };
    const hex = Array.from(encode(publish, 5), (b) => b.toString(16).padStart(2, '0')).join(' ');
    const text = [
      '{"format":"mqtt-lab-trace/1","source":"broker","startedAt":1765000000000}',
      `{"e":{"seq":0,"step":0,"atMs":12.625,"kind":"deliver","from":"rec","to":"broker","connId":"c1","summary":${JSON.stringify(summarize(publish))},"v":5,"hex":"${hex}"}}`,
      `{"e":{"seq":1,"step":1,"atMs":13.0625,"kind":"send","from":"broker","to":"rec","connId":"c1","summary":"PUBACK id=2","v":5,"hex":"40 02 00 02"}}`,
    ].join('\n');
    const read = readTrace(text);
    expect(read.errors).toEqual([]);
    // The reader gives fields in its own order; the store gives them in TraceEntry's order.
    const fields = ['seq', 'step', 'atMs', 'kind', 'from', 'to', 'connId', 'packet', 'bytes', 'summary', 'sendSeq', 'state', 'explain'] as const;
    const entries = read.entries.map((e) => Object.fromEntries(fields.filter((f) => e[f] !== undefined).map((f) => [f, e[f]])) as unknown as TraceEntry);
    expect(entries).toHaveLength(2);
    expect(entries).toEqual(read.entries);
    roundTrip(entries);
  });

  it('grows past the chunk boundaries of its columns and arenas', () => {
    // Fields in the order the decoder gives them, so that the bytes hold the packet.
    const publish = (i: number): Packet => ({ type: 'publish', topic: `big/${i % 100}`, payload: new Uint8Array(40 + (i % 7)).fill(i & 0xff), qos: 1, retain: false, dup: false, packetId: (i % 65535) + 1 });
    const entries: TraceEntry[] = [];
    // 140,000 entries (three column chunks of 65,536), about 12 MB of packet bytes (a dozen arena chunks).
    for (let i = 0; entries.length < 140_000; i++) {
      const p = publish(i);
      const bytes = encode(p, 4);
      const seq = entries.length;
      entries.push({ seq, step: i, atMs: i * 0.5, kind: 'send', from: `s${i % 50}`, to: 'broker', connId: `s${i % 50}#1`, packet: p, bytes, summary: summarize(p) });
      entries.push({ seq: seq + 1, step: i + 1, atMs: i * 0.5 + 20, kind: 'deliver', from: `s${i % 50}`, to: 'broker', connId: `s${i % 50}#1`, packet: p, bytes: bytes.slice(), summary: summarize(p), sendSeq: seq });
      entries.push({ seq: seq + 2, step: i + 1, atMs: i * 0.5 + 20, kind: 'note', from: 'broker', explain: { ref: 'MQTT-4.3.2-2', key: 'publish.puback', params: { clientId: `s${i % 50}`, packetId: p.type === 'publish' ? p.packetId! : 0 } } });
      entries.push({ seq: seq + 3, step: i + 1, atMs: i * 0.5 + 20, kind: 'send', from: 'broker', to: 'x', connId: 'x#1', bytes: new Uint8Array(300).fill(i & 0xff), summary: 'raw' });
    }
    const log = new TraceLog(entries);
    expect(log.length).toBe(entries.length);
    for (let i = 0; i < entries.length; i += 997) expect(serialize(log.at(i))).toBe(serialize(entries[i]));
    for (const i of [65535, 65536, 65537, 131071, 131072, entries.length - 1]) expect(serialize(log.at(i))).toBe(serialize(entries[i]));
    let n = 0;
    for (const e of log) if (e.seq === entries[n++]!.seq) continue;
    expect(n).toBe(entries.length);
    // Only the raw sends' summaries are kept aside (their `a` holds the bytes' address).
    expect(log.sideCount).toBe(entries.length / 4);
    // Deliveries share their send's bytes: the arena holds each packet once (plus the raw sends).
    expect(log.byteSize).toBeLessThan(entries.length * 12 + 35_000 * (302 + 60) + 4 * 2 ** 20);
  }, 60_000);
});
