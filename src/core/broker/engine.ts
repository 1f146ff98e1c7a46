/**
 * The broker's event handler: one pure function from (context, event) to (context, effects).
 * The xstate machine (broker.machine.ts) is a thin shell around it.
 */
import { Map as IMap } from 'immutable';
import { DEFAULT_LIMITS, codecNoteParams, type DecoderLimits } from '../codec/index.ts';
import type { BrokerNetEvent, ConnId } from '../mqtt/actor-contract.ts';
import { resolveConfig, type BrokerConfig, type ResolvedConfig } from './config.ts';
import { closeSocket, editConn, explain, getConn, keepAliveTimerId, newTx, send, setConn, startTimer, update, type BrokerContext, type BrokerTimerEvent, type Effect, type Tx } from './context.ts';
import {
  dropConnection,
  onKeepAliveTimer,
  onSessionExpiryTimer,
  onSysTimer,
  onWillTimer,
  startBroker,
  stopBroker,
} from './lifecycle.ts';
import { handlePacket } from './packets.ts';
import { emptyRetained, emptyRetainedNodes } from './retained.ts';
import { emptySubscriptionIndex } from './subscriptions.ts';
import { zeroCounters } from './sys.ts';

/** Commands from the world (faults and the scenario's `broker` verbs). */
export type BrokerCommandEvent = { nowMs: number } & (
  | { type: 'BROKER.RESTART'; persistence?: boolean }
  | { type: 'BROKER.STOP'; persistence?: boolean; disconnectReason?: number }
  | { type: 'BROKER.START' }
);

/**
 * From a real-time driver: what waits unwritten on a connection's socket reached (`full`) or
 * fell below the `max_queued_messages` / `max_queued_bytes` limits. The simulated links never
 * back up, so the sandbox never sends it.
 */
export type BrokerBacklogEvent = { type: 'NET.BACKLOG'; connId: ConnId; full: boolean; nowMs: number };

/** Timer events as they come back from the driver, with `nowMs`. */
export type BrokerTimerFired = BrokerTimerEvent & { nowMs: number };

/** Every event the broker machine accepts. */
export type BrokerEvent = BrokerNetEvent | BrokerBacklogEvent | BrokerCommandEvent | BrokerTimerFired;

/** The machine's input: the configuration and the time the broker starts. */
export interface BrokerInput extends BrokerConfig {
  /** Virtual time of the start (uptime counts from here); default 0. */
  nowMs?: number;
}

export function initialContext(input: BrokerInput = {}): BrokerContext {
  return {
    config: resolveConfig(input),
    startedAtMs: input.nowMs ?? 0,
    conns: IMap(),
    sessions: IMap(),
    subs: emptySubscriptionIndex,
    retained: emptyRetained,
    retainedNodes: emptyRetainedNodes,
    counters: zeroCounters,
    lastSys: IMap(),
    autoIdCounter: 0,
    sharedTurns: IMap(),
  };
}

const decoderLimitsByConfig = new WeakMap<ResolvedConfig, DecoderLimits>();

/**
 * What the broker accepts from a client, for the decoder in front of it: the broker's
 * `max_packet_size` (a larger packet is refused before its body is read: 5.0 DISCONNECT 0x95,
 * MQTT-3.2.2-15 for the client's side) and the packet types only a server sends (0x82). One
 * rule in one place: the simulated world and the TCP driver both decode with these limits.
 * The same object for the same configuration (a world decodes every packet with it).
 */
export function brokerDecoderLimits(config: ResolvedConfig): DecoderLimits {
  let limits = decoderLimitsByConfig.get(config);
  if (limits === undefined) {
    limits = { ...DEFAULT_LIMITS, receiver: 'server' };
    if (config.maxPacketSize > 0) limits.maxPacketSize = config.maxPacketSize;
    decoderLimitsByConfig.set(config, limits);
  }
  return limits;
}

export interface StepResult {
  context: BrokerContext;
  effects: Effect[];
}

function openConn(tx: Tx, connId: ConnId, identity?: { commonName?: string }): void {
  setConn(tx, {
    connId,
    ...(identity !== undefined ? { identity } : {}),
    state: 'awaiting-connect',
    openedAtMs: tx.nowMs,
    lastPacketAtMs: tx.nowMs,
    keepAliveSec: 0,
    receiveMaximum: 65535,
    maximumPacketSize: 0,
    inboundAliases: IMap(),
  });
  // The CONNECT timeout runs on the keep-alive timer, as in Mosquitto (a new connection's
  // keep-alive check): `onKeepAliveTimer` closes a connection still awaiting its CONNECT.
  const timeoutSec = tx.ctx.config.connectTimeoutSec;
  if (timeoutSec > 0) startTimer(tx, keepAliveTimerId(connId), timeoutSec * 1000, { type: 'TIMER.KEEPALIVE', connId });
}

/**
 * Handles one event while the broker runs. `owned`: the objects a run of steps has copied so
 * far, which this step may edit in place (context.ts); by default nothing is. `explaining`
 * false: no `trace.explain` effects (a driver whose trace nobody reads); the rest is the same.
 *
 * An exception while handling the event (a bug, or input that exhausts a resource) never
 * escapes: the step is redone from `ctx` as the end of the connection whose event it was,
 * the normal way (5.0: DISCONNECT 0x80 first; the will is published), so both drivers keep
 * serving every other connection. Objects a run already owned may keep a partial edit of
 * the failed attempt; every store the broker replaces (maps, the trie) is immutable.
 */
export function step(ctx: BrokerContext, event: BrokerEvent, owned?: Set<object>, explaining = true): StepResult {
  try {
    return stepUnguarded(ctx, event, owned, explaining);
  } catch (error) {
    return failedStep(ctx, event, error, owned, explaining);
  }
}

function failedStep(ctx: BrokerContext, event: BrokerEvent, error: unknown, owned: Set<object> | undefined, explaining: boolean): StepResult {
  const connId = 'connId' in event ? event.connId : undefined;
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const tx = newTx(ctx, event.nowMs, owned, explaining);
  const conn = connId === undefined ? undefined : getConn(tx, connId);
  explain(tx, 'broker:internal-error', 'broker.internal-error', { event: event.type, clientId: conn?.clientId ?? '', message });
  if (!conn || connId === undefined) return { context: tx.ctx, effects: tx.effects };
  try {
    dropConnection(tx, connId, { disconnectReason: 0x80, closeSocket: true, publishWill: true });
    return { context: tx.ctx, effects: tx.effects };
  } catch {
    // Even the orderly end failed: close the socket and forget the connection.
    const last = newTx(ctx, event.nowMs, owned, explaining);
    explain(last, 'broker:internal-error', 'broker.internal-error', { event: event.type, clientId: conn.clientId ?? '', message });
    closeSocket(last, connId);
    update(last, { conns: last.ctx.conns.delete(connId) });
    return { context: last.ctx, effects: last.effects };
  }
}

function stepUnguarded(ctx: BrokerContext, event: BrokerEvent, owned: Set<object> | undefined, explaining: boolean): StepResult {
  const tx = newTx(ctx, event.nowMs, owned, explaining);
  switch (event.type) {
    case 'NET.OPEN':
      openConn(tx, event.connId, event.identity);
      break;
    case 'NET.PACKET': {
      const conn = getConn(tx, event.connId);
      if (conn) handlePacket(tx, conn, event.packet);
      break;
    }
    case 'NET.MALFORMED': {
      const conn = getConn(tx, event.connId);
      if (!conn) break;
      if (conn.state === 'awaiting-connect' && event.error.key === 'codec.error.protocol-version') {
        // MQTT-3.1.2-2: an unsupported protocol level is answered with return code 0x01 and the
        // connection closed. Mosquitto 2.0 answers in the 3.1.1 format whatever the level.
        explain(tx, 'MQTT-3.1.2-2', 'connect.unsupported-level', { level: event.error.message, ...codecNoteParams(event.error) });
        send(tx, conn, { type: 'connack', sessionPresent: false, reasonCode: 0x01 }, 4);
        closeSocket(tx, event.connId);
        update(tx, { conns: tx.ctx.conns.delete(event.connId) });
        break;
      }
      // Before a CONNECT was accepted (a malformed CONNECT, or bytes before it) the connection has
      // no client id: the note names the connection, as its "TCP connection … established" did.
      const clientId = conn.clientId;
      explain(tx, event.error.ref, clientId !== undefined ? 'net.malformed' : 'net.malformed-unnamed', {
        ...(clientId !== undefined ? { clientId } : { connId: event.connId }),
        reasonCode: event.error.reasonCode,
        message: event.error.message,
        // The decoder's key and detail beside its (English) message: the note reads in German from them (codec-error-texts.ts).
        ...codecNoteParams(event.error),
      });
      dropConnection(tx, event.connId, { disconnectReason: event.error.reasonCode, closeSocket: true, publishWill: true });
      break;
    }
    case 'NET.CLOSED': {
      const conn = getConn(tx, event.connId);
      if (!conn) break;
      if (conn.state === 'connected') {
        explain(tx, 'MQTT-3.1.2-8', 'net.closed-without-disconnect', { clientId: conn.clientId ?? '', reason: event.reason });
      }
      dropConnection(tx, event.connId, { closeSocket: false, publishWill: true });
      break;
    }
    case 'NET.BACKLOG': {
      const conn = editConn(tx, event.connId);
      if (!conn || Boolean(conn.backlogFull) === event.full) break;
      if (event.full) conn.backlogFull = true;
      else delete conn.backlogFull;
      explain(tx, 'mosquitto:max_queued_messages', event.full ? 'deliver.backlog-full' : 'deliver.backlog-drained', { clientId: conn.clientId ?? event.connId });
      break;
    }
    case 'TIMER.KEEPALIVE':
      onKeepAliveTimer(tx, event.connId);
      break;
    case 'TIMER.WILL':
      onWillTimer(tx, event.clientId, event.generation);
      break;
    case 'TIMER.SESSION_EXPIRY':
      onSessionExpiryTimer(tx, event.clientId, event.generation);
      break;
    case 'TIMER.SYS':
      onSysTimer(tx);
      break;
    case 'BROKER.RESTART':
      stopBroker(tx, event.persistence ?? tx.ctx.config.persistence);
      startBroker(tx);
      break;
    case 'BROKER.STOP':
      stopBroker(tx, event.persistence ?? tx.ctx.config.persistence, event.disconnectReason);
      break;
    case 'BROKER.START':
      break;
  }
  return { context: tx.ctx, effects: tx.effects };
}

/** Entering `running` (machine start and BROKER.START). */
export function start(ctx: BrokerContext, nowMs: number, explaining = true): StepResult {
  const tx = newTx(ctx, nowMs, undefined, explaining);
  startBroker(tx);
  return { context: tx.ctx, effects: tx.effects };
}

/** While `down`: connections are refused (closed at once). */
export function stepDown(ctx: BrokerContext, event: BrokerEvent, owned?: Set<object>): StepResult {
  const tx = newTx(ctx, event.nowMs, owned);
  if (event.type === 'NET.OPEN') {
    explain(tx, 'mosquitto:down', 'broker.down-refused', { connId: event.connId });
    tx.effects.push({ type: 'net.close', params: { connId: event.connId } });
  }
  return { context: tx.ctx, effects: tx.effects };
}
