/**
 * The parsed scenario: declarations, timed actions and expectations, each with the range of
 * the line it came from, so the editor and the checker can point back at the text.
 */
import type { PacketType, Properties, ProtocolVersion, QoS, Subscription, UserProperty } from '../core/codec/types.ts';
import type { FaultRule, LinkSettings } from '../sim/world.ts';
import type { Range } from './diagnostics.ts';

/** Options of `connect`, in the shape of the client machine's `APP.CONNECT` options. */
export interface ConnectOptions {
  clientId: string;
  protocolVersion: ProtocolVersion;
  clean: boolean;
  keepAliveSec: number;
  sessionExpiryIntervalSec?: number;
  will?: { topic: string; payload: Uint8Array; qos: QoS; retain: boolean; properties?: Properties };
  username?: string;
  password?: Uint8Array;
  receiveMaximum?: number;
  topicAliasMaximum?: number;
  maximumPacketSize?: number;
  userProperties?: UserProperty[];
}

export type Action =
  | { kind: 'connect'; client: string; options: ConnectOptions }
  | { kind: 'publish'; client: string; topic: string; payload: Uint8Array; qos: QoS; retain: boolean; properties?: Properties }
  | { kind: 'subscribe'; client: string; subscriptions: Subscription[]; properties?: Properties }
  | { kind: 'unsubscribe'; client: string; topicFilters: string[]; properties?: Properties }
  | { kind: 'disconnect'; client: string; reasonCode?: number; properties?: Properties }
  | { kind: 'cable-cut' | 'cable-restore' | 'crash'; client: string }
  | { kind: 'broker-restart'; persistence?: boolean }
  | { kind: 'link'; client: string; settings: Partial<LinkSettings> }
  | { kind: 'fault'; rule: FaultRule }
  | { kind: 'end' };

/** One scheduled action. */
export interface Step {
  atMs: number;
  action: Action;
  range: Range;
}

/** A reason-code expectation's packet. */
export type AckPacket = Extract<PacketType, 'connack' | 'suback' | 'unsuback' | 'puback' | 'pubrec'>;

export type Expectation = (
  | {
      kind: 'receives';
      client: string;
      /** A topic name or filter (wildcards match). */
      topic: string;
      payload?: string;
      qos?: QoS;
      retained?: boolean;
      dup?: boolean;
      times?: number;
      atLeast?: number;
      /** Counts only what arrived at or after this time (`after T`). */
      afterMs?: number;
      byMs?: number;
    }
  | { kind: 'never-receives'; client: string; topic: string; payload?: string }
  | { kind: 'ack'; client: string; packet: AckPacket; code: number }
  | { kind: 'sent-will' | 'no-will'; client: string; afterMs?: number; byMs?: number }
  | { kind: 'session'; client: string; exists: boolean }
  | { kind: 'retained'; topic: string; payload?: string }
  | { kind: 'no-retained'; topic: string }
) & { range: Range; /** The expectation as written. */ text: string };

/** Broker declaration: settings as written (validated), users and ACL lines. */
export interface BrokerDecl {
  /** Default protocol version of connect lines. */
  version?: ProtocolVersion;
  persistence?: boolean;
  anonymous?: boolean;
  maxInflight?: number;
  maxQueued?: number;
  sysIntervalMs?: number;
  retain?: boolean;
  maxPacketSize?: number;
  maxKeepalive?: number;
  users: { name: string; password: string }[];
  /** The ACL in Mosquitto's acl_file format (one rule a line), or empty when none was given. */
  aclLines: string[];
}

export interface ClientDecl {
  name: string;
  link: Partial<LinkSettings>;
  range: Range;
}

export interface Scenario {
  seed?: number;
  broker: BrokerDecl;
  clients: ClientDecl[];
  /** In time order (the parser reports lines that go back in time). */
  steps: Step[];
  expectations: Expectation[];
  /** Set by an `at T end` line: stop the run there. */
  endAtMs?: number;
  /** Largest keep-alive used by a connect line, in seconds (for the settle time). */
  maxKeepAliveSec: number;
}
