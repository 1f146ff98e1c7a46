/**
 * Real traffic as a timeline of worlds, so the simulation's views (stage, sequence diagram,
 * inspector, broker view) show a live feed or a recording exactly as they show a simulated run
 * (ARCHITECTURE.md: "A view never needs to know whether a trace came from the simulation or
 * from sockets").
 *
 * Theory of operation
 * -------------------
 * Lines of the one trace format (src/sim/trace-json.ts) come in one at a time (`add`). Each
 * entry of the real broker becomes one step: a new immutable `World` and the entries of that
 * step, appended to the arrays a `Timeline` (src/sim/history.ts) reads, so stepping back and
 * forward, the scrubber and the trace prefix work as for a simulated run.
 *
 * - Actors: a client appears when its CONNECT arrives, named by its client id and the host it
 *   came from (`sensor-1 (192.168.1.23)`); a reconnection from the same id and host is the same
 *   actor. Its state on the stage follows its packets: connecting (CONNECT), connected (CONNACK
 *   0), refused (CONNACK ≠ 0), disconnected (DISCONNECT or a closed connection), crashed (a reset).
 * - Packets: the real broker records what it received (`deliver`) and sent (`send`); the views
 *   draw an arrow from a `send` to its `deliver`. So a received packet gets its client's `send`
 *   just before it, a sent one its client's `deliver` just after it, both with the real bytes
 *   and the same time (the broker saw one end of the wire only). A simulation's trace (header
 *   `source: "simulation"`, e.g. a run saved by an older version) has both ends already: its
 *   packet entries are taken as they are (`simulatedPacket`).
 * - The broker view: a replica of the broker engine (src/core/broker/engine.ts) is fed the same
 *   connections, packets, closes and timer firings as the real broker, so sessions,
 *   subscriptions and retained messages are what the real broker holds. It runs with the real
 *   broker's configuration from the header (`allow_anonymous`, the ACL, the limits, the user
 *   names: src/sim/trace-broker-config.ts) and each connection's certificate identity (its
 *   `conn` line), so it refuses and denies what the real broker did. Passwords do not travel:
 *   for a CONNECT whose password decides, the replica waits for the real broker's verdict (a
 *   `connect.bad-credentials` note, or the CONNACK without one) before it takes the CONNECT.
 *   A trace without configuration (an older recording) gets the default one.
 * - Steps: the entries of one event of the real broker (they share its `step`) are one step.
 * - Sequence numbers are renumbered from 0 (a feed starts with the ring's backlog, not at 0).
 *
 * Nothing here reads a clock or a socket; the world's event queue stays empty, so the timeline
 * never simulates anything on its own.
 */
import type { AnyMachineSnapshot } from 'xstate';
import { initialContext, start, step as brokerStep, type BrokerContext, type BrokerEvent, type BrokerTimerEvent } from '../core/broker/index.ts';
import type { Packet } from '../core/codec/types.ts';
import { Timeline } from './history.ts';
import { clientActor, createMqttWorld } from './mqtt-world.ts';
import { emptyAgenda } from './agenda.ts';
import type { TraceEntry } from './trace.ts';
import type { TraceConn, TraceHeader, TraceLine } from './trace-json.ts';
import { BROKER, type Connection, type World } from './world-types.ts';
import { replicaConfig } from './trace-broker-config.ts';

/** What the stage shows for a live client (the names of the client machine's top states). */
type LiveState = 'connecting' | 'connected' | 'refused' | 'disconnected' | 'crashed';

/** A CONNECT held back until the real broker's entries say whether its password was right. */
interface HeldConnect {
  connId: string;
  step: number | undefined;
  event: BrokerEvent;
}

export class LiveWorld {
  #header: TraceHeader | undefined;
  /** The connections seen, by id, with their real addresses. */
  readonly conns = new Map<string, TraceConn>();
  readonly timeline: Timeline;
  private readonly worlds: World[];
  private readonly ends: number[];
  private readonly entries: TraceEntry[] = [];
  /** The entries as they came (the real broker's own), for saving and for `traceToScenario`. */
  private readonly received: TraceEntry[] = [];
  private world: World;
  private broker: BrokerContext;
  /** The replica's armed timers: id -> the event the real broker gets when it fires. */
  private readonly timers = new Map<string, BrokerTimerEvent>();
  /**
   * A simulation's trace (header `source: "simulation"`, e.g. an older version's saved run):
   * its packet entries are both ends already, so they are taken as they are (`simulatedPacket`).
   * Its send's sequence number as written -> the one here (a deliver's `sendSeq` is remapped).
   */
  private readonly sendSeqs = new Map<number, number>();
  private readonly actorOfConn = new Map<string, string>();
  private readonly clientSnapshot: AnyMachineSnapshot;
  private readonly brokerSnapshot: AnyMachineSnapshot;
  private startMs: number | undefined;
  /** The real broker's step of the last entry: entries of one broker event are one step here too. */
  private lastRealStep: number | undefined;
  private held: HeldConnect | undefined;
  /**
   * The real broker's verdict on the password of the CONNECT being fed (see `HeldConnect`). False
   * at every other moment: a "what if" branched off the live picture runs this replica without
   * the passwords, so a known user's CONNECT there is refused rather than let in with any
   * password (the safe answer; the real broker would check it).
   */
  private passwordRight = false;

  constructor(header?: TraceHeader) {
    this.#header = header;
    const initial = createMqttWorld({ clients: [] });
    // An empty queue: nothing is simulated; every step comes from the real broker.
    this.world = { ...initial, queue: null, agenda: emptyAgenda, timers: initial.timers.clear() };
    this.brokerSnapshot = this.world.actors.get(BROKER)!;
    this.clientSnapshot = createMqttWorld({ clients: ['x'] }).actors.get('x')!;
    this.broker = this.startReplica();
    this.worlds = [this.withBroker(this.world)];
    this.ends = [0];
    this.timeline = new Timeline(this.worlds[0]!, this.worlds, this.ends, this.entries, 0);
  }

  /** The header of the feed or file (its configuration is the replica's). */
  get header(): TraceHeader | undefined {
    return this.#header;
  }

  /** A fresh replica with the header's configuration (its $SYS timer armed). */
  private startReplica(): BrokerContext {
    this.timers.clear();
    const config = replicaConfig(this.#header?.broker ?? {}, () => this.passwordRight);
    const started = start(initialContext({ ...config, nowMs: 0 }), 0);
    this.remember(started.effects);
    return started.context;
  }

  /** Steps so far (worlds after the initial one). */
  get steps(): number {
    return this.worlds.length - 1;
  }

  /** The trace so far (every entry, renumbered). */
  get trace(): readonly TraceEntry[] {
    return this.entries;
  }

  /** The entries as the real broker wrote them (not renumbered, no arrows added). */
  get original(): readonly TraceEntry[] {
    return this.received;
  }

  /** Time of the latest entry, from the first one (ms). */
  get nowMs(): number {
    return this.world.nowMs;
  }

  /** Takes one line of the feed or file; returns true when a step was added. */
  add(line: TraceLine): boolean {
    if ('header' in line) {
      // A feed's header comes first: the replica starts over with its configuration.
      if (this.received.length === 0) {
        this.#header = line.header;
        this.broker = this.startReplica();
        this.worlds[0] = this.withBroker(this.world);
      }
      return false;
    }
    if ('conn' in line) {
      this.conns.set(line.conn.id, line.conn);
      return false;
    }
    this.addEntry(line.entry);
    return true;
  }

  private addEntry(real: TraceEntry): void {
    this.settleHeld(real);
    this.received.push(real);
    this.startMs ??= real.atMs;
    const atMs = Math.max(this.world.nowMs, real.atMs - this.startMs);
    // One event of the real broker (a packet received, a connection closed, a timer) and what it
    // caused (its rules, its answers) are one step, so the inspector finds a packet's rules.
    const sameStep = this.lastRealStep === real.step && this.worlds.length > 1;
    this.lastRealStep = real.step;
    if (sameStep) {
      this.worlds.pop();
      this.ends.pop();
    }
    const stepIndex = this.worlds.length - 1;
    const out: TraceEntry[] = [];
    const push = (e: Omit<TraceEntry, 'seq' | 'step' | 'atMs'>): TraceEntry => {
      const full = { ...e, seq: this.entries.length + out.length, step: stepIndex, atMs } as TraceEntry;
      out.push(full);
      return full;
    };
    let world = { ...this.world, nowMs: atMs, stepCount: stepIndex + 1 };
    const connId = real.connId;
    const packet = real.packet;
    const { seq: _seq, step: _step, atMs: _at, sendSeq: _send, ...rest } = real;

    if (this.#header?.source === 'simulation' && (real.kind === 'send' || real.kind === 'deliver' || real.kind === 'drop') && connId !== undefined && packet) {
      world = this.simulatedPacket(world, real, rest, push, atMs);
    } else if (real.kind === 'deliver' && connId !== undefined && packet) {
      // A packet from a client: its actor (new on CONNECT), its send, then its arrival.
      if (packet.type === 'connect') world = this.ensureActor(world, connId, packet.clientId || real.from);
      const actor = this.actorOfConn.get(connId) ?? this.hostName(connId, real.from);
      const send = push({ ...rest, kind: 'send', from: actor, to: BROKER });
      push({ ...rest, kind: 'deliver', from: actor, to: BROKER, sendSeq: send.seq });
      world = this.clientState(world, actor, packet);
      const event = { type: 'NET.PACKET', connId, packet, nowMs: atMs } as BrokerEvent;
      if (packet.type === 'connect' && this.passwordDecides(connId, packet.username)) this.held = { connId, step: real.step, event };
      else this.feed(event);
    } else if (real.kind === 'send' && connId !== undefined && packet) {
      const actor = this.actorOfConn.get(connId) ?? real.to ?? connId;
      const send = push({ ...rest, kind: 'send', from: BROKER, to: actor });
      push({ ...rest, kind: 'deliver', from: BROKER, to: actor, sendSeq: send.seq });
      world = this.clientState(world, actor, packet);
    } else {
      push(rest);
      const key = real.explain?.key;
      if (connId !== undefined && key === 'sim.tcp-open') {
        const identity = this.conns.get(connId)?.identity;
        this.feed({ type: 'NET.OPEN', connId, nowMs: atMs, ...(identity ? { identity } : {}) } as BrokerEvent);
      }
      if (connId !== undefined && (key === 'sim.tcp-closed' || key === 'sim.tcp-reset')) {
        const reset = key === 'sim.tcp-reset';
        this.feed({ type: 'NET.CLOSED', connId, reason: reset ? 'reset' : 'peer-closed', nowMs: atMs } as BrokerEvent);
        const actor = this.actorOfConn.get(connId);
        if (actor !== undefined) world = this.setState(world, actor, reset ? 'crashed' : 'disconnected', true);
      }
      if (real.kind === 'timer' && real.summary !== undefined) {
        const event = this.timers.get(real.summary);
        if (event) {
          this.timers.delete(real.summary);
          this.feed({ ...event, nowMs: atMs } as BrokerEvent);
        }
      }
    }
    this.world = world;
    for (const e of out) this.entries.push(e);
    this.worlds.push(this.withBroker(world));
    this.ends.push(this.entries.length);
  }

  /**
   * One packet entry of a simulation's trace, which has each packet's send and its deliver (or
   * drop) already, with the real direction: taken as it is (a real broker's trace has one end
   * only, and `addEntry` adds the other). The client's actor comes with its connection; what
   * reaches the broker feeds the replica.
   */
  private simulatedPacket(world: World, real: TraceEntry, rest: Omit<TraceEntry, 'seq' | 'step' | 'atMs' | 'sendSeq'>, push: (e: Omit<TraceEntry, 'seq' | 'step' | 'atMs'>) => TraceEntry, atMs: number): World {
    const connId = real.connId!;
    const packet = real.packet!;
    const client = real.from === BROKER ? real.to : real.from;
    let w = world;
    if (client !== undefined && this.actorOfConn.get(connId) !== client) {
      w = this.ensureActor(w, connId, client);
      this.feed({ type: 'NET.OPEN', connId, nowMs: atMs } as BrokerEvent);
    }
    const sendSeq = real.sendSeq === undefined ? undefined : this.sendSeqs.get(real.sendSeq);
    const entry = push({ ...rest, ...(sendSeq === undefined ? {} : { sendSeq }) });
    if (real.kind === 'send') this.sendSeqs.set(real.seq, entry.seq);
    if (real.kind === 'deliver' && client !== undefined) {
      w = this.clientState(w, client, packet);
      if (real.to === BROKER) this.feed({ type: 'NET.PACKET', connId, packet, nowMs: atMs } as BrokerEvent);
    }
    return w;
  }

  /**
   * True when only the password can decide this CONNECT: a user of the password file, on a
   * connection without a certificate identity. The real broker's verdict follows in its entries.
   */
  private passwordDecides(connId: string, username: string | undefined): boolean {
    const users = this.#header?.broker?.users;
    return username !== undefined && username !== '' && users !== undefined && users.includes(username) && this.conns.get(connId)?.identity === undefined;
  }

  /**
   * Feeds a held CONNECT once `next` tells its fate: the real broker's bad-credentials note (the
   * password was wrong), or anything after it that is not a note of that step (it was right: the
   * CONNACK, or the next event).
   */
  private settleHeld(next: TraceEntry): void {
    const held = this.held;
    if (!held) return;
    const sameStep = next.step === held.step;
    const refused = sameStep && next.explain?.key === 'connect.bad-credentials';
    if (sameStep && next.kind === 'note' && !refused) return;
    this.held = undefined;
    this.passwordRight = !refused;
    this.feed(held.event);
    this.passwordRight = false;
  }

  /** The replica broker takes the same event as the real one did. */
  private feed(event: BrokerEvent): void {
    try {
      const r = brokerStep(this.broker, event);
      this.broker = r.context;
      this.remember(r.effects);
    } catch {
      // A replica that cannot follow (a packet only the real configuration explains) keeps its state.
    }
  }

  private remember(effects: readonly { type: string }[]): void {
    for (const e of effects) {
      if (e.type === 'timer.start') {
        const t = e as unknown as { id: string; event: BrokerTimerEvent };
        this.timers.set(t.id, t.event);
      } else if (e.type === 'timer.cancel') this.timers.delete((e as unknown as { id: string }).id);
    }
  }

  private withBroker(world: World): World {
    return { ...world, actors: world.actors.set(BROKER, { ...this.brokerSnapshot, context: this.broker } as AnyMachineSnapshot) };
  }

  /** `sensor-1 (192.168.1.23)`: the client id and the host the connection came from. */
  private hostName(connId: string, clientId: string): string {
    const remote = this.conns.get(connId)?.remote;
    const host = remote === undefined ? undefined : remote.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1').replace(/^::ffff:/, '');
    return host === undefined || host === clientId.replace(/:\d+$/, '') ? clientId : `${clientId} (${host})`;
  }

  private ensureActor(world: World, connId: string, clientId: string): World {
    const name = this.hostName(connId, clientId);
    this.actorOfConn.set(connId, name);
    let w = world;
    if (!w.statics.defs.has(name)) {
      const defs = new Map(w.statics.defs).set(name, clientActor(name));
      w = {
        ...w,
        statics: { ...w.statics, defs },
        cables: w.cables.set(name, { latencyMs: 0, jitterMs: 0, lossRatio: 0, up: true }),
      };
    }
    const connection: Connection = {
      id: connId, client: name, version: 4, clientOpen: true, brokerOpen: true, lastUpMs: 0, lastDownMs: 0,
      sentUp: 0, sentDown: 0, deliveredUp: 0, deliveredDown: 0, heldUpUntilMs: 0, heldDownUntilMs: 0,
    };
    return { ...w, conns: w.conns.set(connId, connection), clientConn: w.clientConn.set(name, connId) };
  }

  private clientState(world: World, actor: string, packet: Packet): World {
    switch (packet.type) {
      case 'connect':
        return this.setState(world, actor, 'connecting');
      case 'connack':
        return this.setState(world, actor, packet.reasonCode === 0 ? 'connected' : 'refused');
      case 'disconnect':
        return this.setState(world, actor, 'disconnected');
      default:
        return world;
    }
  }

  /** A closed connection leaves a refused client refused (the close follows the CONNACK). */
  private setState(world: World, actor: string, state: LiveState, closed = false): World {
    if (!world.statics.defs.has(actor)) return world;
    const current = world.actors.get(actor)?.value;
    if (closed && (current === 'refused' || current === 'disconnected')) return world;
    const value = state === 'connected' ? { connected: 'idle' } : state;
    return { ...world, actors: world.actors.set(actor, { ...this.clientSnapshot, value } as AnyMachineSnapshot) };
  }
}

/** A whole recording (or anything read with `readTrace`) as a live world. */
export function liveWorldOf(header: TraceHeader | undefined, conns: readonly TraceConn[], entries: readonly TraceEntry[]): LiveWorld {
  const live = new LiveWorld(header);
  for (const conn of conns) live.add({ conn });
  for (const entry of entries) live.add({ entry });
  return live;
}

/** `127.0.0.1:53422` (or `::ffff:127.0.0.1:53422`) as an IPv4 endpoint; undefined for IPv6 and the rest. */
function ipv4Endpoint(address: string): { ip: string; port: number } | undefined {
  const m = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$/.exec(address);
  return m ? { ip: m[1]!, port: Number(m[2]) } : undefined;
}

/**
 * The real addresses of recorded connections, for `traceToPcapng`'s `endpoints` (IPv4 only:
 * for other connections the capture invents addresses, as for a simulated run).
 */
export function recordedEndpoints(conns: Iterable<TraceConn>): (connId: string) => { client: { ip: string; port: number }; broker: { ip: string; port: number } } | undefined {
  const byId = new Map<string, TraceConn>();
  for (const c of conns) byId.set(c.id, c);
  return (connId) => {
    const c = byId.get(connId);
    const client = c && ipv4Endpoint(c.remote);
    const broker = c && ipv4Endpoint(c.local);
    return client && broker ? { client, broker } : undefined;
  };
}
