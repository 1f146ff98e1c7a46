/**
 * `npm run bench -- fuzz`: fuzzing throughput of the streaming decoder.
 *
 * One million frames, deterministic (mulberry32, fixed seed): 80 % are valid frames of every
 * packet type in both versions with one mutation (a byte overwritten, a bit flipped, a cut,
 * a broken remaining length), 20 % are random bytes. Each frame goes through a reused
 * `Decoder` in one to three chunks and is drained until `need-more` or an error. A throw
 * would be a bug: they are counted (`throws`, must be 0), as are the outcomes.
 */
import { performance } from 'node:perf_hooks';
import { Decoder, encode, type Packet, type ProtocolVersion } from '../../core/codec/index.ts';
import { report } from './measure.ts';
import { mulberry32 } from '../../sim/rng.ts';

const FRAMES = 1_000_000;
const te = new TextEncoder();


/** One valid frame of every packet type in version `v`. */
export function corpus(v: ProtocolVersion): Uint8Array[] {
  const props = v === 5;
  const packets: Packet[] = [
    { type: 'connect', protocolVersion: v, clean: true, keepAliveSec: 10, clientId: 'sensor-17', will: { topic: 'plant/s17/status', payload: te.encode('offline'), qos: 1, retain: true }, username: 'u', password: te.encode('pw'), ...(props ? { properties: { sessionExpiryIntervalSec: 60, userProperties: [['a', 'b']] } } : {}) },
    { type: 'connack', sessionPresent: false, reasonCode: 0, ...(props ? { properties: { topicAliasMaximum: 10, assignedClientIdentifier: 'auto' } } : {}) },
    { type: 'publish', topic: 'plant/hall1/line3/temperature', payload: te.encode('21.5 °C'), qos: 1, retain: false, dup: false, packetId: 3, ...(props ? { properties: { contentType: 'text/plain', topicAlias: 2 } } : {}) },
    { type: 'publish', topic: 'a/b', payload: new Uint8Array(300), qos: 0, retain: true, dup: false },
    { type: 'puback', packetId: 3, ...(props ? { reasonCode: 0x10, properties: { reasonString: 'nobody' } } : {}) },
    { type: 'pubrec', packetId: 4 }, { type: 'pubrel', packetId: 4 }, { type: 'pubcomp', packetId: 4 },
    { type: 'subscribe', packetId: 5, subscriptions: [{ topicFilter: 'plant/+/temp', qos: 1 }, { topicFilter: '#', qos: 0 }], ...(props ? { properties: { subscriptionIdentifiers: [9] } } : {}) },
    { type: 'suback', packetId: 5, reasonCodes: [1, 0x80] },
    { type: 'unsubscribe', packetId: 6, topicFilters: ['plant/+/temp'] },
    { type: 'unsuback', packetId: 6, ...(props ? { reasonCodes: [0] } : {}) },
    { type: 'pingreq' }, { type: 'pingresp' },
    { type: 'disconnect', ...(props ? { reasonCode: 0x8e, properties: { reasonString: 'bye' } } : {}) },
  ];
  if (props) packets.push({ type: 'auth', reasonCode: 0x18, properties: { authenticationMethod: 'SCRAM', authenticationData: te.encode('xyz') } });
  return packets.map((p) => encode(p, v));
}

/** Run the fuzzer and print its line. */
export function run(): void {
  const rand = mulberry32(0xf022);
  const int = (n: number) => Math.floor(rand() * n);
  const frames = [...corpus(4).map((b) => [4, b] as const), ...corpus(5).map((b) => [5, b] as const)];
  const decoders = { 4: new Decoder({ version: 4 }), 5: new Decoder({ version: 5 }) };
  const random = new Uint8Array(64);
  const counts = { packet: 0, error: 0, needMore: 0 };
  let throws = 0;
  const t0 = performance.now();
  for (let i = 0; i < FRAMES; i++) {
    let v: ProtocolVersion;
    let bytes: Uint8Array;
    if (rand() < 0.2) {
      v = rand() < 0.5 ? 4 : 5;
      const n = 2 + int(62);
      for (let j = 0; j < n; j++) random[j] = int(256);
      random[1] = int(n - 1); // plausible remaining length, mostly
      bytes = random.slice(0, n);
    } else {
      const [fv, frame] = frames[int(frames.length)]!;
      v = fv;
      bytes = frame.slice();
      const kind = int(4);
      if (kind === 0) bytes[int(bytes.length)] = int(256);
      else if (kind === 1) bytes[int(bytes.length)]! ^= 1 << int(8);
      else if (kind === 2) bytes = bytes.subarray(0, 1 + int(bytes.length));
      else bytes[1] = int(256);
    }
    const d = decoders[v];
    d.reset();
    try {
      const cut = int(bytes.length + 1);
      d.push(bytes.subarray(0, cut));
      d.push(bytes.subarray(cut));
      for (let guard = 0; guard < 8; guard++) {
        const r = d.next();
        if (r.kind === 'packet') counts.packet++;
        else {
          if (r.kind === 'error') counts.error++;
          else counts.needMore++;
          break;
        }
      }
    } catch {
      throws++;
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  report({ name: 'fuzz/decoder/frames', unit: 'frames/s', ours: FRAMES / seconds, throws, frames: FRAMES, target: 100_000, ...counts });
}
