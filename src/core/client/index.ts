/** The MQTT client: machine, event and option types, learner view, messages. */
export { clientMachine, type ClientMachine, type ClientInput } from './client.machine.ts';
export { clientPureStep } from './fast-path.ts';
export type {
  ClientAppEvent,
  ClientContext,
  ClientEvent,
  ClientSysEvent,
  ClientTimerEvent,
  ConnectOptions,
  OutgoingMessage,
  OutgoingStage,
  PendingRequest,
  PublishRequest,
  ResolvedOptions,
  ServerLimits,
  SubscriptionState,
  WillOptions,
} from './types.ts';
export { clientView, type ClientView, type ClientSnapshotLike } from './view.ts';
export { clientMessages, closeReasonText, formatClientMessage, type ClientMessageKey, type CloseReason, type Message } from './messages.ts';
export { DEFAULT_KEEP_ALIVE_SEC, resolveOptions, buildConnect } from './session.ts';
