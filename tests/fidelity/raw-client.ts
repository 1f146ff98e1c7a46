/**
 * A scripted MQTT client over raw TCP with the project's own codec: full control of packet IDs,
 * DUP and every field, and a record of every packet received, in order.
 *
 * By default it acknowledges incoming QoS 1/2 PUBLISH itself (PUBACK; PUBREC, then PUBCOMP for
 * the broker's PUBREL); `autoAck: false` leaves that to the script. Waits are bounded.
 */
import { connect as tcpConnect, type Socket } from 'node:net';
import { Decoder, encode, type ConnectPacket, type Packet, type ProtocolVersion } from '../../src/core/codec/index.ts';

export interface RawClientOptions {
  autoAck?: boolean;
}

export class RawClient {
  readonly received: Packet[] = [];
  /** Acknowledges incoming QoS 1/2 by itself. */
  readonly autoAck: boolean;
  /** Script markers: after `received[index - 1]` the script noted `label`. */
  readonly marks: Array<{ index: number; label: string }> = [];
  closed = false;
  private readonly decoder: Decoder;
  private waiters: Array<() => void> = [];

  private constructor(
    private readonly socket: Socket,
    readonly version: ProtocolVersion,
    private readonly options: RawClientOptions,
  ) {
    this.autoAck = options.autoAck !== false;
    this.decoder = new Decoder({ version });
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => {});
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
  }

  /** Opens a TCP connection (no packet sent yet). */
  static open(port: number, version: ProtocolVersion, options: RawClientOptions = {}): Promise<RawClient> {
    return new Promise((resolveOpen, reject) => {
      const socket = tcpConnect({ host: '127.0.0.1', port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`cannot connect to 127.0.0.1:${port}`));
      }, 5000);
      socket.once('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      socket.once('connect', () => {
        clearTimeout(timer);
        resolveOpen(new RawClient(socket, version, options));
      });
    });
  }

  /** Opens and sends CONNECT; resolves after CONNACK (or the connection closing). */
  static async connect(port: number, packet: Omit<ConnectPacket, 'type'>, options: RawClientOptions = {}): Promise<RawClient> {
    const c = await RawClient.open(port, packet.protocolVersion, options);
    c.send({ type: 'connect', ...packet });
    await c.waitFor((p) => p.type === 'connack', 5000, true);
    return c;
  }

  private onData(chunk: Buffer): void {
    this.decoder.push(new Uint8Array(chunk));
    for (;;) {
      const r = this.decoder.next();
      if (r.kind === 'need-more') break;
      if (r.kind === 'error') {
        this.received.push({ type: 'auth', reasonCode: -1, properties: { reasonString: `malformed: ${r.error.message}` } });
        this.socket.destroy();
        break;
      }
      const packet = r.packet;
      this.received.push(packet);
      if (this.options.autoAck !== false) this.ack(packet);
    }
    this.wake();
  }

  private ack(p: Packet): void {
    const v5 = this.version === 5;
    if (p.type === 'publish' && p.qos === 1) this.send(v5 ? { type: 'puback', packetId: p.packetId!, reasonCode: 0 } : { type: 'puback', packetId: p.packetId! });
    if (p.type === 'publish' && p.qos === 2) this.send({ type: 'pubrec', packetId: p.packetId! });
    if (p.type === 'pubrel') this.send({ type: 'pubcomp', packetId: p.packetId });
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  send(packet: Packet): void {
    if (this.closed || this.socket.destroyed) return;
    this.socket.write(encode(packet, this.version));
  }

  /** Notes `label` at this point of the received packets (it shows in the transcript). */
  mark(label: string): void {
    this.marks.push({ index: this.received.length, label });
  }

  /** Sends raw bytes (malformed input tests). */
  sendBytes(bytes: Uint8Array): void {
    if (!this.closed) this.socket.write(bytes);
  }

  /** The first received packet (from index `from`) matching `pred`; rejects after `ms` unless `orClose`. */
  waitFor(pred: (p: Packet) => boolean, ms = 3000, orClose = false, from = 0): Promise<Packet | undefined> {
    return new Promise((resolveWait, reject) => {
      const timer = setTimeout(() => {
        done = true;
        reject(new Error(`no matching packet within ${ms} ms; received: ${JSON.stringify(this.received.map((p) => p.type))}`));
      }, ms);
      let done = false;
      const check = () => {
        if (done) return;
        const found = this.received.slice(from).find(pred);
        if (found || (orClose && this.closed)) {
          done = true;
          clearTimeout(timer);
          resolveWait(found);
          return;
        }
        if (this.closed) {
          done = true;
          clearTimeout(timer);
          reject(new Error(`connection closed; received: ${JSON.stringify(this.received.map((p) => p.type))}`));
          return;
        }
        this.waiters.push(check);
      };
      check();
    });
  }

  /** Resolves when `count` packets matching `pred` arrived (bounded). */
  async waitCount(pred: (p: Packet) => boolean, count: number, ms = 3000): Promise<void> {
    const deadline = Date.now() + ms;
    while (this.received.filter(pred).length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} packets, got ${this.received.filter(pred).length}`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, 50);
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
  }

  /** Resolves when the connection is closed (bounded). */
  waitClosed(ms = 3000): Promise<void> {
    return new Promise((resolveWait, reject) => {
      const timer = setTimeout(() => reject(new Error(`connection still open after ${ms} ms`)), ms);
      const check = () => {
        if (this.closed) {
          clearTimeout(timer);
          resolveWait();
        } else this.waiters.push(check);
      };
      check();
    });
  }

  /** Sends DISCONNECT and closes. */
  disconnect(packet: Packet = { type: 'disconnect' }): void {
    this.send(packet);
    this.socket.end();
  }

  /** Cuts the connection without DISCONNECT (like a pulled cable, seen as a reset). */
  cut(): void {
    this.socket.destroy();
  }
}
