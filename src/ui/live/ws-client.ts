/**
 * The sandbox's client on a real broker (issue #17 part 3): the project's client machine
 * (src/core/client) driven over a real WebSocket (`ws://` or `wss://`, subprotocol `mqtt`) by the
 * browser, as `TcpBroker` drives the broker machine over sockets.
 *
 * Theory of operation
 * -------------------
 * The machine is advanced with xstate's pure `transition()`; every event carries `nowMs` (ms
 * since the client was made, `performance.now()`). Its actions are interpreted in order:
 * `net.open` opens the WebSocket (NET.OPENED when it opens, NET.CLOSED `refused` when it cannot),
 * `net.send` encodes the packet with the project's codec and sends it as one binary message,
 * `net.close` closes the socket, `trace.explain` is a rule, `xstate.raise` with a delay is a timer
 * (keep-alive) and `xstate.cancel` cancels one. Received binary messages go through a streaming
 * `Decoder`, one NET.PACKET per packet.
 *
 * What happens is written as trace entries in the broker's words, as `npm run broker` records them
 * (a packet the client sent is one the broker received: `deliver`; one it received, `send`), each
 * with its real bytes, so the live view's timeline (src/sim/live-world.ts) shows them in the same
 * views as a live feed. Nothing is written twice: one entry per packet, one step per event.
 */
import { transition, initialTransition, type AnyMachineSnapshot } from 'xstate';
import { clientMachine } from '../../core/client/index.ts';
import { Decoder, encode, summarize, type Packet, type ProtocolVersion } from '../../core/codec/index.ts';
import type { TraceEntry } from '../../sim/trace.ts';
import type { TraceConn, TraceLine } from '../../sim/trace-json.ts';

type Action = { type: string; params?: unknown };
/** An event for the client machine (the machine checks its own events). */
export type ClientEventInput = { type: string } & Record<string, unknown>;

export interface WsClientOptions {
  /** `ws://host:port/mqtt` or `wss://…`. */
  url: string;
  /** The actor's name (the client id when it connects). */
  name: string;
  /** Each trace line as it happens (a `conn` line before the connection's first entry). */
  onLine: (line: TraceLine) => void;
  /** Told when the connection opened or closed, and of problems (a socket that failed). */
  onStatus?: (status: 'open' | 'closed', message?: string) => void;
}

export class WsClient {
  private snapshot: AnyMachineSnapshot;
  private socket: WebSocket | undefined;
  private decoder = new Decoder({ version: 4 });
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly started = performance.now();
  private seq = 0;
  private step = 0;
  private connCount = 0;
  private connId = '';
  private version: ProtocolVersion = 4;
  private clientId: string;

  constructor(private readonly options: WsClientOptions) {
    this.clientId = options.name;
    const [snapshot, actions] = initialTransition(clientMachine, { name: options.name });
    this.snapshot = snapshot;
    this.interpret(actions as readonly Action[]);
  }

  private get nowMs(): number {
    return Math.floor(performance.now() - this.started);
  }

  /** Whether the machine is connected (its top state). */
  get state(): string {
    const v = this.snapshot.value;
    return typeof v === 'string' ? v : Object.keys(v as object)[0] ?? '';
  }

  /** Hands an application event (APP.CONNECT, APP.PUBLISH, …) to the machine. */
  send(event: ClientEventInput): void {
    if (event.type === 'APP.CONNECT') {
      const id = (event.options as { clientId?: string } | undefined)?.clientId;
      if (id) this.clientId = id;
    }
    this.deliver({ ...event, nowMs: this.nowMs });
  }

  /** Closes the socket and cancels every timer (the page is done with this client). */
  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    const s = this.socket;
    this.socket = undefined;
    s?.close();
  }

  private deliver(event: ClientEventInput): void {
    const [next, actions] = transition(clientMachine, this.snapshot, event as never);
    this.snapshot = next;
    this.interpret(actions as readonly Action[]);
    this.step++;
  }

  private interpret(actions: readonly Action[]): void {
    for (const a of actions) {
      switch (a.type) {
        case 'net.open':
          this.open();
          break;
        case 'net.send': {
          const { packet, version } = a.params as { packet: Packet; version: ProtocolVersion };
          this.version = version;
          const bytes = encode(packet, version);
          this.entry({ kind: 'deliver', from: this.clientId, to: 'broker', connId: this.connId, packet, bytes, summary: summarize(packet) });
          if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(bytes as Uint8Array<ArrayBuffer>);
          break;
        }
        case 'net.close':
          this.socket?.close();
          break;
        case 'trace.explain':
          this.entry({ kind: 'note', from: this.clientId, connId: this.connId, explain: a.params as TraceEntry['explain'] });
          break;
        case 'xstate.raise': {
          const p = a.params as { event: ClientEventInput; id: string; delay?: number };
          if (p.delay === undefined) break;
          clearTimeout(this.timers.get(p.id));
          this.timers.set(p.id, setTimeout(() => {
            this.timers.delete(p.id);
            this.deliver({ ...p.event, nowMs: this.nowMs });
          }, p.delay));
          break;
        }
        case 'xstate.cancel': {
          const id = (a.params as { sendId: string }).sendId;
          clearTimeout(this.timers.get(id));
          this.timers.delete(id);
          break;
        }
      }
    }
  }

  private open(): void {
    this.connId = `app-${++this.connCount}`;
    this.decoder = new Decoder({ version: this.version });
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.options.url, ['mqtt']);
    } catch (error) {
      this.options.onStatus?.('closed', (error as Error).message);
      queueMicrotask(() => this.deliver({ type: 'NET.CLOSED', reason: 'refused', nowMs: this.nowMs }));
      return;
    }
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    const url = new URL(this.options.url);
    const conn: TraceConn = { id: this.connId, remote: 'browser:0', local: url.host, transport: url.protocol === 'wss:' ? 'wss' : 'ws' };
    this.options.onLine({ conn });
    let opened = false;
    socket.onopen = () => {
      if (socket !== this.socket) return;
      opened = true;
      this.options.onStatus?.('open');
      this.entry({ kind: 'note', from: 'broker', connId: this.connId, explain: { ref: 'sim', key: 'sim.tcp-open', params: { conn: `${this.connId} (${url.host}, ${conn.transport})` } } });
      this.deliver({ type: 'NET.OPENED', nowMs: this.nowMs });
    };
    socket.onmessage = (message) => {
      if (socket !== this.socket || !(message.data instanceof ArrayBuffer)) return;
      this.decoder.version = this.version;
      this.decoder.push(new Uint8Array(message.data));
      for (;;) {
        const r = this.decoder.next();
        if (r.kind === 'need-more') break;
        if (r.kind === 'error') {
          this.deliver({ type: 'NET.MALFORMED', error: r.error, nowMs: this.nowMs });
          socket.close();
          break;
        }
        this.entry({ kind: 'send', from: 'broker', to: this.clientId, connId: this.connId, packet: r.packet, bytes: r.bytes.slice(), summary: summarize(r.packet) });
        this.deliver({ type: 'NET.PACKET', packet: r.packet, nowMs: this.nowMs });
      }
    };
    socket.onclose = (event) => {
      if (socket !== this.socket) return;
      this.socket = undefined;
      this.options.onStatus?.('closed', opened ? undefined : `cannot connect to ${this.options.url}${event.reason ? `: ${event.reason}` : ''}`);
      this.entry({ kind: 'note', from: 'broker', connId: this.connId, explain: { ref: 'sim', key: 'sim.tcp-closed', params: { conn: this.connId } } });
      this.deliver({ type: 'NET.CLOSED', reason: opened ? 'peer-closed' : 'refused', nowMs: this.nowMs });
    };
  }

  private entry(e: Omit<TraceEntry, 'seq' | 'step' | 'atMs'>): void {
    const full = { seq: this.seq++, step: this.step, atMs: this.nowMs, ...e } as TraceEntry;
    this.options.onLine({ entry: full });
  }
}
