/**
 * Malformed frames, with the bytes commented like the valid fixtures (fixtures.ts, in the style
 * of mqtt-packet's test.js): each run of bytes says what it is, and the run that breaks the
 * rule says what is wrong with it (`WRONG:`). Each case names the reason code a broker would
 * use and the conformance statement (or spec section) that was violated.
 */
import type { DecoderLimits, ProtocolVersion } from '../../src/core/codec/index.ts';

export interface ErrorFixture {
  name: string;
  version: ProtocolVersion;
  bytes: number[];
  reasonCode: number;
  ref: string;
  limits?: Partial<DecoderLimits>;
}

export const ERROR_FIXTURES: ErrorFixture[] = [
  // ------------------------------------------------------------------ fixed header
  {
    name: 'packet type 0 is reserved', version: 4, reasonCode: 0x81, ref: '2.2.1',
    bytes: [
      0x00, 0x00, // WRONG: packet type 0 (reserved), remaining length 0
    ],
  },
  {
    name: 'AUTH does not exist in 3.1.1', version: 4, reasonCode: 0x81, ref: '2.2.1',
    bytes: [
      0xf0, 0x00, // WRONG: type 15 (AUTH, 5.0 only) on a 3.1.1 connection, remaining length 0
    ],
  },
  {
    name: 'PUBREL flags must be 0010', version: 5, reasonCode: 0x81, ref: 'MQTT-3.6.1-1',
    bytes: [
      0x60, 0x02, // WRONG: PUBREL with flags 0000 (must be 0010), remaining length 2
      0x00, 0x01, // packet id 1
    ],
  },
  {
    name: 'SUBSCRIBE flags must be 0010', version: 4, reasonCode: 0x81, ref: 'MQTT-3.8.1-1',
    bytes: [
      0x80, 0x06, // WRONG: SUBSCRIBE with flags 0000 (must be 0010), remaining length 6
      0x00, 0x01, // packet id 1
      0x00, 0x01, 0x61, 0x00, // filter "a", QoS 0
    ],
  },
  {
    name: 'UNSUBSCRIBE flags must be 0010', version: 5, reasonCode: 0x81, ref: 'MQTT-3.10.1-1',
    bytes: [
      0xa0, 0x06, // WRONG: UNSUBSCRIBE with flags 0000 (must be 0010), remaining length 6
      0x00, 0x01, // packet id 1
      0x00, // properties length 0
      0x00, 0x01, 0x61, // filter "a"
    ],
  },
  {
    name: 'PUBACK reserved flags (5.0)', version: 5, reasonCode: 0x81, ref: 'MQTT-2.1.3-1',
    bytes: [
      0x41, 0x02, // WRONG: PUBACK with flags 0001 (reserved, must be 0000), remaining length 2
      0x00, 0x01, // packet id 1
    ],
  },
  {
    name: 'PUBACK reserved flags (3.1.1)', version: 4, reasonCode: 0x81, ref: 'MQTT-2.2.2-1',
    bytes: [
      0x41, 0x02, // WRONG: PUBACK with flags 0001 (reserved, must be 0000), remaining length 2
      0x00, 0x01, // packet id 1
    ],
  },
  {
    name: 'DISCONNECT reserved flags (3.1.1)', version: 4, reasonCode: 0x81, ref: 'MQTT-3.14.1-1',
    bytes: [
      0xe1, 0x00, // WRONG: DISCONNECT with flags 0001 (must be 0000), remaining length 0
    ],
  },
  {
    name: 'PUBLISH with QoS 3', version: 4, reasonCode: 0x81, ref: 'MQTT-3.3.1-4',
    bytes: [
      0x36, 0x05, // WRONG: PUBLISH with both QoS bits set (QoS 3), remaining length 5
      0x00, 0x01, 0x74, // topic "t"
      0x00, 0x01, // packet id 1
    ],
  },
  {
    name: 'DUP set on QoS 0', version: 4, reasonCode: 0x81, ref: 'MQTT-3.3.1-2',
    bytes: [
      0x38, 0x03, // WRONG: PUBLISH, DUP set at QoS 0, remaining length 3
      0x00, 0x01, 0x74, // topic "t"
    ],
  },
  {
    name: 'remaining length over 4 bytes (5.0)', version: 5, reasonCode: 0x81, ref: 'MQTT-1.5.5-1',
    bytes: [
      0x30, // PUBLISH, QoS 0
      0xff, 0xff, 0xff, 0xff, 0x7f, // WRONG: remaining length in 5 bytes (at most 4)
    ],
  },
  {
    name: 'remaining length over 4 bytes (3.1.1)', version: 4, reasonCode: 0x81, ref: '2.2.3',
    bytes: [
      0x30, // PUBLISH, QoS 0
      0xff, 0xff, 0xff, 0xff, 0x7f, // WRONG: remaining length in 5 bytes (at most 4)
    ],
  },
  {
    name: 'remaining length not minimal', version: 5, reasonCode: 0x81, ref: 'MQTT-1.5.5-1',
    bytes: [
      0xc0, // PINGREQ
      0x80, 0x00, // WRONG: remaining length 0 in two bytes (0x00 alone is the minimal form)
    ],
  },
  {
    name: 'remaining length shorter than the fields', version: 4, reasonCode: 0x81, ref: '2.2.3',
    bytes: [
      0x32, 0x03, // PUBLISH QoS 1, WRONG: remaining length 3 leaves no room for the packet id
      0x00, 0x01, 0x74, // topic "t"
    ],
  },
  {
    name: 'trailing bytes in PUBACK', version: 4, reasonCode: 0x81, ref: '2.2.3',
    bytes: [
      0x40, 0x03, // PUBACK, remaining length 3
      0x00, 0x01, // packet id 1
      0x00, // WRONG: a byte after the last field (3.1.1 PUBACK has no reason code)
    ],
  },
  {
    name: 'PINGREQ with a body', version: 5, reasonCode: 0x81, ref: '2.1.4',
    bytes: [
      0xc0, 0x01, // PINGREQ, WRONG: remaining length 1 (PINGREQ has no body)
      0x00, // the byte that should not be there
    ],
  },
  // ------------------------------------------------------------------ UTF-8
  {
    name: 'ill-formed UTF-8 in a topic (5.0)', version: 5, reasonCode: 0x81, ref: 'MQTT-1.5.4-1',
    bytes: [
      0x30, 0x05, // PUBLISH, QoS 0, remaining length 5
      0x00, 0x02, 0xc3, 0x28, // topic, WRONG: c3 starts a 2-byte sequence, 28 is no continuation byte
      0x00, // properties length 0
    ],
  },
  {
    name: 'ill-formed UTF-8 in a topic (3.1.1)', version: 4, reasonCode: 0x81, ref: 'MQTT-1.5.3-1',
    bytes: [
      0x30, 0x04, // PUBLISH, QoS 0, remaining length 4
      0x00, 0x02, 0xc3, 0x28, // topic, WRONG: c3 starts a 2-byte sequence, 28 is no continuation byte
    ],
  },
  {
    name: 'an encoded surrogate U+D800', version: 5, reasonCode: 0x81, ref: 'MQTT-1.5.4-1',
    bytes: [
      0x30, 0x06, // PUBLISH, QoS 0, remaining length 6
      0x00, 0x03, 0xed, 0xa0, 0x80, // topic, WRONG: ed a0 80 encodes the surrogate U+D800
      0x00, // properties length 0
    ],
  },
  {
    name: 'an overlong encoding of "/"', version: 5, reasonCode: 0x81, ref: 'MQTT-1.5.4-1',
    bytes: [
      0x30, 0x05, // PUBLISH, QoS 0, remaining length 5
      0x00, 0x02, 0xc0, 0xaf, // topic, WRONG: c0 af is "/" in two bytes (overlong)
      0x00, // properties length 0
    ],
  },
  {
    name: 'U+0000 in a topic (5.0)', version: 5, reasonCode: 0x81, ref: 'MQTT-1.5.4-2',
    bytes: [
      0x30, 0x06, // PUBLISH, QoS 0, remaining length 6
      0x00, 0x03, 0x61, 0x00, 0x62, // topic "a", WRONG: U+0000, "b"
      0x00, // properties length 0
    ],
  },
  {
    name: 'U+0000 in a topic (3.1.1)', version: 4, reasonCode: 0x81, ref: 'MQTT-1.5.3-2',
    bytes: [
      0x30, 0x05, // PUBLISH, QoS 0, remaining length 5
      0x00, 0x03, 0x61, 0x00, 0x62, // topic "a", WRONG: U+0000, "b"
    ],
  },
  // ------------------------------------------------------------------ packet identifiers
  {
    name: 'QoS 1 PUBLISH with packet id 0 (5.0)', version: 5, reasonCode: 0x82, ref: 'MQTT-2.2.1-3',
    bytes: [
      0x32, 0x06, // PUBLISH, QoS 1, remaining length 6
      0x00, 0x01, 0x74, // topic "t"
      0x00, 0x00, // WRONG: packet id 0
      0x00, // properties length 0
    ],
  },
  {
    name: 'QoS 1 PUBLISH with packet id 0 (3.1.1)', version: 4, reasonCode: 0x82, ref: 'MQTT-2.3.1-1',
    bytes: [
      0x32, 0x05, // PUBLISH, QoS 1, remaining length 5
      0x00, 0x01, 0x74, // topic "t"
      0x00, 0x00, // WRONG: packet id 0
    ],
  },
  {
    name: 'SUBSCRIBE with packet id 0', version: 4, reasonCode: 0x82, ref: 'MQTT-2.3.1-1',
    bytes: [
      0x82, 0x06, // SUBSCRIBE, remaining length 6
      0x00, 0x00, // WRONG: packet id 0
      0x00, 0x01, 0x61, 0x00, // filter "a", QoS 0
    ],
  },
  // ------------------------------------------------------------------ CONNECT
  {
    name: 'bad protocol name', version: 4, reasonCode: 0x84, ref: 'MQTT-3.1.2-1',
    bytes: [
      0x10, 0x0d, // CONNECT, remaining length 13
      0x00, 0x04, 0x4d, 0x51, 0x54, 0x58, // WRONG: protocol name "MQTX"
      0x04, // protocol level 4 (3.1.1)
      0x02, // connect flags: clean session
      0x00, 0x00, // keep alive 0
      0x00, 0x01, 0x63, // client id "c"
    ],
  },
  {
    name: 'unsupported protocol level 6', version: 4, reasonCode: 0x84, ref: 'MQTT-3.1.2-2',
    bytes: [
      0x10, 0x0d, // CONNECT, remaining length 13
      0x00, 0x04, 0x4d, 0x51, 0x54, 0x54, // protocol name "MQTT"
      0x06, // WRONG: protocol level 6 (no such version)
      0x02, // connect flags: clean session
      0x00, 0x00, // keep alive 0
      0x00, 0x01, 0x63, // client id "c"
    ],
  },
  {
    name: 'MQIsdp with level 4 (MQTT 3.1 is level 3)', version: 4, reasonCode: 0x84, ref: 'MQTT-3.1.2-2',
    bytes: [
      0x10, 0x0f, // CONNECT, remaining length 15
      0x00, 0x06, 0x4d, 0x51, 0x49, 0x73, 0x64, 0x70, // protocol name "MQIsdp" (MQTT 3.1)
      0x04, // WRONG: protocol level 4 with the 3.1 name
      0x02, // connect flags: clean session
      0x00, 0x00, // keep alive 0
      0x00, 0x01, 0x63, // client id "c"
    ],
  },
  {
    name: 'reserved connect flag', version: 4, reasonCode: 0x81, ref: 'MQTT-3.1.2-3',
    bytes: [
      0x10, 0x0d, // CONNECT, remaining length 13
      0x00, 0x04, 0x4d, 0x51, 0x54, 0x54, // protocol name "MQTT"
      0x04, // protocol level 4 (3.1.1)
      0x03, // connect flags: clean session, WRONG: reserved bit 0 set
      0x00, 0x00, // keep alive 0
      0x00, 0x01, 0x63, // client id "c"
    ],
  },
  {
    name: 'will QoS without will flag (3.1.1)', version: 4, reasonCode: 0x81, ref: 'MQTT-3.1.2-13',
    bytes: [
      0x10, 0x0d, // CONNECT, remaining length 13
      0x00, 0x04, 0x4d, 0x51, 0x54, 0x54, // protocol name "MQTT"
      0x04, // protocol level 4 (3.1.1)
      0x0a, // connect flags: clean session, WRONG: will QoS 1 without the will flag
      0x00, 0x00, // keep alive 0
      0x00, 0x01, 0x63, // client id "c"
    ],
  },
  {
    name: 'will QoS without will flag (5.0)', version: 5, reasonCode: 0x81, ref: 'MQTT-3.1.2-11',
    bytes: [
      0x10, 0x0e, // CONNECT, remaining length 14
      0x00, 0x04, 0x4d, 0x51, 0x54, 0x54, // protocol name "MQTT"
      0x05, // protocol level 5 (5.0)
      0x0a, // connect flags: clean start, WRONG: will QoS 1 without the will flag
      0x00, 0x00, // keep alive 0
      0x00, // properties length 0
      0x00, 0x01, 0x63, // client id "c"
    ],
  },
  {
    name: 'will QoS 3 (3.1.1)', version: 4, reasonCode: 0x81, ref: 'MQTT-3.1.2-14',
    bytes: [
      0x10, 0x0d, // CONNECT, remaining length 13
      0x00, 0x04, 0x4d, 0x51, 0x54, 0x54, // protocol name "MQTT"
      0x04, // protocol level 4 (3.1.1)
      0x1e, // connect flags: clean session, will flag, WRONG: will QoS 3
      0x00, 0x00, // keep alive 0
      0x00, 0x01, 0x63, // client id "c"
    ],
  },
  {
    name: 'will QoS 3 (5.0)', version: 5, reasonCode: 0x81, ref: 'MQTT-3.1.2-12',
    bytes: [
      0x10, 0x0e, // CONNECT, remaining length 14
      0x00, 0x04, 0x4d, 0x51, 0x54, 0x54, // protocol name "MQTT"
      0x05, // protocol level 5 (5.0)
      0x1e, // connect flags: clean start, will flag, WRONG: will QoS 3
      0x00, 0x00, // keep alive 0
      0x00, // properties length 0
      0x00, 0x01, 0x63, // client id "c"
    ],
  },
  {
    name: 'will retain without will flag (3.1.1)', version: 4, reasonCode: 0x81, ref: 'MQTT-3.1.2-15',
    bytes: [
      0x10, 0x0d, // CONNECT, remaining length 13
      0x00, 0x04, 0x4d, 0x51, 0x54, 0x54, // protocol name "MQTT"
      0x04, // protocol level 4 (3.1.1)
      0x22, // connect flags: clean session, WRONG: will retain without the will flag
      0x00, 0x00, // keep alive 0
      0x00, 0x01, 0x63, // client id "c"
    ],
  },
  {
    name: 'will retain without will flag (5.0)', version: 5, reasonCode: 0x81, ref: 'MQTT-3.1.2-13',
    bytes: [
      0x10, 0x0e, // CONNECT, remaining length 14
      0x00, 0x04, 0x4d, 0x51, 0x54, 0x54, // protocol name "MQTT"
      0x05, // protocol level 5 (5.0)
      0x22, // connect flags: clean start, WRONG: will retain without the will flag
      0x00, 0x00, // keep alive 0
      0x00, // properties length 0
      0x00, 0x01, 0x63, // client id "c"
    ],
  },
  {
    name: 'password without user name (3.1.1)', version: 4, reasonCode: 0x81, ref: 'MQTT-3.1.2-22',
    bytes: [
      0x10, 0x10, // CONNECT, remaining length 16
      0x00, 0x04, 0x4d, 0x51, 0x54, 0x54, // protocol name "MQTT"
      0x04, // protocol level 4 (3.1.1)
      0x42, // connect flags: clean session, WRONG: password flag without the user name flag
      0x00, 0x00, // keep alive 0
      0x00, 0x01, 0x63, // client id "c"
      0x00, 0x01, 0x70, // password "p"
    ],
  },
  {
    name: 'user name flag set but no user name', version: 4, reasonCode: 0x81, ref: '2.2.3',
    bytes: [
      0x10, 0x0d, // CONNECT, remaining length 13
      0x00, 0x04, 0x4d, 0x51, 0x54, 0x54, // protocol name "MQTT"
      0x04, // protocol level 4 (3.1.1)
      0x82, // connect flags: clean session, user name flag
      0x00, 0x00, // keep alive 0
      0x00, 0x01, 0x63, // client id "c", WRONG: the packet ends where the user name should be
    ],
  },
  // ------------------------------------------------------------------ CONNACK
  {
    name: 'CONNACK reserved flag bits (5.0)', version: 5, reasonCode: 0x81, ref: 'MQTT-3.2.2-1',
    bytes: [
      0x20, 0x03, // CONNACK, remaining length 3
      0x02, // WRONG: acknowledge flags with reserved bit 1 set (only bit 0, session present, is defined)
      0x00, // reason code 0x00 success
      0x00, // properties length 0
    ],
  },
  {
    name: 'CONNACK return code 6 (3.1.1)', version: 4, reasonCode: 0x82, ref: '3.2.2.3',
    bytes: [
      0x20, 0x02, // CONNACK, remaining length 2
      0x00, // acknowledge flags: no session present
      0x06, // WRONG: return code 6 (3.1.1 defines 0 to 5)
    ],
  },
  {
    name: 'CONNACK reason code not for CONNACK (5.0)', version: 5, reasonCode: 0x82, ref: 'MQTT-3.2.2-8',
    bytes: [
      0x20, 0x03, // CONNACK, remaining length 3
      0x00, // acknowledge flags: no session present
      0x10, // WRONG: reason code 0x10 (No matching subscribers, a PUBACK code)
      0x00, // properties length 0
    ],
  },
  // ------------------------------------------------------------------ acknowledgements
  {
    name: 'PUBACK with a reason code PUBACK may not use', version: 5, reasonCode: 0x82, ref: 'MQTT-3.4.2-1',
    bytes: [
      0x40, 0x03, // PUBACK, remaining length 3
      0x00, 0x01, // packet id 1
      0x05, // WRONG: reason code 0x05 (not one of PUBACK's)
    ],
  },
  {
    name: 'SUBACK 3.1.1 return code 3', version: 4, reasonCode: 0x82, ref: 'MQTT-3.9.3-2',
    bytes: [
      0x90, 0x03, // SUBACK, remaining length 3
      0x00, 0x01, // packet id 1
      0x03, // WRONG: return code 3 (3.1.1 allows 0, 1, 2, 0x80)
    ],
  },
  // ------------------------------------------------------------------ SUBSCRIBE / UNSUBSCRIBE
  {
    name: 'SUBSCRIBE without filters (3.1.1)', version: 4, reasonCode: 0x82, ref: 'MQTT-3.8.3-3',
    bytes: [
      0x82, 0x02, // SUBSCRIBE, remaining length 2
      0x00, 0x01, // packet id 1, WRONG: no topic filter follows
    ],
  },
  {
    name: 'SUBSCRIBE without filters (5.0)', version: 5, reasonCode: 0x82, ref: 'MQTT-3.8.3-2',
    bytes: [
      0x82, 0x03, // SUBSCRIBE, remaining length 3
      0x00, 0x01, // packet id 1
      0x00, // properties length 0, WRONG: no topic filter follows
    ],
  },
  {
    name: 'UNSUBSCRIBE without filters', version: 4, reasonCode: 0x82, ref: 'MQTT-3.10.3-2',
    bytes: [
      0xa2, 0x02, // UNSUBSCRIBE, remaining length 2
      0x00, 0x01, // packet id 1, WRONG: no topic filter follows
    ],
  },
  {
    name: 'SUBSCRIBE 3.1.1 reserved bits in the QoS byte', version: 4, reasonCode: 0x81, ref: 'MQTT-3.8.3-4',
    bytes: [
      0x82, 0x06, // SUBSCRIBE, remaining length 6
      0x00, 0x01, // packet id 1
      0x00, 0x01, 0x61, // filter "a"
      0x04, // WRONG: requested QoS byte with reserved bit 2 set
    ],
  },
  {
    name: 'SUBSCRIBE 3.1.1 requested QoS 3', version: 4, reasonCode: 0x81, ref: 'MQTT-3.8.3-4',
    bytes: [
      0x82, 0x06, // SUBSCRIBE, remaining length 6
      0x00, 0x01, // packet id 1
      0x00, 0x01, 0x61, // filter "a"
      0x03, // WRONG: requested QoS 3
    ],
  },
  {
    name: 'SUBSCRIBE 5.0 reserved option bits', version: 5, reasonCode: 0x81, ref: 'MQTT-3.8.3-5',
    bytes: [
      0x82, 0x07, // SUBSCRIBE, remaining length 7
      0x00, 0x01, // packet id 1
      0x00, // properties length 0
      0x00, 0x01, 0x61, // filter "a"
      0x40, // WRONG: subscription options with reserved bit 6 set
    ],
  },
  {
    name: 'SUBSCRIBE 5.0 retain handling 3', version: 5, reasonCode: 0x82, ref: '3.8.3.1',
    bytes: [
      0x82, 0x07, // SUBSCRIBE, remaining length 7
      0x00, 0x01, // packet id 1
      0x00, // properties length 0
      0x00, 0x01, 0x61, // filter "a"
      0x30, // WRONG: subscription options, Retain Handling 3 (0 to 2 only)
    ],
  },
  {
    name: 'No Local on a shared subscription', version: 5, reasonCode: 0x82, ref: 'MQTT-3.8.3-4',
    bytes: [
      0x82, 0x10, // SUBSCRIBE, remaining length 16
      0x00, 0x01, // packet id 1
      0x00, // properties length 0
      0x00, 0x0a, 0x24, 0x73, 0x68, 0x61, 0x72, 0x65, 0x2f, 0x67, 0x2f, 0x61, // filter "$share/g/a"
      0x04, // WRONG: subscription options with No Local on a shared subscription
    ],
  },
  // ------------------------------------------------------------------ properties
  {
    name: 'duplicate property', version: 5, reasonCode: 0x82, ref: '2.2.2.2',
    bytes: [
      0x30, 0x0e, // PUBLISH, QoS 0, remaining length 14
      0x00, 0x01, 0x74, // topic "t"
      0x08, // properties length 8
      0x03, 0x00, 0x01, 0x61, // content type "a"
      0x03, 0x00, 0x01, 0x62, // WRONG: content type again ("b"); it may appear once
      0x78, 0x78, // payload "xx"
    ],
  },
  {
    name: 'property not allowed in PUBLISH', version: 5, reasonCode: 0x81, ref: '2.2.2.2',
    bytes: [
      0x30, 0x09, // PUBLISH, QoS 0, remaining length 9
      0x00, 0x01, 0x74, // topic "t"
      0x05, // properties length 5
      0x11, 0x00, 0x00, 0x00, 0x01, // WRONG: session expiry interval 1 (a CONNECT/CONNACK/DISCONNECT property)
    ],
  },
  {
    name: 'unknown property identifier', version: 5, reasonCode: 0x81, ref: '2.2.2.2',
    bytes: [
      0x30, 0x06, // PUBLISH, QoS 0, remaining length 6
      0x00, 0x01, 0x74, // topic "t"
      0x01, // properties length 1
      0x05, // WRONG: property identifier 0x05 (no such property)
      0x00, // payload (never reached)
    ],
  },
  {
    name: 'topic alias 0', version: 5, reasonCode: 0x82, ref: 'MQTT-3.3.2-8',
    bytes: [
      0x30, 0x07, // PUBLISH, QoS 0, remaining length 7
      0x00, 0x01, 0x74, // topic "t"
      0x03, // properties length 3
      0x23, 0x00, 0x00, // WRONG: topic alias 0
    ],
  },
  {
    name: 'payload format indicator 2', version: 5, reasonCode: 0x82, ref: '3.3.2.3.2',
    bytes: [
      0x30, 0x06, // PUBLISH, QoS 0, remaining length 6
      0x00, 0x01, 0x74, // topic "t"
      0x02, // properties length 2
      0x01, 0x02, // WRONG: payload format indicator 2 (0 or 1 only)
    ],
  },
  {
    name: 'two subscription identifiers in SUBSCRIBE', version: 5, reasonCode: 0x82, ref: '3.8.2.1.2',
    bytes: [
      0x82, 0x0b, // SUBSCRIBE, remaining length 11
      0x00, 0x01, // packet id 1
      0x04, // properties length 4
      0x0b, 0x01, // subscription identifier 1
      0x0b, 0x02, // WRONG: a second subscription identifier (2)
      0x00, 0x01, 0x61, 0x00, // filter "a", options 0
    ],
  },
  {
    name: 'empty topic without topic alias (5.0)', version: 5, reasonCode: 0x82, ref: '3.3.2.1',
    bytes: [
      0x30, 0x03, // PUBLISH, QoS 0, remaining length 3
      0x00, 0x00, // WRONG: empty topic name
      0x00, // properties length 0: no topic alias stands in for it
    ],
  },
  {
    name: 'empty topic (3.1.1)', version: 4, reasonCode: 0x82, ref: 'MQTT-4.7.3-1',
    bytes: [
      0x30, 0x02, // PUBLISH, QoS 0, remaining length 2
      0x00, 0x00, // WRONG: empty topic name
    ],
  },
  {
    name: 'property block longer than the packet', version: 5, reasonCode: 0x81, ref: '2.2.2.1',
    bytes: [
      0x30, 0x05, // PUBLISH, QoS 0, remaining length 5
      0x00, 0x01, 0x74, // topic "t"
      0x09, // WRONG: properties length 9, but 1 byte is left
      0x01, // the one byte left
    ],
  },
  // ------------------------------------------------------------------ limits
  {
    name: 'packet larger than maxPacketSize', version: 4, reasonCode: 0x95, ref: '3.1.2.11.4', limits: { maxPacketSize: 10 },
    bytes: [
      0x30, 0x12, // PUBLISH, QoS 0, WRONG: remaining length 18, 20 bytes in all (the limit is 10)
      0x00, 0x01, 0x74, // topic "t"
      0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, // payload, 15 bytes
    ],
  },
  {
    name: 'more topic filters than maxTopicFilters', version: 4, reasonCode: 0x97, ref: 'limit:maxTopicFilters', limits: { maxTopicFilters: 1 },
    bytes: [
      0x82, 0x0a, // SUBSCRIBE, remaining length 10
      0x00, 0x01, // packet id 1
      0x00, 0x01, 0x61, 0x00, // filter "a", QoS 0
      0x00, 0x01, 0x62, 0x00, // WRONG: a second filter "b" (the limit is 1)
    ],
  },
  {
    name: 'more properties than maxProperties', version: 5, reasonCode: 0x97, ref: 'limit:maxProperties', limits: { maxProperties: 1 },
    bytes: [
      0x30, 0x0a, // PUBLISH, QoS 0, remaining length 10
      0x00, 0x01, 0x74, // topic "t"
      0x04, // properties length 4
      0x01, 0x01, // payload format indicator 1
      0x02, 0x00, // WRONG: a second property, message expiry interval (the limit is 1)
      0x00, 0x00, // payload
    ],
  },
];
