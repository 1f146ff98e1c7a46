/**
 * What `new TcpBroker(...)` is given, and the configuration its engine runs with: the file's
 * (mosquitto.conf, src/node/broker/config.ts) with `npm run broker`'s defaults where it is silent.
 */
import type { BrokerConfig } from '../../core/broker/index.ts';
import type { ProtocolVersion } from '../../core/codec/index.ts';
import type { TraceEntry } from '../../sim/trace.ts';
import type { TraceConn } from '../../sim/trace-json.ts';
import type { ListenerSpec } from './listeners.ts';

/** Options of `new TcpBroker(...)`. */
export interface TcpBrokerOptions {
  /** Address to bind; default 127.0.0.1 (without `listeners`). */
  host?: string;
  /** Listeners (TCP, TLS, WebSockets; src/node/broker/listeners.ts); default one TCP listener on host:port. */
  listeners?: ListenerSpec[];
  /** Port; 0 picks a free one (read it from `start()`'s result). Default 1883. */
  port?: number;
  /** The broker core's configuration (see `loadBrokerConfig` for mosquitto.conf). */
  config?: BrokerConfig;
  /** Receives one formatted trace line per packet, timer and explained decision. */
  trace?: (line: string) => void;
  /**
   * Receives every trace entry as it happens: packets with their real bytes and the protocol
   * version they were encoded for (`version`), timers, and each decision with its spec rule
   * (`explain`). The same entries `trace` formats; a recording or the live feed writes them.
   */
  onEntry?: (entry: TraceEntry, version?: ProtocolVersion) => void;
  /** Told of every accepted connection (before its first entry), with its real addresses. */
  onConnection?: (conn: TraceConn) => void;
  /** Receives driver problems (a machine exception); default: ignored. */
  onError?: (message: string) => void;
  /** Most bytes buffered from one socket for one packet: caps `max_packet_size` (default: no cap). */
  maxBufferedBytes?: number;
  /** How to advance the broker: its pure core (default) or the xstate machine (see above). */
  core?: 'engine' | 'machine';
  /**
   * Most bytes waiting to be written to one socket before it is cut off; default: never cut off
   * (the engine drops QoS 0 beyond max_queued_messages / max_queued_bytes instead, see `flush`).
   */
  maxWriteBufferBytes?: number;
  /** How long `net.close` waits for the peer before destroying the socket; default 2000 ms. */
  closeGraceMs?: number;
}

/** `npm run broker`'s CONNECT timeout without `connect_timeout`, in seconds. */
export const DEFAULT_CONNECT_TIMEOUT_SEC = 30;

/**
 * `npm run broker`'s `max_queued_bytes` when unset (Mosquitto: 0, no limit): 1 MiB per client,
 * so that 10 clients that stop reading cost the broker about 10 MB, not 10 × 1,000 messages.
 */
export const DEFAULT_MAX_QUEUED_BYTES = 1024 * 1024;

/** `npm run broker`'s packet limit without `max_packet_size`: 16 MiB, announced to 5.0 clients. */
export const DEFAULT_MAX_PACKET_BYTES = 16 * 1024 * 1024;

/**
 * The configuration the engine runs with: the file's, with `npm run broker`'s defaults where it
 * is silent. The packet limit is the engine's rule, announced in the 5.0 CONNACK (Maximum Packet
 * Size): `max_packet_size`, or 16 MiB when unset, capped by `maxBufferedBytes` when that is given.
 * The live view's replica gets the same (src/sim/trace-broker-config.ts).
 */
export function engineConfig(options: Pick<TcpBrokerOptions, 'config' | 'maxBufferedBytes'>): BrokerConfig {
  const configured = options.config?.maxPacketSize ?? 0;
  const limit = configured > 0 ? configured : DEFAULT_MAX_PACKET_BYTES;
  const maxPacketSize = options.maxBufferedBytes === undefined ? limit : Math.min(limit, options.maxBufferedBytes);
  return { connectTimeoutSec: DEFAULT_CONNECT_TIMEOUT_SEC, maxQueuedBytes: DEFAULT_MAX_QUEUED_BYTES, ...(options.config ?? {}), maxPacketSize };
}
