/**
 * The parsed scenario: declarations, timed actions and expectations, each with the range of
 * the line it came from, so the editor and the checker can point back at the text.
 */
import type { PacketType, Properties, ProtocolVersion, QoS, Subscription, UserProperty } from '../core/codec/types.ts';
import type { FaultRule, LinkSettings } from '../sim/world.ts';
import type { Explain } from '../core/mqtt/actor-contract.ts';
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
  /**
   * `CLIENT send PACKET ...` / `CLIENT send-hex "..."`: bytes sent on purpose past the client's
   * machine, split into TCP segments at `segments` (byte offsets), marked with `explain` (the
   * rule they break, see send-verdict.ts).
   */
  | { kind: 'raw'; client: string; verb: 'send' | 'send-hex'; bytes: Uint8Array; segments?: number[]; explain: Explain }
  | { kind: 'end' };

/** One scheduled action. */
export interface Step {
  atMs: number;
  action: Action;
  range: Range;
}

/** A reason-code expectation's packet. */
export type AckPacket = Extract<PacketType, 'connack' | 'suback' | 'unsuback' | 'puback' | 'pubrec'>;

/**
 * A 5.0 property a packet must carry (`property NAME [VALUE]`), named as in `-D`
 * (`content-type`, `subscription-identifier`, ...); `user-property KEY [VALUE]`; without a value
 * the property only has to be there.
 */
export interface PropertyExpect {
  name: string;
  /** For `user-property`: the key. */
  key?: string;
  value?: string;
}

/** What a message must look like: topic (a filter matches), payload and flags. */
export interface MessageMatch {
  /** A topic name or filter (wildcards match). */
  topic: string;
  payload?: string;
  /** Exact QoS. */
  qos?: QoS;
  /** `retained` (true) or `not-retained` (false). */
  retained?: boolean;
  /** `dup` (true) or `not-dup` (false). */
  dup?: boolean;
  properties?: PropertyExpect[];
  times?: number;
  atLeast?: number;
  atMost?: number;
  /** Counts only what arrived at or after this time (`after T`). */
  afterMs?: number;
  byMs?: number;
}

export type Expectation = (
  | ({
      kind: 'receives';
      client: string;
      /** `before TOPIC [PAYLOAD]`: the first match arrived before the first message matching this. */
      before?: { topic: string; payload?: string };
    } & MessageMatch)
  /** `expect broker receives TOPIC [PAYLOAD] from CLIENT ...`: PUBLISH packets that arrived at the broker. */
  | ({ kind: 'broker-receives'; client: string } & MessageMatch)
  | { kind: 'never-receives'; client: string; topic: string; payload?: string }
  /** `codes`: the exact per-filter list (`suback 0x01 0x80`); `code` alone: one of them. */
  | { kind: 'ack'; client: string; packet: AckPacket; code: number; codes?: number[] }
  | { kind: 'will-registered'; client: string; topic?: string }
  | { kind: 'disconnects-cleanly'; client: string; afterMs?: number; byMs?: number }
  | { kind: 'session-present'; client: string; present: boolean }
  | { kind: 'connack-property'; client: string; property: PropertyExpect }
  /** `expect CLIENT disconnect CODE` / `disconnect property NAME [VALUE]`: a DISCONNECT between CLIENT and the broker, either way. */
  | { kind: 'disconnect-code'; client: string; code: number }
  | { kind: 'disconnect-property'; client: string; property: PropertyExpect }
  | { kind: 'broker-disconnects'; client: string; code?: number }
  | { kind: 'closed-without-connack'; client: string }
  | { kind: 'sent-will' | 'no-will'; client: string; afterMs?: number; byMs?: number }
  | { kind: 'session'; client: string; exists: boolean }
  /** `client`: `from-will CLIENT`, the retained message was put there by that client's will (not by a PUBLISH). */
  | { kind: 'retained'; topic: string; payload?: string; client?: string }
  | { kind: 'no-retained'; topic: string }
  /** `expect topics clean`: every topic and filter the clients used passes the topic design linter. */
  | { kind: 'topics-clean' }
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
  /** Topic aliases a 5.0 client may use towards the broker (mosquitto: max_topic_alias; default 10). */
  maxTopicAlias?: number;
  /** Queue QoS 0 messages for offline persistent sessions (mosquitto: queue_qos0_messages). */
  queueQos0?: boolean;
  /** `user NAME PASSWORD` (text) or `user NAME --password-hex HEX` (bytes). */
  users: { name: string; password: string | Uint8Array }[];
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
