/**
 * `$SYS/broker/...` counters, as Mosquitto publishes them every `sys_interval` seconds as
 * retained QoS 0 messages (src/sys_tree.c): uptime always, the others when they changed,
 * the version once at start.
 */
export interface SysCounters {
  /** Packets of any type received / sent (Mosquitto's `$SYS/broker/messages/...`). */
  messagesReceived: number;
  messagesSent: number;
  /** PUBLISH packets received / sent (`$SYS/broker/publish/messages/...`). */
  publishReceived: number;
  publishSent: number;
  /** PUBLISH packets dropped (queue full, too large, expired). */
  publishDropped: number;
}

export const zeroCounters: SysCounters = Object.freeze({
  messagesReceived: 0,
  messagesSent: 0,
  publishReceived: 0,
  publishSent: 0,
  publishDropped: 0,
});

/** The values the broker publishes, by topic. */
export interface SysSnapshot {
  uptimeSec: number;
  clientsConnected: number;
  subscriptionsCount: number;
  retainedCount: number;
  counters: SysCounters;
  version: string;
}

/** Topic → payload text for every `$SYS` value (what the broker publishes and the view shows). */
export function sysTopics(s: SysSnapshot): Array<[topic: string, value: string]> {
  return [
    ['$SYS/broker/version', s.version],
    ['$SYS/broker/uptime', `${s.uptimeSec} seconds`],
    ['$SYS/broker/clients/connected', String(s.clientsConnected)],
    ['$SYS/broker/messages/received', String(s.counters.messagesReceived)],
    ['$SYS/broker/messages/sent', String(s.counters.messagesSent)],
    ['$SYS/broker/publish/messages/received', String(s.counters.publishReceived)],
    ['$SYS/broker/publish/messages/sent', String(s.counters.publishSent)],
    ['$SYS/broker/publish/messages/dropped', String(s.counters.publishDropped)],
    ['$SYS/broker/subscriptions/count', String(s.subscriptionsCount)],
    ['$SYS/broker/retained messages/count', String(s.retainedCount)],
  ];
}
