/**
 * One packet of every type for MQTT 3.1.1 and 5.0, with every optional field and every 5.0
 * property the packet may carry, so that annotating them yields every field the codec can
 * produce. Used to check that each field's meaning exists in English and German.
 */
import type { Packet, Properties, ProtocolVersion } from '../../src/core/codec/types.ts';

const text = new TextEncoder();
const user: Properties['userProperties'] = [['site', 'hall 1']];

/** Every property a PUBLISH (and a will) may carry. */
const messageProperties: Properties = {
  payloadFormatIndicator: 1,
  messageExpiryIntervalSec: 60,
  contentType: 'text/plain',
  responseTopic: 'reply/here',
  correlationData: text.encode('req-1'),
  userProperties: user,
};

const connectProperties: Properties = {
  sessionExpiryIntervalSec: 3600,
  receiveMaximum: 20,
  maximumPacketSize: 65536,
  topicAliasMaximum: 10,
  requestResponseInformation: 1,
  requestProblemInformation: 1,
  authenticationMethod: 'SCRAM-SHA-1',
  authenticationData: text.encode('client-first'),
  userProperties: user,
};

const connackProperties: Properties = {
  sessionExpiryIntervalSec: 3600,
  receiveMaximum: 20,
  maximumQoS: 1,
  retainAvailable: 1,
  maximumPacketSize: 65536,
  assignedClientIdentifier: 'auto-1',
  topicAliasMaximum: 10,
  reasonString: 'welcome',
  userProperties: user,
  wildcardSubscriptionAvailable: 1,
  subscriptionIdentifiersAvailable: 1,
  sharedSubscriptionAvailable: 0,
  serverKeepAliveSec: 30,
  responseInformation: 'responses/',
  serverReference: 'other.example',
  authenticationMethod: 'SCRAM-SHA-1',
  authenticationData: text.encode('server-first'),
};

const ackProperties: Properties = { reasonString: 'ok', userProperties: user };

function packets(version: ProtocolVersion): Packet[] {
  const v5 = version === 5;
  const props = <T extends Properties>(p: T): { properties?: T } => (v5 ? { properties: p } : {});
  return [
    {
      type: 'connect',
      protocolVersion: version,
      clean: true,
      keepAliveSec: 30,
      clientId: 'sensor-17',
      will: { topic: 'plant/s17/status', payload: text.encode('offline'), qos: 1, retain: true, ...props({ ...messageProperties, willDelayIntervalSec: 5 }) },
      username: 'alice',
      password: text.encode('secret'),
      ...props(connectProperties),
    },
    { type: 'connect', protocolVersion: version, clean: false, keepAliveSec: 0, clientId: '' },
    { type: 'connack', sessionPresent: true, reasonCode: 0, ...props(connackProperties) },
    { type: 'connack', sessionPresent: false, reasonCode: v5 ? 0x86 : 4 },
    { type: 'publish', topic: 'plant/s17/temp', payload: text.encode('21.5'), qos: 2, retain: true, dup: true, packetId: 7, ...props({ ...messageProperties, topicAlias: 3, subscriptionIdentifiers: [4] }) },
    { type: 'publish', topic: 'plant/s17/temp', payload: new Uint8Array(0), qos: 0, retain: false, dup: false },
    { type: 'puback', packetId: 7, ...(v5 ? { reasonCode: 0x10, properties: ackProperties } : {}) },
    { type: 'pubrec', packetId: 7, ...(v5 ? { reasonCode: 0, properties: ackProperties } : {}) },
    { type: 'pubrel', packetId: 7, ...(v5 ? { reasonCode: 0x92, properties: ackProperties } : {}) },
    { type: 'pubcomp', packetId: 7, ...(v5 ? { reasonCode: 0, properties: ackProperties } : {}) },
    {
      type: 'subscribe',
      packetId: 8,
      subscriptions: [
        { topicFilter: 'plant/+/temp', qos: 1, noLocal: v5, retainAsPublished: v5, retainHandling: v5 ? 2 : 0 },
        { topicFilter: 'plant/#', qos: 2 },
      ],
      ...props({ subscriptionIdentifiers: [4], userProperties: user }),
    },
    { type: 'suback', packetId: 8, reasonCodes: [1, 0x80], ...props(ackProperties) },
    { type: 'unsubscribe', packetId: 9, topicFilters: ['plant/+/temp', 'plant/#'], ...props({ userProperties: user }) },
    v5 ? { type: 'unsuback', packetId: 9, reasonCodes: [0, 0x11], properties: ackProperties } : { type: 'unsuback', packetId: 9 },
    { type: 'pingreq' },
    { type: 'pingresp' },
    v5 ? { type: 'disconnect', reasonCode: 0x04, properties: { sessionExpiryIntervalSec: 0, reasonString: 'bye', serverReference: 'other.example', userProperties: user } } : { type: 'disconnect' },
    ...(v5 ? [{ type: 'auth', reasonCode: 0x18, properties: { authenticationMethod: 'SCRAM-SHA-1', authenticationData: text.encode('x'), reasonString: 'go on', userProperties: user } } satisfies Packet] : []),
  ];
}

/** The fixtures, by protocol version. */
export const FIELD_FIXTURES: { version: ProtocolVersion; packets: Packet[] }[] = [
  { version: 4, packets: packets(4) },
  { version: 5, packets: packets(5) },
];

/**
 * Hand-made frames for what `encode` never writes: wrong flags, an invalid reason code, an
 * unknown property, a truncated packet (each still annotated as far as it goes).
 */
export const ODD_FRAMES: { version: ProtocolVersion; bytes: number[] }[] = [
  { version: 4, bytes: [0x63, 0x02, 0x00, 0x01] }, // PUBLISH with QoS 3 (invalid)
  { version: 4, bytes: [0x82, 0x02, 0x00, 0x01] }, // SUBSCRIBE with reserved flags 0010 -> wrong (0000)
  { version: 5, bytes: [0x40, 0x04, 0x00, 0x01, 0x99, 0x00] }, // PUBACK with reason code 0x99 (not valid)
  { version: 5, bytes: [0xe0, 0x03, 0x00, 0x01, 0x7f] }, // DISCONNECT with an unknown property 0x7f
  { version: 4, bytes: [0x30, 0x0a, 0x00, 0x03, 0x61] }, // PUBLISH cut off
  { version: 4, bytes: [0xc0, 0x00, 0xff] }, // PINGREQ with a trailing byte
  { version: 4, bytes: [0x10, 0x0d, 0x00, 0x04, 0x4d, 0x51, 0x54, 0x54, 0x03, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00] }, // CONNECT level 3, reserved flag set
  { version: 4, bytes: [0x82, 0x06, 0x00, 0x01, 0x00, 0x01, 0x61, 0xfd] }, // SUBSCRIBE 3.1.1 with reserved option bits set
  { version: 5, bytes: [0x82, 0x07, 0x00, 0x01, 0x00, 0x00, 0x01, 0x61, 0x31] }, // SUBSCRIBE 5.0 retain handling 3
  { version: 4, bytes: [0x20, 0x02, 0x00, 0x01] }, // CONNACK 3.1.1 return code 1
  { version: 4, bytes: [0x30, 0x06, 0x00, 0x01, 0x61, 0xff, 0xfe, 0x41] }, // PUBLISH topic ok, binary payload
  { version: 4, bytes: [0x30, 0x05, 0x00, 0x02, 0xc3, 0x28, 0x41] }, // PUBLISH with invalid UTF-8 topic
  { version: 4, bytes: [0x30, 0xff] }, // a broken Remaining Length
];
