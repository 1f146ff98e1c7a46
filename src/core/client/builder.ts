/**
 * The client's context and the one step builder every handler uses (`Builder`): a handler copies
 * the context once, edits the copy and collects its effects; see session.ts for the theory.
 */
import { List, Map as IMap, OrderedMap } from 'immutable';
import type { Packet, ProtocolVersion, PublishPacket } from '../codec/types.ts';
import type { Explain } from '../mqtt/actor-contract.ts';
import { ref, type RefName } from './refs.ts';
import type { ClientContext, ClientTimerEvent, ConnectOptions, Effect, ResolvedOptions, ServerLimits, Step } from './types.ts';

export const DEFAULT_KEEP_ALIVE_SEC = 60;
export const MAX_PACKET_ID = 65535;

export const DEFAULT_SERVER: ServerLimits = {
  receiveMaximum: 65535,
  maximumQoS: 2,
  retainAvailable: true,
  topicAliasMaximum: 0,
  maximumPacketSize: null,
  assignedClientId: null,
  serverKeepAliveSec: null,
};

/** A fresh client: what the process holds in memory right after it starts. */
export function initialContext(name: string): ClientContext {
  return {
    name,
    options: null,
    clientId: '',
    keepAliveSec: 0,
    server: DEFAULT_SERVER,
    hasSessionState: false,
    sessionPresent: null,
    connectedAtMs: null,
    keepAliveArmed: false,
    lastSentMs: null,
    pingSentAtMs: null,
    lastPacketId: 0,
    outgoing: List(),
    pending: List(),
    incomingQos2: OrderedMap(),
    awaitingAck: IMap(),
    subscriptions: OrderedMap(),
    inboundAliases: IMap(),
    lastConnack: null,
    lastSuback: null,
    lastCloseReason: null,
    receivedCount: 0,
  };
}

/** Applies the defaults (mosquitto_pub/sub's: 3.1.1, clean, keep-alive 60 s). */
export function resolveOptions(options: ConnectOptions = {}): ResolvedOptions {
  return {
    clientId: options.clientId ?? '',
    protocolVersion: options.protocolVersion ?? 4,
    clean: options.clean ?? true,
    keepAliveSec: options.keepAliveSec ?? DEFAULT_KEEP_ALIVE_SEC,
    sessionExpiryIntervalSec: options.sessionExpiryIntervalSec ?? 0,
    will: options.will,
    username: options.username,
    password: options.password,
    receiveMaximum: options.receiveMaximum ?? 65535,
    topicAliasMaximum: options.topicAliasMaximum ?? 0,
    maximumPacketSize: options.maximumPacketSize,
    userProperties: options.userProperties,
  };
}

/** The version in use (3.1.1 before the first CONNECT). */
export function versionOf(ctx: ClientContext): ProtocolVersion {
  return ctx.options?.protocolVersion ?? 4;
}

/**
 * Whether the session outlives the network connection: 3.1.1 Clean Session = 0; 5.0 a Session
 * Expiry Interval > 0 (MQTT-3.1.2-23 in 5.0; Clean Start only says whether to resume one).
 */
export function sessionOutlivesConnection(options: ResolvedOptions | null): boolean {
  if (options === null) return false;
  return options.protocolVersion === 5 ? options.sessionExpiryIntervalSec > 0 : !options.clean;
}


/**
 * A copy of the context as a literal, fields in `initialContext`'s order: V8 builds an object
 * spread of two dozen fields field by field (ten times slower), and this runs for nearly every
 * packet. TypeScript flags a field missing here.
 */
function copyContext(c: ClientContext): ClientContext {
  return {
    name: c.name,
    options: c.options,
    clientId: c.clientId,
    keepAliveSec: c.keepAliveSec,
    server: c.server,
    hasSessionState: c.hasSessionState,
    sessionPresent: c.sessionPresent,
    connectedAtMs: c.connectedAtMs,
    keepAliveArmed: c.keepAliveArmed,
    lastSentMs: c.lastSentMs,
    pingSentAtMs: c.pingSentAtMs,
    lastPacketId: c.lastPacketId,
    outgoing: c.outgoing,
    pending: c.pending,
    incomingQos2: c.incomingQos2,
    awaitingAck: c.awaitingAck,
    subscriptions: c.subscriptions,
    inboundAliases: c.inboundAliases,
    lastConnack: c.lastConnack,
    lastSuback: c.lastSuback,
    lastCloseReason: c.lastCloseReason,
    receivedCount: c.receivedCount,
  };
}

/**
 * The objects a run of steps has copied (actor-contract.ts, `RunScope`), lent while the fast
 * path runs one handler (`lendRun`), else undefined. A run keeps only its latest snapshot, so a
 * context this run copied is edited in place by the run's later handlers instead of being
 * copied for every packet (and the snapshot around it with it). Handlers therefore read the
 * context through their Builder (`b.ctx`), never an earlier reference, after an edit.
 */
let runOwned: Set<object> | undefined;

/** Lends the run's owned set to the Builders made from now on (see `runOwned`); undefined ends the loan. */
export function lendRun(owned: Set<object> | undefined): void {
  runOwned = owned;
}

/**
 * Collects effects while replacing the context. Local to one handler call: the context it is
 * given belongs to a snapshot and is never mutated; the first `set` or `edit` copies it, and
 * later ones change that private copy in place (a handler sets several fields, and a copy of the
 * whole context each time was a tenth of the client's work).
 */
export class Builder {
  effects: Effect[] = [];
  /** Whether `ctx` is a copy this handler (or the run it is part of, see `lendRun`) made. */
  private ownsCtx: boolean;
  constructor(
    public ctx: ClientContext,
    readonly nowMs: number,
  ) {
    this.ownsCtx = runOwned !== undefined && runOwned.has(ctx);
  }

  get version(): ProtocolVersion {
    return versionOf(this.ctx);
  }

  set(patch: Partial<ClientContext>): void {
    Object.assign(this.edit(), patch);
  }

  /** The context as this handler's own copy, for setting a field directly (`set` without a patch object). */
  edit(): ClientContext {
    if (!this.ownsCtx) {
      this.ctx = copyContext(this.ctx);
      this.ownsCtx = true;
      runOwned?.add(this.ctx);
    }
    return this.ctx;
  }

  explain(rule: RefName | { ref: string }, key: string, params?: Explain['params']): void {
    const r = typeof rule === 'string' ? ref(rule, this.version) : rule.ref;
    this.explained(params ? { ref: r, key, params } : { ref: r, key });
  }

  explained(explain: Explain): void {
    this.effects.push({ type: 'trace.explain', params: explain });
  }

  /** Sends a packet; any sent control packet restarts the keep-alive timer (MQTT-3.1.2-23). */
  send(packet: Packet): void {
    this.effects.push({ type: 'net.send', params: { packet, version: this.version } });
    this.edit().lastSentMs = this.nowMs;
    if (this.ctx.keepAliveArmed && this.ctx.keepAliveSec > 0) {
      this.cancelTimer('keepAlive');
      this.startTimer('keepAlive', this.ctx.keepAliveSec * 1000);
    }
  }

  open(): void {
    this.effects.push({ type: 'net.open', params: {} });
  }

  close(): void {
    this.effects.push({ type: 'net.close', params: {} });
  }

  deliver(packet: PublishPacket): void {
    this.effects.push({ type: 'app.deliver', params: { packet } });
  }

  /** A timer as xstate's delayed `raise` gives it; the event carries the time it fires at. */
  startTimer(id: 'keepAlive' | 'pingresp', delayMs: number): void {
    const event: ClientTimerEvent = { type: id === 'keepAlive' ? 'TIMER.KEEPALIVE' : 'TIMER.PINGRESP', nowMs: this.nowMs + delayMs };
    this.effects.push({ type: 'xstate.raise', params: { event, id, delay: delayMs } });
  }

  cancelTimer(id: 'keepAlive' | 'pingresp'): void {
    this.effects.push({ type: 'xstate.cancel', params: { sendId: id } });
  }

  step(): Step {
    return { context: this.ctx, effects: this.effects };
  }
}

export function hex(code: number): string {
  return `0x${code.toString(16).padStart(2, '0').toUpperCase()}`;
}
