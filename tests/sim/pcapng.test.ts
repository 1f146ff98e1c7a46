/**
 * A trace exported as pcapng is read by the real Wireshark dissector (tshark, Debian's package):
 * for every gallery scenario, packet by packet, tshark decodes the same message type, topics,
 * QoS, packet id and reason codes as the trace holds, on the same TCP stream per connection.
 * Packets sent on purpose that our decoder rejects (issue 16: `send`, `send-hex`) have no decoded
 * packet in the trace; Wireshark's dissector is lenient and decodes them anyway, so for those the
 * capture must hold them in their place (stream, packet type) with our verdict in the frame
 * comment ("..., malformed"), which is what Wireshark shows beside them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Packet } from '../../src/core/codec/types.ts';
import { runScenario } from '../../src/scenario/index.ts';
import { traceToPcapng } from '../../src/sim/pcapng.ts';
import type { TraceEntry } from '../../src/sim/trace.ts';

const TSHARK = '/usr/bin/tshark';
/**
 * One tshark run's bound. tshark needs about 0.3 s of CPU to start and read a small capture:
 * a second on a quiet machine, several at load 20 on 2 cores, which is how a test with two runs
 * and a scenario once passed vitest's default 5 s. A test's timeout is this bound times its
 * tshark runs (plus the scenario's share), so only a hung tshark fails it.
 */
const TSHARK_MS = 30_000;
const timeoutFor = (tsharkRuns: number) => tsharkRuns * TSHARK_MS + 10_000;
const EXAMPLES = join(import.meta.dirname, '../../src/scenario/examples');
const dir = mkdtempSync(join(tmpdir(), 'mqtt-lab-pcapng-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TYPE_NUMBER: Record<Packet['type'], number> = {
  connect: 1, connack: 2, publish: 3, puback: 4, pubrec: 5, pubrel: 6, pubcomp: 7,
  subscribe: 8, suback: 9, unsubscribe: 10, unsuback: 11, pingreq: 12, pingresp: 13, disconnect: 14, auth: 15,
};

const FIELDS = [
  'frame.comment', 'tcp.stream', 'mqtt.msgtype', 'mqtt.topic', 'mqtt.qos', 'mqtt.msgid', 'mqtt.conack.val', 'mqtt.connack.reason_code',
  'mqtt.puback.reason_code', 'mqtt.pubrec.reason_code', 'mqtt.pubrel.reason_code', 'mqtt.pubcomp.reason_code',
  'mqtt.suback.qos', 'mqtt.suback.reason_code', 'mqtt.unsuback.reason_code', 'mqtt.disconnect.reason_code', 'mqtt.msg',
] as const;

/** What tshark should print for one packet, in FIELDS order after the stream. */
interface Decoded {
  /** The frame comment (the trace's summary); not compared. */
  comment?: string;
  stream: string;
  type: string;
  topics: string;
  qos: string;
  packetId: string;
  reasons: string;
  payloadHex: string;
}

function tsharkPackets(file: string): Decoded[] {
  const args = ['-r', file, '-Y', 'mqtt', '-T', 'fields', '-E', 'separator=|', '-E', 'occurrence=a', '-E', 'aggregator=,'];
  for (const f of FIELDS) args.push('-e', f);
  const run = spawnSync(TSHARK, args, { encoding: 'utf8', timeout: TSHARK_MS });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [comment, stream, type, topic, qos, msgid, ...rest] = line.split('|');
      const payload = rest.pop() ?? '';
      return { comment: comment!, stream: stream!, type: type!, topics: topic!, qos: qos!, packetId: msgid!, reasons: rest.filter((r) => r !== '').join(','), payloadHex: payload.replace(/:/g, '') };
    });
}

/**
 * The same fields, taken from the trace's own packets (what the views show). An alias-only
 * PUBLISH (5.0: empty topic, Topic Alias) is shown by Wireshark with the topic the alias stands
 * for on that connection and direction, so that is what is expected. `malformed`: the raw sends
 * our decoder rejects, by stream and packet type (their first byte).
 */
function expected(trace: readonly TraceEntry[], malformed: { stream: string; type: string }[] = []): Decoded[] {
  const streams = new Map<string, number>();
  const aliases = new Map<string, string>();
  const out: Decoded[] = [];
  for (const e of trace) {
    if (e.kind !== 'send' || !e.connId || !e.bytes) continue;
    if (!streams.has(e.connId)) streams.set(e.connId, streams.size);
    if (!e.packet) {
      malformed.push({ stream: String(streams.get(e.connId)), type: String(e.bytes[0]! >> 4) });
      continue;
    }
    const p = e.packet;
    let topic = p.type === 'publish' ? p.topic : '';
    const alias = p.type === 'publish' ? p.properties?.topicAlias : undefined;
    if (alias !== undefined) {
      const key = `${e.connId} ${e.from} ${alias}`;
      if (topic === '') topic = aliases.get(key) ?? '';
      else aliases.set(key, topic);
    }
    const topics = p.type === 'publish' ? topic : p.type === 'subscribe' ? p.subscriptions.map((s) => s.topicFilter).join(',') : p.type === 'unsubscribe' ? p.topicFilters.join(',') : '';
    const packetId = 'packetId' in p && p.packetId !== undefined ? String(p.packetId) : '';
    let reasons = '';
    if (p.type === 'suback') reasons = p.reasonCodes.join(',');
    else if (p.type === 'unsuback') reasons = (p.reasonCodes ?? []).join(',');
    else if (p.type === 'connack') reasons = String(p.reasonCode);
    else if ('reasonCode' in p && p.reasonCode !== undefined && e.bytes && hasReasonByte(p.type, e.bytes)) reasons = String(p.reasonCode);
    const payloadHex = p.type === 'publish' ? Array.from(p.payload, (b) => b.toString(16).padStart(2, '0')).join('') : '';
    out.push({ stream: String(streams.get(e.connId)), type: String(TYPE_NUMBER[p.type]), topics, qos: p.type === 'publish' ? String(p.qos) : '', packetId, reasons, payloadHex });
  }
  return out;
}

/** 5.0 acks and DISCONNECT may leave out a reason code 0 (then the bytes end before it). */
function hasReasonByte(type: Packet['type'], bytes: Uint8Array): boolean {
  if (type === 'disconnect' || type === 'auth') return bytes.length > 2;
  return bytes.length > 4;
}

function exportAndRead(name: string, text: string): { trace: TraceEntry[]; decoded: Decoded[] } {
  const run = runScenario(text);
  expect(run.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const file = join(dir, `${name}.pcapng`);
  writeFileSync(file, traceToPcapng(run.trace));
  return { trace: run.trace, decoded: tsharkPackets(file) };
}

describe('pcapng export read by tshark', () => {
  const gallery = readdirSync(EXAMPLES).filter((f) => f.endsWith('.mqtts')).sort();

  it.each(gallery)('%s: every packet decodes as in the trace', { timeout: timeoutFor(1) }, (name) => {
    const { trace, decoded } = exportAndRead(name, readFileSync(join(EXAMPLES, name), 'utf8'));
    const malformed: { stream: string; type: string }[] = [];
    const want = expected(trace, malformed);
    expect(want.length + malformed.length).toBeGreaterThan(1);
    const isMalformed = (d: Decoded): boolean => d.comment?.endsWith(', malformed') === true;
    expect(decoded.filter((d) => !isMalformed(d)).map(({ comment: _c, ...rest }) => rest)).toEqual(want);
    // The rejected ones are in the capture too, in their place, marked by our decoder's verdict.
    expect(decoded.filter(isMalformed).map((d) => ({ stream: d.stream, type: d.type }))).toEqual(malformed);
  });

  it('reassembles a PUBLISH larger than one segment, and gives each reconnection its own stream', { timeout: timeoutFor(1) }, () => {
    const big = 'x'.repeat(5000);
    const { trace, decoded } = exportAndRead('big', [
      'broker version=5',
      'client a',
      'client b',
      'at 0s a connect -i a -V mqttv5',
      'at 0s b connect -i b -V mqttv5',
      'at 100ms b subscribe -t big/# -q 1',
      `at 1s a publish -t big/one -q 1 -m ${big}`,
      'at 2s a disconnect',
      'at 3s a connect -i a -V mqttv5',
      'at 4s a publish -t big/two -q 0 -m small',
      'expect b receives big/two "small" by 5s',
      '',
    ].join('\n'));
    expect(decoded.map(({ comment: _c, ...rest }) => rest)).toEqual(expected(trace));
    const publishes = decoded.filter((d) => d.type === '3');
    expect(publishes.map((p) => p.payloadHex.length / 2)).toEqual([5000, 5000, 5, 5]); // big one from a and to b, small one from a and to b
    const streamsOfA = new Set(decoded.filter((d) => d.type === '1').map((d) => d.stream));
    expect(streamsOfA.size).toBe(3); // a, b, and a again on a new connection
  });

  // One tshark run: the gallery test above already decodes this scenario packet by packet (this
  // test used to decode it again first, two tshark runs in one default 5 s timeout).
  it('is a valid capture file for tshark: no malformed or unknown frames, real checksums', { timeout: timeoutFor(1) }, () => {
    const run = runScenario(readFileSync(join(EXAMPLES, 'will-on-cable-cut.mqtts'), 'utf8'));
    expect(run.trace.filter((e) => e.kind === 'send' && e.bytes).length).toBeGreaterThan(0);
    const file = join(dir, 'valid.pcapng');
    writeFileSync(file, traceToPcapng(run.trace));
    const check = spawnSync(TSHARK, ['-r', file, '-o', 'tcp.check_checksum:TRUE', '-o', 'ip.check_checksum:TRUE', '-Y', '_ws.malformed || _ws.expert.severity >= warning'], { encoding: 'utf8', timeout: TSHARK_MS });
    expect(check.status, check.stderr).toBe(0);
    expect(check.stdout.trim()).toBe('');
  });
});
