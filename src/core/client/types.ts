/**
 * Types of the client machine: the options a learner gives (named like mosquitto_pub/sub's),
 * the events the machine accepts, and its immutable context.
 */
import type { List, Map as IMap, OrderedMap } from 'immutable';
import type {
  Packet,
  Properties,
  ProtocolVersion,
  PublishPacket,
  QoS,
  Subscription,
  UserProperty,
} from '../codec/types.ts';
import type { ClientNetEvent, Explain, Timed } from '../mqtt/actor-contract.ts';
import type { CloseReason } from './messages.ts';

/** The Last Will, as `--will-topic/--will-payload/--will-qos/--will-retain` give it. */
export interface WillOptions {
  topic: string;
  payload: Uint8Array;
  qos: QoS;
  retain: boolean;
  /** 5.0 will properties (will delay, message expiry, content type, ...). */
  properties?: Properties;
}

/** `APP.CONNECT` options; every field but none is required. */
export interface ConnectOptions {
  /** `-i`; may be empty (3.1.1 then requires clean=true; 5.0 lets the broker assign one). */
  clientId?: string;
  /** `-V`: 4 = MQTT 3.1.1, 5 = MQTT 5.0. Default 4 (mosquitto's default is 3.1.1). */
  protocolVersion?: ProtocolVersion;
  /** Clean Session (3.1.1) / Clean Start (5.0). `-c` means false. Default true. */
  clean?: boolean;
  /** `-k`, default 60; 0 disables keep-alive. */
  keepAliveSec?: number;
  /** 5.0 `-x`: Session Expiry Interval; default 0 (the session ends with the connection). */
  sessionExpiryIntervalSec?: number;
  will?: WillOptions;
  username?: string;
  password?: Uint8Array;
  /** 5.0: how many unacknowledged QoS 1/2 PUBLISHes we accept from the broker (default 65535). */
  receiveMaximum?: number;
  /** 5.0: highest topic alias we accept from the broker (default 0: none). */
  topicAliasMaximum?: number;
  /** 5.0: largest packet we accept. */
  maximumPacketSize?: number;
  /** 5.0 CONNECT user properties. */
  userProperties?: UserProperty[];
}

/** The options after defaults were applied. */
export interface ResolvedOptions {
  clientId: string;
  protocolVersion: ProtocolVersion;
  clean: boolean;
  keepAliveSec: number;
  sessionExpiryIntervalSec: number;
  will?: WillOptions;
  username?: string;
  password?: Uint8Array;
  receiveMaximum: number;
  topicAliasMaximum: number;
  maximumPacketSize?: number;
  userProperties?: UserProperty[];
}

/** An application request to publish (`APP.PUBLISH`). */
export interface PublishRequest {
  topic: string;
  payload: Uint8Array;
  qos: QoS;
  retain: boolean;
  properties?: Properties;
}

/** Events from the application (scenario commands, the UI). */
export type ClientAppEvent = Timed &
  (
    | { type: 'APP.CONNECT'; options?: ConnectOptions }
    | ({ type: 'APP.PUBLISH' } & PublishRequest)
    | { type: 'APP.SUBSCRIBE'; subscriptions: Subscription[]; properties?: Properties }
    | { type: 'APP.UNSUBSCRIBE'; topicFilters: string[]; properties?: Properties }
    | { type: 'APP.DISCONNECT'; reasonCode?: number; properties?: Properties }
  );

/** Events about the client process itself. */
export type ClientSysEvent = Timed & ({ type: 'SYS.CRASH' } | { type: 'SYS.RESTART' });

/** Timer events the machine raises for itself (ids `keepAlive`, `pingresp`). */
export type ClientTimerEvent = Timed & ({ type: 'TIMER.KEEPALIVE' } | { type: 'TIMER.PINGRESP' });

/** Every event the client machine accepts. */
export type ClientEvent = ClientAppEvent | ClientSysEvent | ClientTimerEvent | ClientNetEvent;

/** Where an outgoing QoS 1/2 message is in its handshake. */
export type OutgoingStage = 'awaiting PUBACK' | 'awaiting PUBREC' | 'awaiting PUBCOMP';

/**
 * One outgoing QoS 1/2 message that holds a packet identifier (it was sent at least once), in
 * the order the PUBLISHes were first sent (MQTT-4.6.0-1). `resend` marks a message whose PUBLISH
 * or PUBREL must go out again on this connection but waits for send quota (receive maximum).
 */
export interface OutgoingMessage {
  packetId: number;
  packet: PublishPacket;
  stage: OutgoingStage;
  resend: boolean;
}

/** Why an application message waits without a packet identifier. */
export type PendingReason = 'offline' | 'receive-maximum' | 'connecting';

/** A request not sent yet. */
export type PendingRequest =
  | { kind: 'publish'; request: PublishRequest; reason: PendingReason }
  | { kind: 'subscribe'; subscriptions: Subscription[]; properties?: Properties }
  | { kind: 'unsubscribe'; topicFilters: string[]; properties?: Properties };

/** A SUBSCRIBE or UNSUBSCRIBE awaiting its SUBACK/UNSUBACK (its id is in use, MQTT-2.2.1-3). */
export type AwaitingAck =
  | { kind: 'subscribe'; subscriptions: Subscription[] }
  | { kind: 'unsubscribe'; topicFilters: string[] };

/** One subscription as the client knows it. */
export interface SubscriptionState {
  topicFilter: string;
  requestedQoS: QoS;
  /** Granted QoS (0..2), a failure code (>= 0x80), or null while the SUBACK is outstanding. */
  code: number | null;
}

/** What the broker said in its CONNACK (5.0 properties; 3.1.1 defaults). */
export interface ServerLimits {
  receiveMaximum: number;
  maximumQoS: QoS;
  retainAvailable: boolean;
  topicAliasMaximum: number;
  maximumPacketSize: number | null;
  assignedClientId: string | null;
  serverKeepAliveSec: number | null;
}

export interface ClientContext {
  /** The actor's name in the scenario. */
  name: string;
  options: ResolvedOptions | null;
  /** The client identifier in use: the configured one, or the one the broker assigned. */
  clientId: string;
  /** Effective keep-alive (the Server Keep Alive replaces ours, MQTT-3.2.2-21). */
  keepAliveSec: number;
  server: ServerLimits;
  /** True while the client holds session state the broker may continue (cleared by a crash). */
  hasSessionState: boolean;
  sessionPresent: boolean | null;
  connectedAtMs: number | null;
  /** True while the keep-alive timer runs (state connected.idle): a send restarts it. */
  keepAliveArmed: boolean;
  lastSentMs: number | null;
  /** Set while a PINGREQ is unanswered. */
  pingSentAtMs: number | null;
  lastPacketId: number;
  outgoing: List<OutgoingMessage>;
  pending: List<PendingRequest>;
  /** Incoming QoS 2 messages stored until PUBREL (Method A), by packet id. */
  incomingQos2: OrderedMap<number, PublishPacket>;
  awaitingAck: IMap<number, AwaitingAck>;
  subscriptions: OrderedMap<string, SubscriptionState>;
  /** 5.0 topic aliases the broker set on this connection (MQTT-3.3.2-7: per connection). */
  inboundAliases: IMap<number, string>;
  lastConnack: { reasonCode: number; sessionPresent: boolean } | null;
  lastSuback: { packetId: number; reasonCodes: number[] } | null;
  /** Why the last connection ended or was refused (text: `closeReasonText`, "keep-alive timeout", ...). */
  lastCloseReason: CloseReason | null;
  receivedCount: number;
}

/**
 * Effects a pure step returns, already as the contract's actions (actor-contract.ts): the fast
 * path hands them to the driver as they are, the machine enqueues them as xstate actions.
 */
export type Effect =
  | { type: 'net.open'; params: Record<string, never> }
  | { type: 'net.send'; params: { packet: Packet; version: ProtocolVersion } }
  | { type: 'net.close'; params: Record<string, never> }
  | { type: 'app.deliver'; params: { packet: PublishPacket } }
  | { type: 'trace.explain'; params: Explain }
  /** A delayed raise of a timer event (it carries the virtual time it fires at). */
  | { type: 'xstate.raise'; params: { event: ClientTimerEvent; id: 'keepAlive' | 'pingresp'; delay: number } }
  | { type: 'xstate.cancel'; params: { sendId: 'keepAlive' | 'pingresp' } };

/** The result of a pure step. */
export interface Step {
  context: ClientContext;
  effects: Effect[];
}
