/**
 * The properties an `expect` line can check, by their `-D` names (mosquitto_pub's), each with
 * the packet field it reads: of a received PUBLISH, of a CONNACK, of a DISCONNECT. The parser
 * (parse-expect.ts, parse-expect-message.ts), the checker (expect-match.ts, expect-connection.ts)
 * and the editor's hover and completion read these tables.
 */

/** Properties a received PUBLISH can be checked for (`-D` names) and their field. */
export const MESSAGE_PROPERTIES: Readonly<Record<string, string>> = {
  'payload-format-indicator': 'payloadFormatIndicator',
  'message-expiry-interval': 'messageExpiryIntervalSec',
  'content-type': 'contentType',
  'response-topic': 'responseTopic',
  'correlation-data': 'correlationData',
  'subscription-identifier': 'subscriptionIdentifiers',
  'user-property': 'userProperties',
};

/** Properties a CONNACK can be checked for and their field. */
export const CONNACK_PROPERTIES: Readonly<Record<string, string>> = {
  'session-expiry-interval': 'sessionExpiryIntervalSec',
  'assigned-client-identifier': 'assignedClientIdentifier',
  'server-keep-alive': 'serverKeepAliveSec',
  'receive-maximum': 'receiveMaximum',
  'topic-alias-maximum': 'topicAliasMaximum',
  'maximum-qos': 'maximumQoS',
  'retain-available': 'retainAvailable',
  'maximum-packet-size': 'maximumPacketSize',
  'wildcard-subscription-available': 'wildcardSubscriptionAvailable',
  'subscription-identifiers-available': 'subscriptionIdentifiersAvailable',
  'shared-subscription-available': 'sharedSubscriptionAvailable',
  'reason-string': 'reasonString',
  'response-information': 'responseInformation',
  'server-reference': 'serverReference',
  'user-property': 'userProperties',
};

/** Properties a DISCONNECT can be checked for (5.0 section 3.14.2.2) and their field. */
export const DISCONNECT_PROPERTIES: Readonly<Record<string, string>> = {
  'session-expiry-interval': 'sessionExpiryIntervalSec',
  'reason-string': 'reasonString',
  'server-reference': 'serverReference',
  'user-property': 'userProperties',
};
