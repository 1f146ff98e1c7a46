/**
 * Topics for MQTT Lab: validation (spec rules with conformance IDs), matching, explanations,
 * the subscription store for the broker, and the topic design linter. Browser-safe: no Node
 * APIs, nothing from npm.
 */
export { RULES, ruleRef, type RuleName } from './rules.ts';
export { TOPIC_RULES, type SpecRef, type TopicRule, type VersionedRef } from './spec.ts';
export {
  MESSAGES,
  formatMessage,
  bothLanguages,
  messageDictionary,
  type Lang,
  type MessageKey,
  type MessageParams,
  type MessageText,
} from './messages.ts';
export {
  MAX_TOPIC_BYTES,
  validateTopicName,
  validateTopicFilter,
  isValidTopicName,
  isValidTopicFilter,
  type TopicProblem,
  type TopicProblemCode,
} from './validate.ts';
export { SHARE_PREFIX, isSharedFilter, parseSharedSubscription, type SharedFilter } from './shared.ts';
export { matches, hasWildcard, topicLevels } from './match.ts';
export { explainMatch, type MatchExplanation } from './explain.ts';
export { SubscriptionStore, type Subscription, type AddOptions } from './subscription-store.ts';
export {
  DEFAULT_MAX_TOPIC_BYTES,
  lintTopic,
  lintTopicSet,
  type LintFinding,
  type LintFix,
  type LintOptions,
  type LintRule,
  type LintSeverity,
  type CaseConflict,
} from './lint.ts';
export { utf8ByteLength } from './utf8.ts';
