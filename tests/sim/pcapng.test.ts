/**
 * A trace exported as pcapng is read by the real Wireshark dissector (tshark, Debian's package):
 * for every gallery scenario, packet by packet, tshark decodes the same message type, topics,
 * QoS, packet id and reason codes as the trace holds, on the same TCP stream per connection.
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
const EXAMPLES = join(import.meta.dirname, '../../src/scenario/examples');
const dir = mkdtempSync(join(tmpdir(), 'mqtt-lab-pcapng-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TYPE_NUMBER: Record<Packet['type'], number> = {
  connect: 1, connack: 2, publish: 3, puback: 4, pubrec: 5, pubrel: 6, pubcomp: 7,
  subscribe: 8, suback: 9, unsubscribe: 10, unsuback: 11, pingreq: 12, pingresp: 13, disconnect: 14, auth: 15,
};

const FIELDS = [
  'tcp.stream', 'mqtt.msgtype', 'mqtt.topic', 'mqtt.qos', 'mqtt.msgid', 'mqtt.conack.val', 'mqtt.connack.reason_code',
  'mqtt.puback.reason_code', 'mqtt.pubrec.reason_code', 'mqtt.pubrel.reason_code', 'mqtt.pubcomp.reason_code',
  'mqtt.suback.qos', 'mqtt.suback.reason_code', 'mqtt.unsuback.reason_code', 'mqtt.disconnect.reason_code', 'mqtt.msg',
] as const;

/** What tshark should print for one packet, in FIELDS order after the stream. */
interface Decoded {
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
  const run = spawnSync(TSHARK, args, { encoding: 'utf8', timeout: 30_000 });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [stream, type, topic, qos, msgid, ...rest] = line.split('|');
      const payload = rest.pop() ?? '';
      return { stream: stream!, type: type!, topics: topic!, qos: qos!, packetId: msgid!, reasons: rest.filter((r) => r !== '').join(','), payloadHex: payload.replace(/:/g, '') };
    });
}

/** The same fields, taken from the trace's own packets (what the views show). */
function expected(trace: readonly TraceEntry[]): Decoded[] {
  const streams = new Map<string, number>();
  const out: Decoded[] = [];
  for (const e of trace) {
    if (e.kind !== 'send' || !e.packet || !e.connId) continue;
    if (!streams.has(e.connId)) streams.set(e.connId, streams.size);
    const p = e.packet;
    const topics = p.type === 'publish' ? p.topic : p.type === 'subscribe' ? p.subscriptions.map((s) => s.topicFilter).join(',') : p.type === 'unsubscribe' ? p.topicFilters.join(',') : '';
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

  it.each(gallery)('%s: every packet decodes as in the trace', (name) => {
    const { trace, decoded } = exportAndRead(name, readFileSync(join(EXAMPLES, name), 'utf8'));
    const want = expected(trace);
    expect(want.length).toBeGreaterThan(3);
    expect(decoded).toEqual(want);
  });

  it('reassembles a PUBLISH larger than one segment, and gives each reconnection its own stream', () => {
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
    expect(decoded).toEqual(expected(trace));
    const publishes = decoded.filter((d) => d.type === '3');
    expect(publishes.map((p) => p.payloadHex.length / 2)).toEqual([5000, 5000, 5, 5]); // big one from a and to b, small one from a and to b
    const streamsOfA = new Set(decoded.filter((d) => d.type === '1').map((d) => d.stream));
    expect(streamsOfA.size).toBe(3); // a, b, and a again on a new connection
  });

  it('is a valid capture file for tshark: no malformed or unknown frames, real checksums', () => {
    const { decoded } = exportAndRead('will', readFileSync(join(EXAMPLES, 'will-on-cable-cut.mqtts'), 'utf8'));
    expect(decoded.length).toBeGreaterThan(0);
    const file = join(dir, 'will-on-cable-cut.mqtts.pcapng');
    const run = spawnSync(TSHARK, ['-r', file, '-o', 'tcp.check_checksum:TRUE', '-o', 'ip.check_checksum:TRUE', '-Y', '_ws.malformed || _ws.expert.severity >= warning'], { encoding: 'utf8', timeout: 30_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe('');
  });
});
