/**
 * A trace as a pcapng capture file, for Wireshark and tshark (issue "Out of the sandbox", part 1).
 *
 * Theory of operation
 * -------------------
 * The trace already holds every packet's real bytes (`send` entries). Each connection (`connId`)
 * becomes one TCP stream between the client's address and port and the broker's port 1883: a
 * three-way handshake when its first packet is sent, then one segment per MQTT packet (split at
 * a 1460-byte MSS, as on Ethernet), with sequence and acknowledgement numbers that continue
 * per direction, so Wireshark's MQTT dissector decodes every packet and reassembles large ones.
 * Packets are captured where they leave their sender, at their `send` time; a packet that the
 * simulation then lost (a fault rule, a broken connection) is in the file too, with the reason in
 * the packet's comment, as a capture on the sender's host would show it. Every packet carries
 * its one-line summary as a pcapng comment.
 *
 * Addresses are from the ranges set aside for documentation and benchmarks, never real hosts:
 * the broker is 192.0.2.1, client number i (in order of first appearance) is 198.18.x.y, and
 * each new connection of a client takes the next source port from 49152. A live trace can bring
 * its real addresses instead (`endpoints`). Timestamps are `originMs + atMs` in microseconds.
 *
 * Format: one Section Header Block, one Interface Description Block (Ethernet), one Enhanced
 * Packet Block per frame (pcapng, draft-ietf-opsawg-pcapng); IPv4 and TCP checksums are real.
 * Pure: bytes in, bytes out, no I/O (the CLI and the app write the file).
 */
import type { TraceEntry } from './trace.ts';

/** One end of a TCP connection. */
export interface Endpoint {
  /** Dotted IPv4 address. */
  ip: string;
  port: number;
}

export interface PcapngOptions {
  /** Wall-clock time of virtual time 0, in ms since 1970 (default 0). */
  originMs?: number;
  /** Real addresses per connection (live traces); the default invents them as described above. */
  endpoints?: (connId: string, client: string) => { client: Endpoint; broker: Endpoint } | undefined;
  /** The text written as the capturing application. */
  application?: string;
  /** Explains why a dropped packet was lost, for its comment (default: "lost in the simulation"). */
  lossText?: (drop: TraceEntry) => string;
}

const MSS = 1460;
const BROKER: Endpoint = { ip: '192.0.2.1', port: 1883 };
const FIRST_PORT = 49152;

/** The trace as a pcapng file. */
export function traceToPcapng(entries: readonly TraceEntry[], options: PcapngOptions = {}): Uint8Array {
  const out = new BlockWriter();
  out.sectionHeader(options.application ?? 'MQTT Lab');
  out.interfaceDescription();
  const origin = options.originMs ?? 0;
  const drops = new Map<number, TraceEntry>();
  for (const e of entries) if (e.kind === 'drop' && e.sendSeq !== undefined) drops.set(e.sendSeq, e);

  const streams = new Map<string, TcpStream>();
  const clients = new Map<string, number>();
  const portsUsed = new Map<string, number>();
  for (const e of entries) {
    if (e.kind !== 'send' || e.bytes === undefined || e.connId === undefined || e.to === undefined) continue;
    const fromBroker = e.from === 'broker';
    const client = fromBroker ? e.to : e.from;
    let stream = streams.get(e.connId);
    const tsUs = Math.round((origin + e.atMs) * 1000);
    if (stream === undefined) {
      const given = options.endpoints?.(e.connId, client);
      let ends = given;
      if (ends === undefined) {
        if (!clients.has(client)) clients.set(client, clients.size);
        const port = FIRST_PORT + (portsUsed.get(client) ?? 0);
        portsUsed.set(client, (portsUsed.get(client) ?? 0) + 1);
        ends = { client: { ip: clientAddress(clients.get(client)!), port }, broker: BROKER };
      }
      stream = new TcpStream(ends.client, ends.broker, streams.size);
      streams.set(e.connId, stream);
      for (const frame of stream.handshake()) out.packet(tsUs, frame, `TCP handshake of ${client}'s connection ${e.connId}`);
    }
    const drop = drops.get(e.seq);
    const comment = `${e.from} -> ${e.to}: ${e.summary ?? ''}${drop ? ` (${options.lossText?.(drop) ?? 'lost in the simulation'})` : ''}`;
    const frames = stream.data(fromBroker ? 'down' : 'up', e.bytes);
    frames.forEach((frame, i) => out.packet(tsUs, frame, frames.length === 1 ? comment : `${comment} [segment ${i + 1}/${frames.length}]`));
  }
  return out.finish();
}

/** Client number `i` as an address in 198.18.0.0/15 (the benchmarking range), from 198.18.0.10. */
function clientAddress(i: number): string {
  const n = i + 10;
  return `198.${18 + (Math.floor(n / 65536) % 2)}.${Math.floor(n / 256) % 256}.${n % 256}`;
}

/** One TCP connection: sequence numbers per direction, frames built on demand. */
class TcpStream {
  /** Next sequence number of the client (`up`) and of the broker (`down`). */
  private seq = { up: 0, down: 0 };
  private readonly ipId = { up: 0, down: 0 };
  constructor(
    private readonly client: Endpoint,
    private readonly broker: Endpoint,
    index: number,
  ) {
    // Initial sequence numbers: fixed per stream, so the same trace gives the same file.
    this.seq.up = (0x1000_0000 + index * 0x0101_0101) >>> 0;
    this.seq.down = (0x6000_0000 + index * 0x0301_0301) >>> 0;
  }

  handshake(): Uint8Array[] {
    const syn = this.frame('up', TCP.SYN, new Uint8Array(0));
    this.seq.up = (this.seq.up + 1) >>> 0;
    const synAck = this.frame('down', TCP.SYN | TCP.ACK, new Uint8Array(0));
    this.seq.down = (this.seq.down + 1) >>> 0;
    const ack = this.frame('up', TCP.ACK, new Uint8Array(0));
    return [syn, synAck, ack];
  }

  /** The frames that carry `bytes` in one direction (one per MSS). */
  data(dir: 'up' | 'down', bytes: Uint8Array): Uint8Array[] {
    const frames: Uint8Array[] = [];
    for (let at = 0; at < bytes.length; at += MSS) {
      const chunk = bytes.subarray(at, Math.min(bytes.length, at + MSS));
      frames.push(this.frame(dir, TCP.PSH | TCP.ACK, chunk));
      this.seq[dir] = (this.seq[dir] + chunk.length) >>> 0;
    }
    return frames;
  }

  private frame(dir: 'up' | 'down', flags: number, payload: Uint8Array): Uint8Array {
    const [src, dst] = dir === 'up' ? [this.client, this.broker] : [this.broker, this.client];
    const other = dir === 'up' ? 'down' : 'up';
    const ack = flags & TCP.ACK ? this.seq[other] : 0;
    const tcp = tcpSegment(src, dst, this.seq[dir], ack, flags, payload);
    const ip = ipv4Packet(src.ip, dst.ip, this.ipId[dir]++ & 0xffff, tcp);
    return ethernetFrame(dir, ip);
  }
}

const TCP = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10 } as const;

function ipBytes(ip: string): number[] {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) throw new Error(`not an IPv4 address: ${ip}`);
  return parts;
}

/** The Internet checksum (RFC 1071) over `chunks`, as if they were one buffer. */
function checksum(...chunks: Uint8Array[]): number {
  let sum = 0;
  let odd = false;
  let pending = 0;
  for (const chunk of chunks) {
    for (let i = 0; i < chunk.length; i++) {
      if (odd) sum += (pending << 8) | chunk[i]!;
      else pending = chunk[i]!;
      odd = !odd;
    }
  }
  if (odd) sum += pending << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

function tcpSegment(src: Endpoint, dst: Endpoint, seq: number, ack: number, flags: number, payload: Uint8Array): Uint8Array {
  const seg = new Uint8Array(20 + payload.length);
  const v = new DataView(seg.buffer);
  v.setUint16(0, src.port);
  v.setUint16(2, dst.port);
  v.setUint32(4, seq >>> 0);
  v.setUint32(8, ack >>> 0);
  seg[12] = 5 << 4; // data offset: 5 words, no options
  seg[13] = flags;
  v.setUint16(14, 65535); // window
  seg.set(payload, 20);
  const pseudo = new Uint8Array(12);
  pseudo.set(ipBytes(src.ip), 0);
  pseudo.set(ipBytes(dst.ip), 4);
  pseudo[9] = 6; // TCP
  new DataView(pseudo.buffer).setUint16(10, seg.length);
  v.setUint16(16, checksum(pseudo, seg));
  return seg;
}

function ipv4Packet(src: string, dst: string, id: number, tcp: Uint8Array): Uint8Array {
  const pkt = new Uint8Array(20 + tcp.length);
  const v = new DataView(pkt.buffer);
  pkt[0] = 0x45; // version 4, header 5 words
  v.setUint16(2, pkt.length);
  v.setUint16(4, id);
  v.setUint16(6, 0x4000); // don't fragment
  pkt[8] = 64; // TTL
  pkt[9] = 6; // TCP
  pkt.set(ipBytes(src), 12);
  pkt.set(ipBytes(dst), 16);
  v.setUint16(10, checksum(pkt.subarray(0, 20)));
  pkt.set(tcp, 20);
  return pkt;
}

/** Locally administered MAC addresses: 02:00:00:00:00:01 for clients, …:02 for the broker. */
const MAC = { client: [2, 0, 0, 0, 0, 1], broker: [2, 0, 0, 0, 0, 2] } as const;

function ethernetFrame(dir: 'up' | 'down', ip: Uint8Array): Uint8Array {
  const frame = new Uint8Array(14 + ip.length);
  frame.set(dir === 'up' ? MAC.broker : MAC.client, 0);
  frame.set(dir === 'up' ? MAC.client : MAC.broker, 6);
  frame[12] = 0x08; // EtherType IPv4
  frame[13] = 0x00;
  frame.set(ip, 14);
  return frame;
}

/** Little-endian pcapng blocks, collected and joined at the end. */
class BlockWriter {
  private readonly blocks: Uint8Array[] = [];
  private readonly encoder = new TextEncoder();

  sectionHeader(application: string): void {
    const body = new Uint8Array(16);
    const v = new DataView(body.buffer);
    v.setUint32(0, 0x1a2b3c4d, true); // byte-order magic
    v.setUint16(4, 1, true); // major version
    v.setUint16(6, 0, true); // minor version
    v.setBigInt64(8, -1n, true); // section length: not given
    this.block(0x0a0d0d0a, body, [[4, this.encoder.encode(application)]]); // shb_userappl
  }

  interfaceDescription(): void {
    const body = new Uint8Array(8);
    const v = new DataView(body.buffer);
    v.setUint16(0, 1, true); // LINKTYPE_ETHERNET
    v.setUint32(4, 0, true); // snaplen: no limit
    this.block(0x00000001, body, [[2, this.encoder.encode('mqtt-lab')], [9, Uint8Array.of(6)]]); // if_name; if_tsresol: microseconds
  }

  packet(timestampUs: number, frame: Uint8Array, comment: string): void {
    const body = new Uint8Array(20 + pad4(frame.length));
    const v = new DataView(body.buffer);
    const ts = BigInt(Math.max(0, timestampUs));
    v.setUint32(0, 0, true); // interface 0
    v.setUint32(4, Number(ts >> 32n), true);
    v.setUint32(8, Number(ts & 0xffffffffn), true);
    v.setUint32(12, frame.length, true); // captured length
    v.setUint32(16, frame.length, true); // original length
    body.set(frame, 20);
    this.block(0x00000006, body, [[1, this.encoder.encode(comment)]]); // opt_comment
  }

  finish(): Uint8Array {
    const total = this.blocks.reduce((n, b) => n + b.length, 0);
    const out = new Uint8Array(total);
    let at = 0;
    for (const b of this.blocks) {
      out.set(b, at);
      at += b.length;
    }
    return out;
  }

  /** A block: type, total length, body, options (each padded to 4 bytes, then opt_endofopt), total length. */
  private block(type: number, body: Uint8Array, options: [code: number, value: Uint8Array][]): void {
    const optionBytes = options.reduce((n, [, value]) => n + 4 + pad4(value.length), 0) + (options.length > 0 ? 4 : 0);
    const length = 12 + body.length + optionBytes;
    const block = new Uint8Array(length);
    const v = new DataView(block.buffer);
    v.setUint32(0, type, true);
    v.setUint32(4, length, true);
    block.set(body, 8);
    let at = 8 + body.length;
    for (const [code, value] of options) {
      v.setUint16(at, code, true);
      v.setUint16(at + 2, value.length, true);
      block.set(value, at + 4);
      at += 4 + pad4(value.length);
    }
    if (options.length > 0) at += 4; // opt_endofopt: code 0, length 0
    v.setUint32(at, length, true);
    this.blocks.push(block);
  }
}

const pad4 = (n: number): number => (n + 3) & ~3;
