/**
 * Broker configuration: the subset of mosquitto.conf the sandbox supports, with Mosquitto 2.0's
 * defaults (see `man mosquitto.conf`).
 */
import type { ProtocolVersion } from '../codec/types.ts';
import { parseAcl, type Acl } from './auth.ts';

/** See `BrokerConfig.verifyPassword`. */
export type PasswordVerifier = (stored: string, given: Uint8Array) => boolean | undefined;

export interface BrokerConfig {
  /**
   * `allow_anonymous`. Mosquitto 2.0 defaults to false once a listener is configured, but with
   * no configuration at all it runs in "local only mode" that accepts anonymous local clients;
   * the sandbox is that mode, hence true.
   */
  allowAnonymous?: boolean;
  /**
   * `password_file` as pairs username → password: plain (text, or bytes for a password that is
   * no text: MQTT's Password is binary data), or a hash as `mosquitto_passwd` writes it (`$7$…`),
   * which `verifyPassword` checks. Absent: usernames are not checked.
   */
  users?: Readonly<Record<string, string | Uint8Array>>;
  /**
   * Checks a password against a stored hash; undefined when `stored` is not a hash it knows (it
   * is then compared as plain text). The driver supplies it (`npm run broker` reads Mosquitto's
   * hashed password files); the core itself hashes nothing.
   */
  verifyPassword?: PasswordVerifier;
  /** `acl_file` text in Mosquitto's format. Absent: no ACL, everything allowed. */
  acl?: string;
  /** `max_inflight_messages` (default 20; 0 = unlimited): outgoing QoS 1/2 in flight per client. */
  maxInflightMessages?: number;
  /** `max_queued_messages` (default 1000; 0 = unlimited) per client beyond the in-flight window. */
  maxQueuedMessages?: number;
  /**
   * `max_queued_bytes` (default 0 = unlimited): payload bytes queued per client beyond the
   * in-flight window; with `max_queued_messages`, also the limit of what may wait on a client's
   * socket before QoS 0 messages to it are dropped (see `NET.BACKLOG` in engine.ts).
   */
  maxQueuedBytes?: number;
  /** `queue_qos0_messages` (default false): queue QoS 0 for offline persistent clients. */
  queueQos0Messages?: boolean;
  /** `persistence` (default false): keep sessions and retained messages over a restart. */
  persistence?: boolean;
  /** `sys_interval` in seconds (default 10; 0 = no $SYS). */
  sysIntervalSec?: number;
  /** `retain_available` (default true). */
  retainAvailable?: boolean;
  /** `max_packet_size` in bytes (default 0 = no limit beyond the protocol's). */
  maxPacketSize?: number;
  /** `max_keepalive` in seconds (default 65535). */
  maxKeepAliveSec?: number;
  /**
   * `connect_timeout` in seconds (not a Mosquitto option; default 0 = none in the sandbox, whose
   * clients always send CONNECT; `npm run broker` defaults to 30): a connection that has not
   * completed its CONNECT this long after it opened is closed, whatever trickled in.
   */
  connectTimeoutSec?: number;
  /** `max_topic_alias` (default 10): topic aliases a 5.0 client may use towards the broker. */
  topicAliasMaximum?: number;
  /** Protocol levels accepted (`protocol` / disable_protocol_v*): default [4, 5]. */
  protocolVersions?: readonly ProtocolVersion[];
  /** The text of `$SYS/broker/version`. */
  versionText?: string;
}

/** Every option filled in, the ACL parsed. */
export interface ResolvedConfig {
  allowAnonymous: boolean;
  users: Readonly<Record<string, string | Uint8Array>> | undefined;
  verifyPassword: PasswordVerifier | undefined;
  acl: Acl | undefined;
  maxInflightMessages: number;
  maxQueuedMessages: number;
  maxQueuedBytes: number;
  queueQos0Messages: boolean;
  persistence: boolean;
  sysIntervalSec: number;
  retainAvailable: boolean;
  maxPacketSize: number;
  maxKeepAliveSec: number;
  connectTimeoutSec: number;
  topicAliasMaximum: number;
  protocolVersions: readonly ProtocolVersion[];
  versionText: string;
}

/** Mosquitto 2.0 defaults (the sandbox's choices are noted on `BrokerConfig`). */
export const BROKER_DEFAULTS: Readonly<Omit<ResolvedConfig, 'users' | 'acl' | 'verifyPassword'>> = Object.freeze({
  allowAnonymous: true,
  maxInflightMessages: 20,
  maxQueuedMessages: 1000,
  maxQueuedBytes: 0,
  queueQos0Messages: false,
  persistence: false,
  sysIntervalSec: 10,
  retainAvailable: true,
  maxPacketSize: 0,
  maxKeepAliveSec: 65535,
  connectTimeoutSec: 0,
  topicAliasMaximum: 10,
  protocolVersions: Object.freeze([4, 5]) as readonly ProtocolVersion[],
  versionText: 'mqtt-lab',
});

/** The settings with Mosquitto's defaults filled in and the ACL text parsed. */
export function resolveConfig(config: BrokerConfig = {}): ResolvedConfig {
  return {
    ...withDefaults(config, BROKER_DEFAULTS),
    users: config.users,
    verifyPassword: config.verifyPassword,
    acl: config.acl === undefined ? undefined : parseAcl(config.acl),
  };
}

/** `defaults` with each setting that `given` sets (not undefined) taken from `given`. */
function withDefaults<T extends object>(given: Partial<T>, defaults: Readonly<T>): T {
  const out = { ...defaults } as T;
  for (const key of Object.keys(defaults) as (keyof T)[]) {
    const value = given[key];
    if (value !== undefined) out[key] = value as T[keyof T];
  }
  return out;
}
