/**
 * `npm run bench -- core`: the broker core and codec on the loopback load's shape, without
 * sockets: what `npm run broker` spends per message between reading bytes and writing bytes.
 *
 * The load is `loopback.ts`'s: 4 subscribers on `bench/+` at QoS N, 4 publishers on
 * `bench/p<i>`, 32-byte payloads, MQTT 3.1.1, each publisher keeping at most 20 messages not
 * yet delivered to every subscriber. It runs in two phases. A recording pass plays the clients
 * (a PUBACK for every QoS 1 PUBLISH, PUBREC / PUBREL / PUBCOMP for QoS 2) in turns, as the event
 * loop serves sockets: in each turn every connection's waiting frames arrive as one chunk. The
 * broker is deterministic, so the measured pass replays those chunks into a fresh broker and
 * does exactly what the TCP driver does with them (src/node/broker/tcp-broker.ts, untraced):
 * `Decoder.push`/`next` per connection, `step(ctx, NET.PACKET, undefined, false)` per packet,
 * and `encode(packet, version)` per `net.send` effect, with the copies of each chunk's steps
 * shared as the driver shares a turn's (when the checkout's driver does). The clients cost
 * nothing in it.
 *
 * Reported per QoS: µs per message (one PUBLISH in, with its 4 deliveries and every
 * acknowledgement; the process's CPU time during the replay, steadier than wall time on a busy
 * machine; median of rounds) and heap bytes allocated per
 * message (from V8's GC statistics: what each collection found in use, minus what the previous
 * one left, plus the growth after the last).
 *
 * `npx tsx src/node/bench/core.ts [--qos N] [--version 4|5] [--rounds R] [--messages M] [OTHER_CHECKOUT]`
 * runs the same replay in child processes, alternating this checkout and another one (the
 * code before a change), and prints each one's medians and the ratio.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { countAllocations } from './heap-allocated.ts';
import { report } from './measure.ts';

type BrokerLib = typeof import('../../core/broker/index.ts');
type CodecLib = typeof import('../../core/codec/index.ts');
type QoS = 0 | 1 | 2;
type Version = 4 | 5;

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../../..');
const PUBLISHERS = 4;
const SUBSCRIBERS = 4;
const WINDOW = 20;
const PAYLOAD_BYTES = 32;
/** Events per virtual millisecond: the loopback load's order of magnitude (tens of thousands a second). */
const EVENTS_PER_MS = 40;

interface Lib {
  broker: BrokerLib;
  codec: CodecLib;
  /** Whether that checkout's TCP driver lends the core a scope per turn (`turnScope` in tcp-broker.ts). */
  turnScope: boolean;
}

export async function loadLib(root: string): Promise<Lib> {
  const url = (p: string) => pathToFileURL(join(root, p)).href;
  const driver = readFileSync(join(root, 'src/node/broker/tcp-broker.ts'), 'utf8');
  return {
    broker: (await import(url('src/core/broker/index.ts'))) as BrokerLib,
    codec: (await import(url('src/core/codec/index.ts'))) as CodecLib,
    turnScope: process.env.CORE_TURN_SCOPE !== undefined ? process.env.CORE_TURN_SCOPE === '1' : driver.includes('turnScope'),
  };
}

/** What one connection sent in one turn: one chunk, as a socket read gives it. */
interface Chunk {
  conn: number;
  bytes: Uint8Array;
}

/** The broker and the TCP driver's part around it (decoders per connection, encode per send). */
class Driver {
  ctx;
  readonly decoders;
  events = 0;
  scope: Set<object> | undefined;
  readonly sent: { conn: number; packet: import('../../core/codec/index.ts').Packet }[] = [];

  constructor(
    private readonly lib: Lib,
    private readonly conns: number,
    /** Keep what the broker sends (the recording pass reads it; the replay drops it). */
    private readonly keep: boolean,
    private readonly turnScope: boolean,
  ) {
    const { broker, codec } = lib;
    // What `npm run broker` runs with for loopback-brokers.ts's file (tcp-broker-options.ts, `engineConfig`).
    const config = { allowAnonymous: true, maxQueuedMessages: 10000, sysIntervalSec: 0, connectTimeoutSec: 30, maxQueuedBytes: 1024 * 1024, maxPacketSize: 16 * 1024 * 1024 };
    this.ctx = broker.start(broker.initialContext(config), 0, false).context;
    const limits = broker.brokerDecoderLimits(this.ctx.config);
    this.decoders = Array.from({ length: conns }, () => new codec.Decoder({ version: 4, limits }));
    for (let c = 0; c < conns; c++) this.step({ type: 'NET.OPEN', connId: `c${c}`, nowMs: 0 });
  }

  private step(event: import('../../core/broker/index.ts').BrokerEvent): void {
    const r = this.lib.broker.step(this.ctx, event, this.scope, false);
    this.ctx = r.context;
    for (const e of r.effects) {
      if (e.type !== 'net.send') continue;
      const bytes = this.lib.codec.encode(e.params.packet, e.params.version);
      if (bytes.length === 0) throw new Error('empty frame');
      if (this.keep) this.sent.push({ conn: Number(e.params.connId.slice(1)), packet: e.params.packet });
    }
  }

  feed(chunk: Chunk): void {
    const decoder = this.decoders[chunk.conn]!;
    decoder.push(chunk.bytes);
    // A driver that lends the core a run scope per turn (context.ts): copies made once per chunk.
    if (this.turnScope) this.scope = new Set();
    const connId = `c${chunk.conn}`;
    for (;;) {
      const r = decoder.next();
      if (r.kind === 'need-more') return;
      if (r.kind === 'error') throw new Error(`conn ${chunk.conn}: ${r.error.message}`);
      if (r.packet.type === 'connect') decoder.version = r.packet.protocolVersion;
      this.step({ type: 'NET.PACKET', connId, packet: r.packet, nowMs: Math.floor(this.events++ / EVENTS_PER_MS) });
    }
  }
}

function concat(frames: Uint8Array[]): Uint8Array {
  if (frames.length === 1) return frames[0]!;
  const out = new Uint8Array(frames.reduce((n, f) => n + f.length, 0));
  let at = 0;
  for (const f of frames) {
    out.set(f, at);
    at += f.length;
  }
  return out;
}

/**
 * The clients' side of the load, played once: every chunk each connection sends, in the order
 * the broker receives them. Connections 0..3 publish, 4..7 subscribe.
 */
function record(lib: Lib, qos: QoS, version: Version, messages: number): { setup: Chunk[]; load: Chunk[] } {
  const { encode } = lib.codec;
  const conns = PUBLISHERS + SUBSCRIBERS;
  const driver = new Driver(lib, conns, true, lib.turnScope);
  const setup: Chunk[] = [];
  const load: Chunk[] = [];
  let log = setup;
  const send = (conn: number, frames: Uint8Array[]) => {
    const chunk = { conn, bytes: concat(frames) };
    log.push(chunk);
    driver.feed(chunk);
  };
  for (let c = 0; c < conns; c++) {
    send(c, [encode({ type: 'connect', protocolVersion: version, clean: true, keepAliveSec: 60, clientId: c < PUBLISHERS ? `pub${c}` : `sub${c - PUBLISHERS}` }, version)]);
  }
  for (let s = 0; s < SUBSCRIBERS; s++) {
    send(PUBLISHERS + s, [encode({ type: 'subscribe', packetId: 1, subscriptions: [{ topicFilter: 'bench/+', qos }] }, version)]);
  }
  driver.sent.length = 0;
  log = load;

  const inbox: Uint8Array[][] = Array.from({ length: conns }, () => []);
  const sentBy = new Array<number>(PUBLISHERS).fill(0);
  const outstanding = new Array<number>(PUBLISHERS).fill(0);
  /** Per message (publisher * messages + seq): subscribers that have it. */
  const reached = new Map<number, number>();
  const perPublisher = Math.ceil(messages / PUBLISHERS);
  let delivered = 0;
  const nextId = new Array<number>(PUBLISHERS).fill(0);
  const ack = (type: 'puback' | 'pubrec' | 'pubrel' | 'pubcomp', packetId: number) => encode({ type, packetId }, version);
  for (let turn = 0; delivered < perPublisher * PUBLISHERS * SUBSCRIBERS; turn++) {
    if (turn > messages * 20) throw new Error('the load does not progress');
    for (let p = 0; p < PUBLISHERS; p++) {
      while (outstanding[p]! < WINDOW && sentBy[p]! < perPublisher) {
        const payload = new Uint8Array(PAYLOAD_BYTES);
        const view = new DataView(payload.buffer);
        view.setUint16(0, p, true);
        view.setUint32(2, sentBy[p]!, true);
        const packetId = qos === 0 ? undefined : (nextId[p] = (nextId[p]! % 65535) + 1);
        inbox[p]!.push(encode({ type: 'publish', topic: `bench/p${p}`, payload, qos, retain: false, dup: false, ...(packetId !== undefined ? { packetId } : {}) }, version));
        sentBy[p]!++;
        outstanding[p]!++;
      }
    }
    for (let c = 0; c < conns; c++) {
      if (inbox[c]!.length === 0) continue;
      const frames = inbox[c]!;
      inbox[c] = [];
      send(c, frames);
      for (const { conn, packet } of driver.sent) {
        if (conn < PUBLISHERS) {
          if (packet.type === 'pubrec') inbox[conn]!.push(ack('pubrel', packet.packetId));
          continue;
        }
        if (packet.type === 'publish') {
          if (packet.qos === 1) inbox[conn]!.push(ack('puback', packet.packetId!));
          if (packet.qos === 2) inbox[conn]!.push(ack('pubrec', packet.packetId!));
          const view = new DataView(packet.payload.buffer, packet.payload.byteOffset);
          const key = view.getUint16(0, true) * perPublisher + view.getUint32(2, true);
          const n = (reached.get(key) ?? 0) + 1;
          delivered++;
          if (n === SUBSCRIBERS) {
            reached.delete(key);
            outstanding[view.getUint16(0, true)]!--;
          } else reached.set(key, n);
        } else if (packet.type === 'pubrel') inbox[conn]!.push(ack('pubcomp', packet.packetId));
      }
      driver.sent.length = 0;
    }
  }
  return { setup, load };
}

/** Heap bytes allocated while `fn` ran, from V8's statistics at each collection. */
function allocatedBytes(fn: () => void): { bytes: number; collections: number } {
  const counting = countAllocations();
  fn();
  return counting.stop();
}

export interface CoreResult {
  qos: QoS;
  version: Version;
  messages: number;
  usPerMessage: number;
  allocBytesPerMessage: number;
  collections: number;
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/**
 * The load recorded once; each call of the result replays it into a fresh broker (set up
 * untimed) and returns the replay's own part: `feed` the load into it.
 */
export function prepareReplay(lib: Lib, qos: QoS, version: Version, messages: number): () => () => void {
  const { setup, load } = record(lib, qos, version, messages);
  return () => {
    const driver = new Driver(lib, PUBLISHERS + SUBSCRIBERS, false, lib.turnScope);
    for (const c of setup) driver.feed(c);
    return () => {
      for (const c of load) driver.feed(c);
    };
  };
}

/** Records the load once, then replays it `rounds` times into fresh brokers; medians. */
export function measureCore(lib: Lib, qos: QoS, version: Version, messages: number, rounds: number): CoreResult {
  const fresh = prepareReplay(lib, qos, version, messages);
  const times: number[] = [];
  const allocs: number[] = [];
  const collections: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const replay = fresh();
    // Timed and weighed in separate replays: the GC profiler's statistics cost time.
    if (r % 2 === 0) {
      const t0 = process.cpuUsage();
      replay();
      const t = process.cpuUsage(t0);
      times.push((t.user + t.system) / messages);
    } else {
      const a = allocatedBytes(replay);
      allocs.push(a.bytes / messages);
      collections.push(a.collections);
    }
  }
  return { qos, version, messages, usPerMessage: median(times), allocBytesPerMessage: median(allocs), collections: median(collections) };
}

/** The bench suite's lines: one per QoS. */
export async function run(): Promise<void> {
  const lib = await loadLib(ROOT);
  for (const qos of [0, 1, 2] as const) {
    const r = measureCore(lib, qos, 4, 20_000, 10);
    report({
      name: `core/loopback-message/qos${qos}`,
      unit: 'messages/s',
      ours: 1e6 / r.usPerMessage,
      // A message is 1 PUBLISH in and 4 out with their acknowledgements: at 10 µs the core and
      // codec would take a quarter of a core at Mosquitto's QoS 2 loopback rate.
      target: 100_000,
      usPerMessage: Number(r.usPerMessage.toFixed(2)),
      allocBytesPerMessage: Math.round(r.allocBytesPerMessage),
      load: { publishers: PUBLISHERS, subscribers: SUBSCRIBERS, window: WINDOW, payloadBytes: PAYLOAD_BYTES, messages: r.messages, version: 4 },
    });
  }
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
}

async function cli(): Promise<void> {
  const qos = Number(arg('--qos') ?? 2) as QoS;
  const version = Number(arg('--version') ?? 4) as Version;
  const messages = Number(arg('--messages') ?? 20_000);
  if (arg('--child') !== undefined) {
    const lib = await loadLib(arg('--child')!);
    console.log(JSON.stringify(measureCore(lib, qos, version, messages, Number(arg('--replays') ?? 6))));
    return;
  }
  const rounds = Number(arg('--rounds') ?? 5);
  const positional = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !all[i - 1]?.startsWith('--'));
  const roots = [ROOT, ...positional.map((p) => resolve(p))];
  const results = roots.map(() => [] as CoreResult[]);
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? roots.map((_, i) => i) : roots.map((_, i) => roots.length - 1 - i);
    for (const i of order) {
      const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', roots[i]!, '--qos', String(qos), '--version', String(version), '--messages', String(messages)], {
        cwd: ROOT,
        encoding: 'utf8',
      });
      if (child.status !== 0) throw new Error(`${roots[i]}: ${child.stderr}`);
      results[i]!.push(JSON.parse(child.stdout.trim().split('\n').pop()!) as CoreResult);
    }
  }
  roots.forEach((root, i) => {
    const rs = results[i]!;
    console.log(JSON.stringify({
      name: `core-ab/qos${qos}/v${version}`,
      root,
      usPerMessage: Number(median(rs.map((r) => r.usPerMessage)).toFixed(2)),
      allocBytesPerMessage: Math.round(median(rs.map((r) => r.allocBytesPerMessage))),
      each: rs.map((r) => Number(r.usPerMessage.toFixed(2))),
    }));
  });
  if (roots.length > 1) {
    const ratio = median(results[0]!.map((r, k) => results[1]![k]!.usPerMessage / r.usPerMessage));
    console.log(JSON.stringify({ name: `core-ab/qos${qos}/v${version}/ratio`, against: roots[1], speedup: Number(ratio.toFixed(3)), loadAverage: (await import('node:os')).loadavg().map((x) => Number(x.toFixed(2))) }));
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await cli();
