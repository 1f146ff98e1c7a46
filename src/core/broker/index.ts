/** The broker: machine, configuration, learner view and explanation texts. */
export { brokerMachine, type BrokerMachine } from './broker.machine.ts';
export { BROKER_DEFAULTS, resolveConfig, type BrokerConfig, type ResolvedConfig } from './config.ts';
export { KEEP_ALIVE_GRACE_MS_PER_SEC } from './lifecycle.ts';
export type { BrokerContext, BrokerTimerEvent, Conn, Effect } from './context.ts';
export {
  brokerDecoderLimits,
  initialContext,
  start,
  step,
  type StepResult,
  type BrokerCommandEvent,
  type BrokerEvent,
  type BrokerInput,
  type BrokerTimerFired,
} from './engine.ts';
export { brokerView, type BrokerView, type MessageView } from './view.ts';
export { brokerMessages, formatBrokerMessage, type BrokerMessageKey, type MessageText } from './messages.ts';
export { checkAcl, checkCredentials, parseAcl, type Acl, type AclRule } from './auth.ts';
