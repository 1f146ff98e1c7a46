/**
 * Connections ending, sessions ending, wills, timers, $SYS and restarts.
 *
 * Wills follow 3.1.2.5 / 3.1.3.2.2: when a connection closes without a normal DISCONNECT (network
 * loss, keep-alive timeout, protocol error, takeover, 5.0 DISCONNECT 0x04) the will is published
 * at once, or for 5.0 after the Will Delay Interval unless the client reconnects first
 * (MQTT-3.1.3-9) or the session ends first, whichever comes first.
 */
import { Map as IMap } from 'immutable';
import type { ConnId } from '../mqtt/actor-contract.ts';
import { ruleRef } from '../mqtt/rules.ts';
import type { RuleRef } from '../mqtt/spec.ts';
import type { BrokerMessageKey } from './messages.ts';
import { checkAcl } from './auth.ts';
import {
  cancelTimer,
  closeSocket,
  expiryTimerId,
  explain,
  getConn,
  getSession,
  keepAliveTimerId,
  send,
  setSession,
  startTimer,
  SYS_TIMER_ID,
  update,
  willTimerId,
  type Tx,
} from './context.ts';
import { publishApplicationMessage } from './route.ts';
import { emptyRetained, expireRetained, retainedNodesOf } from './retained.ts';
import { EXPIRY_NEVER, type Message, type PendingWill } from './sessions.ts';
import { emptySubscriptionIndex, removeSubscription } from './subscriptions.ts';
import { sysTopics, zeroCounters } from './sys.ts';

export interface DropOptions {
  /** 5.0 only: send DISCONNECT with this reason code first (when CONNECT was accepted). */
  disconnectReason?: number;
  /** Close the socket (false when the peer already closed it). */
  closeSocket: boolean;
  /** Publish (or arm) the will; false after a normal DISCONNECT, which deletes it. */
  publishWill: boolean;
}

/** Ends a connection: detaches its session, handles the will and the session's expiry. */
export function dropConnection(tx: Tx, connId: ConnId, opts: DropOptions): void {
  const conn = getConn(tx, connId);
  if (!conn) return;
  if (opts.disconnectReason !== undefined && conn.version === 5 && conn.state === 'connected') {
    send(tx, conn, { type: 'disconnect', reasonCode: opts.disconnectReason });
  }
  if (opts.closeSocket) closeSocket(tx, connId);
  update(tx, { conns: tx.ctx.conns.delete(connId) });
  if (conn.state === 'connected' ? conn.keepAliveSec > 0 : tx.ctx.config.connectTimeoutSec > 0) cancelTimer(tx, keepAliveTimerId(connId));
  if (conn.state !== 'connected' || conn.clientId === undefined) return;
  const clientId = conn.clientId;
  let session = getSession(tx, clientId);
  if (!session || session.connId !== connId) return;
  session = { ...session, connId: null, generation: session.generation + 1 };
  if (!opts.publishWill && session.will) {
    explain(tx, ruleRef('disconnectDiscardsWill', session.version), 'will.discarded', { clientId });
    session = { ...session, will: null };
  }
  setSession(tx, session);
  if (opts.publishWill && session.will) armWill(tx, clientId);
  session = getSession(tx, clientId)!;
  if (session.expiryIntervalSec === 0) {
    endSession(tx, clientId, 'session.ended-at-disconnect', ruleRef('sessionEndsAtClose', session.version));
  } else if (session.expiryIntervalSec !== EXPIRY_NEVER) {
    const delayMs = session.expiryIntervalSec * 1000;
    setSession(tx, { ...session, expiresAtMs: tx.nowMs + delayMs });
    startTimer(tx, expiryTimerId(clientId), delayMs, {
      type: 'TIMER.SESSION_EXPIRY',
      clientId,
      generation: session.generation,
    });
    explain(tx, 'MQTT-3.1.2-23', 'session.kept-until', { clientId, expirySec: session.expiryIntervalSec });
  } else {
    explain(tx, ruleRef('sessionKept', session.version), 'session.kept', { clientId });
  }
}

/** Publishes the will now, or (5.0, Will Delay Interval > 0) arms the will-delay timer. */
function armWill(tx: Tx, clientId: string): void {
  const session = getSession(tx, clientId);
  if (!session?.will) return;
  const delaySec = session.version === 5 ? (session.will.will.properties?.willDelayIntervalSec ?? 0) : 0;
  if (delaySec === 0) {
    publishWill(tx, clientId, 'MQTT-3.1.2-8', 'will.published');
    return;
  }
  const delayMs = delaySec * 1000;
  setSession(tx, { ...session, will: { ...session.will, dueAtMs: tx.nowMs + delayMs } });
  startTimer(tx, willTimerId(clientId), delayMs, { type: 'TIMER.WILL', clientId, generation: session.generation });
  explain(tx, 'MQTT-3.1.3-9', 'will.delayed', { clientId, delaySec });
}

/** Turns a will into an application message (will delay removed, expiry made absolute). */
export function willMessage(w: PendingWill, clientId: string, nowMs: number): Message {
  const { will } = w;
  let properties = will.properties ? { ...will.properties } : undefined;
  let expiresAtMs: number | undefined;
  if (properties) {
    delete properties.willDelayIntervalSec;
    if (properties.messageExpiryIntervalSec !== undefined) {
      expiresAtMs = nowMs + properties.messageExpiryIntervalSec * 1000;
      delete properties.messageExpiryIntervalSec;
    }
    if (Object.keys(properties).length === 0) properties = undefined;
  }
  const m: Message = { topic: will.topic, payload: will.payload, qos: will.qos, retain: will.retain, fromClientId: clientId };
  if (properties) m.properties = properties;
  if (expiresAtMs !== undefined) m.expiresAtMs = expiresAtMs;
  return m;
}

/** Publishes and clears the session's will. */
export function publishWill(tx: Tx, clientId: string, reference: RuleRef, key: BrokerMessageKey): void {
  const session = getSession(tx, clientId);
  if (!session?.will) return;
  const pending = session.will;
  if (pending.dueAtMs !== undefined) cancelTimer(tx, willTimerId(clientId));
  setSession(tx, { ...session, will: null });
  explain(tx, reference, key, { clientId, topic: pending.will.topic });
  if (tx.ctx.config.acl) {
    const decision = checkAcl(tx.ctx.config.acl, { clientId, username: pending.username }, pending.will.topic, 'write');
    if (!decision.allowed) {
      explain(tx, 'mosquitto:acl_file', 'acl.will-denied', { clientId, topic: pending.will.topic });
      return;
    }
  }
  publishApplicationMessage(tx, willMessage(pending, clientId, tx.nowMs));
}

/** Ends a session: a pending will is published first (session end, MQTT-3.1.2-8). */
export function endSession(tx: Tx, clientId: string, key: BrokerMessageKey, reference: RuleRef): void {
  const session = getSession(tx, clientId);
  if (!session) return;
  if (session.will && session.connId === null) {
    publishWill(tx, clientId, 'MQTT-3.1.2-8', 'will.published-session-end');
  }
  const current = getSession(tx, clientId)!;
  let subs = tx.ctx.subs;
  for (const s of current.subscriptions.values()) subs = removeSubscription(subs, clientId, s.innerFilter, s.shareGroup);
  if (current.expiresAtMs !== undefined) cancelTimer(tx, expiryTimerId(clientId));
  update(tx, { subs, sessions: tx.ctx.sessions.delete(clientId) });
  explain(tx, reference, key, { clientId });
}

// ── timers ────────────────────────────────────────────────────────────────────────────────

/**
 * The keep-alive grace: the server closes a connection that sent nothing for one and a half
 * Keep Alive periods (MQTT-3.1.2-24 in 3.1.1, MQTT-3.1.2-22 in 5.0), in ms per second of Keep Alive.
 */
export const KEEP_ALIVE_GRACE_MS_PER_SEC = 1500;

export function onKeepAliveTimer(tx: Tx, connId: ConnId): void {
  const conn = getConn(tx, connId);
  if (conn?.state === 'awaiting-connect') {
    explain(tx, 'mosquitto:connect-timeout', 'connect.timeout', { timeoutSec: tx.ctx.config.connectTimeoutSec });
    dropConnection(tx, connId, { closeSocket: true, publishWill: false });
    return;
  }
  if (!conn || conn.state !== 'connected' || conn.keepAliveSec === 0) return;
  const limitMs = conn.keepAliveSec * KEEP_ALIVE_GRACE_MS_PER_SEC;
  const idleMs = tx.nowMs - conn.lastPacketAtMs;
  if (idleMs < limitMs) {
    startTimer(tx, keepAliveTimerId(connId), limitMs - idleMs, { type: 'TIMER.KEEPALIVE', connId });
    return;
  }
  explain(tx, ruleRef('keepAliveExpired', conn.version ?? 4), 'keepalive.expired', {
    clientId: conn.clientId ?? '',
    keepAliveSec: conn.keepAliveSec,
    idleMs,
  });
  // "as if the network had failed": no DISCONNECT, the will is published.
  dropConnection(tx, connId, { closeSocket: true, publishWill: true });
}

export function onWillTimer(tx: Tx, clientId: string, generation: number): void {
  const s = getSession(tx, clientId);
  if (!s || s.generation !== generation || s.connId !== null || s.will?.dueAtMs === undefined) return;
  publishWill(tx, clientId, 'MQTT-3.1.2-8', 'will.published-after-delay');
}

export function onSessionExpiryTimer(tx: Tx, clientId: string, generation: number): void {
  const s = getSession(tx, clientId);
  if (!s || s.generation !== generation || s.connId !== null) return;
  endSession(tx, clientId, 'session.expired', 'MQTT-3.1.2-23');
}

// ── $SYS ──────────────────────────────────────────────────────────────────────────────────

function connectedCount(tx: Tx): number {
  let n = 0;
  tx.ctx.conns.forEach((c) => {
    if (c.state === 'connected') n++;
  });
  return n;
}

/** Publishes changed `$SYS` values as retained QoS 0 messages (Mosquitto's sys_tree.c). */
export function publishSys(tx: Tx): void {
  const values = sysTopics({
    uptimeSec: Math.floor((tx.nowMs - tx.ctx.startedAtMs) / 1000),
    clientsConnected: connectedCount(tx),
    subscriptionsCount: tx.ctx.subs.count,
    retainedCount: tx.ctx.retained.size,
    counters: tx.ctx.counters,
    version: tx.ctx.config.versionText,
  });
  let published = 0;
  for (const [topic, value] of values) {
    if (topic !== '$SYS/broker/uptime' && tx.ctx.lastSys.get(topic) === value) continue;
    update(tx, { lastSys: tx.ctx.lastSys.set(topic, value) });
    publishApplicationMessage(tx, { topic, payload: new TextEncoder().encode(value), qos: 0, retain: true });
    published++;
  }
  explain(tx, 'mosquitto:sys_interval', 'sys.published', { count: published, intervalSec: tx.ctx.config.sysIntervalSec });
}

export function onSysTimer(tx: Tx): void {
  const interval = tx.ctx.config.sysIntervalSec;
  if (interval <= 0) return;
  publishSys(tx);
  startTimer(tx, SYS_TIMER_ID, interval * 1000, { type: 'TIMER.SYS' });
}

// ── start / stop ──────────────────────────────────────────────────────────────────────────

/** Entering `running`: uptime starts, expiry timers of kept sessions re-armed, $SYS scheduled. */
export function startBroker(tx: Tx): void {
  const retained = expireRetained(tx.ctx.retained, tx.nowMs);
  // A (re)started broker's tree holds only the persisted messages' nodes.
  update(tx, { startedAtMs: tx.nowMs, retained, retainedNodes: retainedNodesOf(retained) });
  for (const s of [...tx.ctx.sessions.values()]) {
    if (s.expiryIntervalSec === EXPIRY_NEVER || s.connId !== null) continue;
    const dueAt = s.expiresAtMs ?? tx.nowMs + s.expiryIntervalSec * 1000;
    if (dueAt <= tx.nowMs) {
      endSession(tx, s.clientId, 'session.expired', 'MQTT-3.1.2-23');
      continue;
    }
    setSession(tx, { ...s, expiresAtMs: dueAt });
    startTimer(tx, expiryTimerId(s.clientId), dueAt - tx.nowMs, {
      type: 'TIMER.SESSION_EXPIRY',
      clientId: s.clientId,
      generation: s.generation,
    });
  }
  if (tx.ctx.config.sysIntervalSec > 0) {
    startTimer(tx, SYS_TIMER_ID, tx.ctx.config.sysIntervalSec * 1000, { type: 'TIMER.SYS' });
  }
  explain(tx, 'mosquitto:startup', 'broker.started', { sessions: tx.ctx.sessions.size, retained: tx.ctx.retained.size });
  if (tx.ctx.config.acl && tx.ctx.config.acl.errors.length > 0) {
    for (const e of tx.ctx.config.acl.errors) {
      explain(tx, 'mosquitto:acl_file', 'acl.parse-error', { line: e.line, message: e.message });
    }
  }
}

/**
 * Stopping: every connection is closed; then, as Mosquitto does on shutdown (src/mosquitto.c:
 * `context__send_will` for every client, then `will_delay__send_all`), every will, including
 * delayed ones, is published; then sessions and retained messages are kept only with
 * persistence (and only sessions that outlive their connection). `disconnectReason` (a real
 * shutdown: 0x8B, server shutting down) is sent first to every connected 5.0 client.
 */
export function stopBroker(tx: Tx, persistence: boolean, disconnectReason?: number): void {
  for (const conn of [...tx.ctx.conns.values()]) {
    if (disconnectReason !== undefined && conn.version === 5 && conn.state === 'connected') {
      explain(tx, 'mosquitto:shutdown', 'broker.shutdown-disconnect', { clientId: conn.clientId ?? '' });
      send(tx, conn, { type: 'disconnect', reasonCode: disconnectReason });
    }
    closeSocket(tx, conn.connId);
    if (conn.state === 'connected' ? conn.keepAliveSec > 0 : tx.ctx.config.connectTimeoutSec > 0) cancelTimer(tx, keepAliveTimerId(conn.connId));
    const session = conn.clientId !== undefined ? getSession(tx, conn.clientId) : undefined;
    if (session && session.connId === conn.connId) {
      setSession(tx, { ...session, connId: null, generation: session.generation + 1 });
    }
  }
  update(tx, { conns: IMap() });
  for (const s of [...tx.ctx.sessions.values()]) {
    if (s.will) publishWill(tx, s.clientId, 'mosquitto:shutdown', 'will.published-shutdown');
  }
  for (const s of tx.ctx.sessions.values()) {
    if (s.expiresAtMs !== undefined) cancelTimer(tx, expiryTimerId(s.clientId));
  }
  if (tx.ctx.config.sysIntervalSec > 0) cancelTimer(tx, SYS_TIMER_ID);
  if (persistence) {
    for (const s of [...tx.ctx.sessions.values()]) {
      if (s.expiryIntervalSec === 0) endSession(tx, s.clientId, 'session.ended-at-disconnect', 'MQTT-3.1.2-23');
      else if (s.expiryIntervalSec !== EXPIRY_NEVER && s.expiresAtMs === undefined) {
        setSession(tx, { ...s, expiresAtMs: tx.nowMs + s.expiryIntervalSec * 1000 });
      }
    }
    explain(tx, 'mosquitto:persistence', 'broker.stopped-persistent', {
      sessions: tx.ctx.sessions.size,
      retained: tx.ctx.retained.size,
    });
  } else {
    update(tx, { sessions: IMap(), subs: emptySubscriptionIndex, retained: emptyRetained });
    explain(tx, 'mosquitto:persistence', 'broker.stopped-volatile', {});
  }
  update(tx, { counters: zeroCounters, lastSys: IMap(), sharedTurns: IMap() });
}
