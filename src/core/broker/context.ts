/**
 * The broker's context (one immutable value per snapshot) and the transaction every event is
 * handled in.
 *
 * Theory of operation
 * -------------------
 * The machine hands each event to `handleEvent` (engine.ts) with a fresh `Tx`: the current
 * context plus an empty list of effects. Handlers replace `tx.ctx` with new values (never
 * mutating the old ones: the world keeps every snapshot) and append effects in the order they
 * happen. The machine then assigns `tx.ctx` and turns each effect into an xstate action:
 * `net.send`, `net.close`, `trace.explain`, or a delayed `raise` / `cancel` for timers. The Tx
 * object itself lives only for one event.
 */
import { Map as IMap } from 'immutable';
import type { Packet, ProtocolVersion } from '../codec/types.ts';
import type { ConnId, Explain } from '../mqtt/actor-contract.ts';
import type { ResolvedConfig } from './config.ts';
import type { RetainedStore } from './retained.ts';
import type { Session } from './sessions.ts';
import type { SubscriptionIndex } from './subscriptions.ts';
import type { SysCounters } from './sys.ts';

/** One network connection as the broker sees it. */
export interface Conn {
  connId: ConnId;
  state: 'awaiting-connect' | 'connected';
  openedAtMs: number;
  lastPacketAtMs: number;
  clientId?: string;
  version?: ProtocolVersion;
  username?: string;
  /** Effective keep alive (after a 5.0 Server Keep Alive), 0 = off. */
  keepAliveSec: number;
  /** The client's Receive Maximum (5.0), 65535 when absent. */
  receiveMaximum: number;
  /** The client's Maximum Packet Size (5.0), 0 = no limit. */
  maximumPacketSize: number;
  /** Topic aliases the client set up towards the broker (5.0). */
  inboundAliases: IMap<number, string>;
}

/** Timer events the broker raises to itself (the driver adds `nowMs` when they fire). */
export type BrokerTimerEvent =
  | { type: 'TIMER.KEEPALIVE'; connId: ConnId }
  | { type: 'TIMER.WILL'; clientId: string; generation: number }
  | { type: 'TIMER.SESSION_EXPIRY'; clientId: string; generation: number }
  | { type: 'TIMER.SYS' };

export interface BrokerContext {
  config: ResolvedConfig;
  startedAtMs: number;
  conns: IMap<ConnId, Conn>;
  sessions: IMap<string, Session>;
  subs: SubscriptionIndex;
  retained: RetainedStore;
  counters: SysCounters;
  /** Last published `$SYS` values (Mosquitto publishes only what changed). */
  lastSys: IMap<string, string>;
  /** Counter for assigned client IDs (deterministic, never random). */
  autoIdCounter: number;
  /** Round-robin position per shared group (`group filter` → next index). */
  sharedCursor: IMap<string, number>;
}

export type Effect =
  | { type: 'net.send'; params: { connId: ConnId; packet: Packet; version: ProtocolVersion } }
  | { type: 'net.close'; params: { connId: ConnId } }
  | { type: 'trace.explain'; params: Explain }
  | { type: 'timer.start'; id: string; delayMs: number; event: BrokerTimerEvent }
  | { type: 'timer.cancel'; id: string };

export interface Tx {
  ctx: BrokerContext;
  effects: Effect[];
  nowMs: number;
}

export type ExplainParams = Record<string, string | number | boolean>;

export function explain(tx: Tx, ref: string, key: string, params?: ExplainParams): void {
  tx.effects.push({ type: 'trace.explain', params: params ? { ref, key, params } : { ref, key } });
}

/** Picks the conformance ID by protocol version where 3.1.1 and 5.0 number a rule differently. */
export function ref(version: ProtocolVersion | undefined, v311: string, v5: string): string {
  return version === 5 ? v5 : v311;
}

export function send(tx: Tx, conn: Pick<Conn, 'connId' | 'version'>, packet: Packet, version?: ProtocolVersion): void {
  const v = version ?? conn.version ?? 4;
  tx.effects.push({ type: 'net.send', params: { connId: conn.connId, packet, version: v } });
  const c = tx.ctx.counters;
  tx.ctx = {
    ...tx.ctx,
    counters: {
      ...c,
      messagesSent: c.messagesSent + 1,
      publishSent: packet.type === 'publish' ? c.publishSent + 1 : c.publishSent,
    },
  };
}

export function closeSocket(tx: Tx, connId: ConnId): void {
  tx.effects.push({ type: 'net.close', params: { connId } });
}

export function startTimer(tx: Tx, id: string, delayMs: number, event: BrokerTimerEvent): void {
  tx.effects.push({ type: 'timer.start', id, delayMs, event });
}

export function cancelTimer(tx: Tx, id: string): void {
  tx.effects.push({ type: 'timer.cancel', id });
}

export const keepAliveTimerId = (connId: ConnId) => `keepalive:${connId}`;
export const willTimerId = (clientId: string) => `will:${clientId}`;
export const expiryTimerId = (clientId: string) => `session-expiry:${clientId}`;
export const SYS_TIMER_ID = 'sys';

export function setSession(tx: Tx, session: Session): void {
  tx.ctx = { ...tx.ctx, sessions: tx.ctx.sessions.set(session.clientId, session) };
}

export function setConn(tx: Tx, conn: Conn): void {
  tx.ctx = { ...tx.ctx, conns: tx.ctx.conns.set(conn.connId, conn) };
}

export function bumpDropped(tx: Tx): void {
  const c = tx.ctx.counters;
  tx.ctx = { ...tx.ctx, counters: { ...c, publishDropped: c.publishDropped + 1 } };
}
