/**
 * Valid frames for every packet type and both versions, with the bytes commented in the style
 * of mqtt-packet's test.js. Each packet is in the decoder's canonical form (see decode.ts), so
 * decode(bytes) equals packet and encode(packet) equals bytes.
 */
import type { Packet, ProtocolVersion } from '../../src/core/codec/index.ts';
import { utf8 } from './helpers.ts';

export interface Fixture {
  name: string;
  version: ProtocolVersion;
  packet: Packet;
  bytes: number[];
}

export const FIXTURES: Fixture[] = [
  // ------------------------------------------------------------------ CONNECT
  {
    name: 'CONNECT 3.1.1, clean session, as mosquitto_pub sends it',
    version: 4,
    packet: { type: 'connect', protocolVersion: 4, clean: true, keepAliveSec: 60, clientId: 'sensor' },
    bytes: [
      0x10, 0x12, // CONNECT, remaining length 18
      0x00, 0x04, 0x4d, 0x51, 0x54, 0x54, // protocol name "MQTT"
      0x04, // protocol level 4 (3.1.1)
      0x02, // connect flags: clean session
      0x00, 0x3c, // keep alive 60 s
      0x00, 0x06, 0x73, 0x65, 0x6e, 0x73, 0x6f, 0x72, // client id "sensor"
    ],
  },
  {
    name: 'CONNECT 3.1.1 with will, user name and password',
    version: 4,
    packet: {
      type: 'connect', protocolVersion: 4, clean: true, keepAliveSec: 10, clientId: 's17',
      will: { topic: 's/st', payload: utf8('off'), qos: 1, retain: true }, username: 'u', password: utf8('pw'),
    },
    bytes: [
      0x10, 0x21, // CONNECT, remaining length 33
      0x00, 0x04, 0x4d, 0x51, 0x54, 0x54, // "MQTT"
      0x04, // level 4
      0xee, // flags: user name, password, will retain, will QoS 1, will, clean session
      0x00, 0x0a, // keep alive 10 s
      0x00, 0x03, 0x73, 0x31, 0x37, // client id "s17"
      0x00, 0x04, 0x73, 0x2f, 0x73, 0x74, // will topic "s/st"
      0x00, 0x03, 0x6f, 0x66, 0x66, // will payload "off"
      0x00, 0x01, 0x75, // user name "u"
      0x00, 0x02, 0x70, 0x77, // password "pw"
    ],
  },
  {
    name: 'CONNECT 5.0 with properties',
    version: 5,
    packet: {
      type: 'connect', protocolVersion: 5, clean: true, keepAliveSec: 0, clientId: 'c',
      properties: { sessionExpiryIntervalSec: 3600, receiveMaximum: 20 },
    },
    bytes: [
      0x10, 0x16, // CONNECT, remaining length 22
      0x00, 0x04, 0x4d, 0x51, 0x54, 0x54, // "MQTT"
      0x05, // level 5
      0x02, // flags: clean start
      0x00, 0x00, // keep alive off
      0x08, // property length 8
      0x11, 0x00, 0x00, 0x0e, 0x10, // session expiry interval 3600 s
      0x21, 0x00, 0x14, // receive maximum 20
      0x00, 0x01, 0x63, // client id "c"
    ],
  },
  {
    name: 'CONNECT 5.0 with will properties and login',
    version: 5,
    packet: {
      type: 'connect', protocolVersion: 5, clean: true, keepAliveSec: 30, clientId: 'c',
      will: { topic: 'w', payload: utf8('x'), qos: 0, retain: false, properties: { willDelayIntervalSec: 5 } },
      username: 'u', password: utf8('p'),
    },
    bytes: [
      0x10, 0x20, // CONNECT, remaining length 32
      0x00, 0x04, 0x4d, 0x51, 0x54, 0x54, // "MQTT"
      0x05, // level 5
      0xc6, // flags: user name, password, will (QoS 0, not retained), clean start
      0x00, 0x1e, // keep alive 30 s
      0x00, // property length 0
      0x00, 0x01, 0x63, // client id "c"
      0x05, // will property length 5
      0x18, 0x00, 0x00, 0x00, 0x05, // will delay interval 5 s
      0x00, 0x01, 0x77, // will topic "w"
      0x00, 0x01, 0x78, // will payload "x"
      0x00, 0x01, 0x75, // user name "u"
      0x00, 0x01, 0x70, // password "p"
    ],
  },
  // ------------------------------------------------------------------ CONNACK
  {
    name: 'CONNACK 3.1.1 accepted, as Mosquitto sends it',
    version: 4,
    packet: { type: 'connack', sessionPresent: false, reasonCode: 0 },
    bytes: [
      0x20, 0x02, // CONNACK, remaining length 2
      0x00, // session present 0
      0x00, // return code 0: accepted
    ],
  },
  {
    name: 'CONNACK 3.1.1 session present',
    version: 4,
    packet: { type: 'connack', sessionPresent: true, reasonCode: 0 },
    bytes: [0x20, 0x02, /* CONNACK */ 0x01, /* session present */ 0x00 /* accepted */],
  },
  {
    name: 'CONNACK 3.1.1 not authorized',
    version: 4,
    packet: { type: 'connack', sessionPresent: false, reasonCode: 5 },
    bytes: [0x20, 0x02, /* CONNACK */ 0x00, 0x05 /* return code 5: not authorized */],
  },
  {
    name: 'CONNACK 5.0 without properties',
    version: 5,
    packet: { type: 'connack', sessionPresent: false, reasonCode: 0 },
    bytes: [
      0x20, 0x03, // CONNACK, remaining length 3
      0x00, // session present 0
      0x00, // reason code 0: success
      0x00, // property length 0
    ],
  },
  {
    name: 'CONNACK 5.0 with properties',
    version: 5,
    packet: {
      type: 'connack', sessionPresent: false, reasonCode: 0,
      properties: { topicAliasMaximum: 10, assignedClientIdentifier: 'auto-1', retainAvailable: 1 },
    },
    bytes: [
      0x20, 0x11, // CONNACK, remaining length 17
      0x00, // session present 0
      0x00, // success
      0x0e, // property length 14
      0x22, 0x00, 0x0a, // topic alias maximum 10
      0x12, 0x00, 0x06, 0x61, 0x75, 0x74, 0x6f, 0x2d, 0x31, // assigned client identifier "auto-1"
      0x25, 0x01, // retain available 1
    ],
  },
  {
    name: 'CONNACK 5.0 bad user name or password',
    version: 5,
    packet: { type: 'connack', sessionPresent: false, reasonCode: 0x86 },
    bytes: [0x20, 0x03, /* CONNACK */ 0x00, 0x86, /* 0x86 bad user name or password */ 0x00 /* no properties */],
  },
  // Captured from Mosquitto 2.0.11 (Debian 12) on 127.0.0.1, default configuration.
  {
    name: 'Mosquitto 2.0 CONNACK 5.0',
    version: 5,
    packet: { type: 'connack', sessionPresent: false, reasonCode: 0, properties: { topicAliasMaximum: 10, receiveMaximum: 20 } },
    bytes: [
      0x20, 0x09, // CONNACK, remaining length 9
      0x00, // session present 0
      0x00, // success
      0x06, // property length 6
      0x22, 0x00, 0x0a, // topic alias maximum 10
      0x21, 0x00, 0x14, // receive maximum 20
    ],
  },
  {
    name: 'Mosquitto 2.0 CONNACK 5.0 for an empty client id',
    version: 5,
    packet: {
      type: 'connack', sessionPresent: false, reasonCode: 0,
      properties: { topicAliasMaximum: 10, assignedClientIdentifier: 'auto-B8C525EB-FCCB-6513-EBEF-552828C5FBB5', receiveMaximum: 20 },
    },
    bytes: [
      0x20, 0x35, // CONNACK, remaining length 53
      0x00, // session present 0
      0x00, // success
      0x32, // property length 50
      0x22, 0x00, 0x0a, // topic alias maximum 10
      0x12, 0x00, 0x29, // assigned client identifier, 41 bytes:
      0x61, 0x75, 0x74, 0x6f, 0x2d, 0x42, 0x38, 0x43, 0x35, 0x32, 0x35, 0x45, 0x42, 0x2d, 0x46, 0x43, 0x43, 0x42, 0x2d, 0x36, 0x35, 0x31, 0x33, 0x2d, 0x45, 0x42, 0x45, 0x46, 0x2d, 0x35, 0x35, 0x32, 0x38, 0x32, 0x38, 0x43, 0x35, 0x46, 0x42, 0x42, 0x35,
      0x21, 0x00, 0x14, // receive maximum 20
    ],
  },
  {
    name: 'Mosquitto 2.0 SUBACK 3.1.1',
    version: 4,
    packet: { type: 'suback', packetId: 1, reasonCodes: [1] },
    bytes: [0x90, 0x03, /* SUBACK */ 0x00, 0x01, /* id 1 */ 0x01 /* granted QoS 1 */],
  },
  {
    name: 'Mosquitto 2.0 SUBACK 5.0',
    version: 5,
    packet: { type: 'suback', packetId: 1, reasonCodes: [1] },
    bytes: [0x90, 0x04, /* SUBACK */ 0x00, 0x01, /* id 1 */ 0x00, /* no properties */ 0x01 /* granted QoS 1 */],
  },
  {
    name: 'Mosquitto 2.0 PUBLISH 5.0 to a subscriber, then its short PUBACK',
    version: 5,
    packet: { type: 'publish', topic: 'a/b', payload: utf8('x'), qos: 1, retain: false, dup: false, packetId: 1 },
    bytes: [
      0x32, 0x09, // PUBLISH QoS 1, remaining length 9
      0x00, 0x03, 0x61, 0x2f, 0x62, // topic "a/b"
      0x00, 0x01, // packet id 1
      0x00, // no properties
      0x78, // payload "x"
    ],
  },
  { name: 'Mosquitto 2.0 PUBACK 5.0', version: 5, packet: { type: 'puback', packetId: 2, reasonCode: 0 }, bytes: [0x40, 0x02, /* PUBACK, short form */ 0x00, 0x02 /* id 2 */] },
  // ------------------------------------------------------------------ PUBLISH
  {
    name: 'PUBLISH 3.1.1 QoS 0',
    version: 4,
    packet: { type: 'publish', topic: 'a/b', payload: utf8('hi'), qos: 0, retain: false, dup: false },
    bytes: [
      0x30, 0x07, // PUBLISH QoS 0, remaining length 7
      0x00, 0x03, 0x61, 0x2f, 0x62, // topic "a/b"
      0x68, 0x69, // payload "hi"
    ],
  },
  {
    name: 'PUBLISH 3.1.1 QoS 1, DUP and RETAIN',
    version: 4,
    packet: { type: 'publish', topic: 't', payload: utf8('21.5'), qos: 1, retain: true, dup: true, packetId: 3 },
    bytes: [
      0x3b, 0x09, // PUBLISH DUP, QoS 1, RETAIN; remaining length 9
      0x00, 0x01, 0x74, // topic "t"
      0x00, 0x03, // packet id 3
      0x32, 0x31, 0x2e, 0x35, // payload "21.5"
    ],
  },
  {
    name: 'PUBLISH 3.1.1 QoS 2, empty payload',
    version: 4,
    packet: { type: 'publish', topic: 't', payload: new Uint8Array(0), qos: 2, retain: false, dup: false, packetId: 0x1234 },
    bytes: [0x34, 0x05, /* PUBLISH QoS 2 */ 0x00, 0x01, 0x74, /* "t" */ 0x12, 0x34 /* packet id 0x1234 */],
  },
  {
    name: 'PUBLISH 3.1.1 with a non-ASCII topic',
    version: 4,
    packet: { type: 'publish', topic: 'ä/€', payload: new Uint8Array(0), qos: 0, retain: false, dup: false },
    bytes: [
      0x30, 0x08, // PUBLISH QoS 0, remaining length 8
      0x00, 0x06, 0xc3, 0xa4, 0x2f, 0xe2, 0x82, 0xac, // topic "ä/€" (2 + 1 + 3 bytes)
    ],
  },
  {
    name: 'PUBLISH 5.0 QoS 1 with properties',
    version: 5,
    packet: {
      type: 'publish', topic: 't', payload: utf8('x'), qos: 1, retain: false, dup: false, packetId: 1,
      properties: { payloadFormatIndicator: 1, contentType: 'text', userProperties: [['k', 'v']] },
    },
    bytes: [
      0x32, 0x17, // PUBLISH QoS 1, remaining length 23
      0x00, 0x01, 0x74, // topic "t"
      0x00, 0x01, // packet id 1
      0x10, // property length 16
      0x01, 0x01, // payload format indicator: UTF-8
      0x03, 0x00, 0x04, 0x74, 0x65, 0x78, 0x74, // content type "text"
      0x26, 0x00, 0x01, 0x6b, 0x00, 0x01, 0x76, // user property k=v
      0x78, // payload "x"
    ],
  },
  {
    name: 'PUBLISH 5.0 with a topic alias and an empty topic',
    version: 5,
    packet: { type: 'publish', topic: '', payload: new Uint8Array(0), qos: 0, retain: false, dup: false, properties: { topicAlias: 5 } },
    bytes: [
      0x30, 0x06, // PUBLISH QoS 0, remaining length 6
      0x00, 0x00, // topic "" (the alias stands in)
      0x03, // property length 3
      0x23, 0x00, 0x05, // topic alias 5
    ],
  },
  {
    name: 'PUBLISH 5.0 QoS 0 without properties',
    version: 5,
    packet: { type: 'publish', topic: 't', payload: utf8('x'), qos: 0, retain: false, dup: false },
    bytes: [0x30, 0x05, /* PUBLISH */ 0x00, 0x01, 0x74, /* "t" */ 0x00, /* no properties */ 0x78 /* "x" */],
  },
  // ------------------------------------------------------------------ PUBACK, PUBREC, PUBREL, PUBCOMP
  { name: 'PUBACK 3.1.1', version: 4, packet: { type: 'puback', packetId: 7 }, bytes: [0x40, 0x02, /* PUBACK */ 0x00, 0x07 /* id 7 */] },
  { name: 'PUBREC 3.1.1', version: 4, packet: { type: 'pubrec', packetId: 7 }, bytes: [0x50, 0x02, /* PUBREC */ 0x00, 0x07 /* id 7 */] },
  { name: 'PUBREL 3.1.1', version: 4, packet: { type: 'pubrel', packetId: 7 }, bytes: [0x62, 0x02, /* PUBREL, flags 0010 */ 0x00, 0x07 /* id 7 */] },
  { name: 'PUBCOMP 3.1.1', version: 4, packet: { type: 'pubcomp', packetId: 7 }, bytes: [0x70, 0x02, /* PUBCOMP */ 0x00, 0x07 /* id 7 */] },
  {
    name: 'PUBACK 5.0 success, short form',
    version: 5,
    packet: { type: 'puback', packetId: 7, reasonCode: 0 },
    bytes: [0x40, 0x02, /* PUBACK, remaining length 2: reason code 0 implied */ 0x00, 0x07 /* id 7 */],
  },
  {
    name: 'PUBACK 5.0 no matching subscribers',
    version: 5,
    packet: { type: 'puback', packetId: 7, reasonCode: 0x10 },
    bytes: [0x40, 0x03, /* PUBACK */ 0x00, 0x07, /* id 7 */ 0x10 /* 0x10 no matching subscribers */],
  },
  {
    name: 'PUBREC 5.0 with a user property',
    version: 5,
    packet: { type: 'pubrec', packetId: 7, reasonCode: 0, properties: { userProperties: [['k', 'v']] } },
    bytes: [
      0x50, 0x0b, // PUBREC, remaining length 11
      0x00, 0x07, // id 7
      0x00, // success
      0x07, // property length 7
      0x26, 0x00, 0x01, 0x6b, 0x00, 0x01, 0x76, // user property k=v
    ],
  },
  {
    name: 'PUBREL 5.0 packet identifier not found, with reason string',
    version: 5,
    packet: { type: 'pubrel', packetId: 7, reasonCode: 0x92, properties: { reasonString: 'gone' } },
    bytes: [
      0x62, 0x0b, // PUBREL, remaining length 11
      0x00, 0x07, // id 7
      0x92, // 0x92 packet identifier not found
      0x07, // property length 7
      0x1f, 0x00, 0x04, 0x67, 0x6f, 0x6e, 0x65, // reason string "gone"
    ],
  },
  { name: 'PUBCOMP 5.0', version: 5, packet: { type: 'pubcomp', packetId: 7, reasonCode: 0 }, bytes: [0x70, 0x02, /* PUBCOMP */ 0x00, 0x07 /* id 7 */] },
  // ------------------------------------------------------------------ SUBSCRIBE, SUBACK
  {
    name: 'SUBSCRIBE 3.1.1 with two filters',
    version: 4,
    packet: { type: 'subscribe', packetId: 1, subscriptions: [{ topicFilter: 'a/b', qos: 1 }, { topicFilter: 'c/#', qos: 0 }] },
    bytes: [
      0x82, 0x0e, // SUBSCRIBE (flags 0010), remaining length 14
      0x00, 0x01, // packet id 1
      0x00, 0x03, 0x61, 0x2f, 0x62, 0x01, // "a/b", QoS 1
      0x00, 0x03, 0x63, 0x2f, 0x23, 0x00, // "c/#", QoS 0
    ],
  },
  {
    name: 'SUBSCRIBE 5.0 with subscription identifier and options',
    version: 5,
    packet: {
      type: 'subscribe', packetId: 1, properties: { subscriptionIdentifiers: [5] },
      subscriptions: [{ topicFilter: 'a/b', qos: 2, noLocal: true, retainAsPublished: true, retainHandling: 1 }],
    },
    bytes: [
      0x82, 0x0b, // SUBSCRIBE, remaining length 11
      0x00, 0x01, // packet id 1
      0x02, // property length 2
      0x0b, 0x05, // subscription identifier 5
      0x00, 0x03, 0x61, 0x2f, 0x62, // "a/b"
      0x1e, // options: retain handling 1, retain as published, no local, QoS 2
    ],
  },
  {
    name: 'SUBACK 3.1.1 granted QoS 1 and failure',
    version: 4,
    packet: { type: 'suback', packetId: 1, reasonCodes: [1, 0x80] },
    bytes: [0x90, 0x04, /* SUBACK */ 0x00, 0x01, /* id 1 */ 0x01, /* granted QoS 1 */ 0x80 /* failure */],
  },
  {
    name: 'SUBACK 5.0',
    version: 5,
    packet: { type: 'suback', packetId: 1, reasonCodes: [2, 0x8f] },
    bytes: [0x90, 0x05, /* SUBACK */ 0x00, 0x01, /* id 1 */ 0x00, /* no properties */ 0x02, /* granted QoS 2 */ 0x8f /* topic filter invalid */],
  },
  // ------------------------------------------------------------------ UNSUBSCRIBE, UNSUBACK
  {
    name: 'UNSUBSCRIBE 3.1.1',
    version: 4,
    packet: { type: 'unsubscribe', packetId: 2, topicFilters: ['a/b'] },
    bytes: [0xa2, 0x07, /* UNSUBSCRIBE (flags 0010) */ 0x00, 0x02, /* id 2 */ 0x00, 0x03, 0x61, 0x2f, 0x62 /* "a/b" */],
  },
  {
    name: 'UNSUBSCRIBE 5.0',
    version: 5,
    packet: { type: 'unsubscribe', packetId: 2, topicFilters: ['a/b'] },
    bytes: [0xa2, 0x08, /* UNSUBSCRIBE */ 0x00, 0x02, /* id 2 */ 0x00, /* no properties */ 0x00, 0x03, 0x61, 0x2f, 0x62 /* "a/b" */],
  },
  { name: 'UNSUBACK 3.1.1', version: 4, packet: { type: 'unsuback', packetId: 2 }, bytes: [0xb0, 0x02, /* UNSUBACK */ 0x00, 0x02 /* id 2 */] },
  {
    name: 'UNSUBACK 5.0',
    version: 5,
    packet: { type: 'unsuback', packetId: 2, reasonCodes: [0, 0x11] },
    bytes: [0xb0, 0x05, /* UNSUBACK */ 0x00, 0x02, /* id 2 */ 0x00, /* no properties */ 0x00, /* success */ 0x11 /* no subscription existed */],
  },
  // ------------------------------------------------------------------ PINGREQ, PINGRESP
  { name: 'PINGREQ 3.1.1', version: 4, packet: { type: 'pingreq' }, bytes: [0xc0, 0x00 /* PINGREQ, remaining length 0 */] },
  { name: 'PINGRESP 3.1.1', version: 4, packet: { type: 'pingresp' }, bytes: [0xd0, 0x00 /* PINGRESP, remaining length 0 */] },
  { name: 'PINGREQ 5.0', version: 5, packet: { type: 'pingreq' }, bytes: [0xc0, 0x00] },
  { name: 'PINGRESP 5.0', version: 5, packet: { type: 'pingresp' }, bytes: [0xd0, 0x00] },
  // ------------------------------------------------------------------ DISCONNECT, AUTH
  { name: 'DISCONNECT 3.1.1', version: 4, packet: { type: 'disconnect' }, bytes: [0xe0, 0x00 /* DISCONNECT, remaining length 0 */] },
  {
    name: 'DISCONNECT 5.0 normal, short form',
    version: 5,
    packet: { type: 'disconnect', reasonCode: 0 },
    bytes: [0xe0, 0x00 /* DISCONNECT, remaining length 0: normal disconnection implied */],
  },
  {
    name: 'DISCONNECT 5.0 with will message',
    version: 5,
    packet: { type: 'disconnect', reasonCode: 0x04 },
    bytes: [0xe0, 0x01, /* DISCONNECT */ 0x04 /* 0x04 disconnect with will message */],
  },
  {
    name: 'DISCONNECT 5.0 with session expiry',
    version: 5,
    packet: { type: 'disconnect', reasonCode: 0, properties: { sessionExpiryIntervalSec: 0 } },
    bytes: [
      0xe0, 0x07, // DISCONNECT, remaining length 7
      0x00, // normal disconnection
      0x05, // property length 5
      0x11, 0x00, 0x00, 0x00, 0x00, // session expiry interval 0
    ],
  },
  { name: 'AUTH 5.0 success, short form', version: 5, packet: { type: 'auth', reasonCode: 0 }, bytes: [0xf0, 0x00 /* AUTH, remaining length 0 */] },
  {
    name: 'AUTH 5.0 continue authentication',
    version: 5,
    packet: { type: 'auth', reasonCode: 0x18, properties: { authenticationMethod: 'SCRAM' } },
    bytes: [
      0xf0, 0x0a, // AUTH, remaining length 10
      0x18, // 0x18 continue authentication
      0x08, // property length 8
      0x15, 0x00, 0x05, 0x53, 0x43, 0x52, 0x41, 0x4d, // authentication method "SCRAM"
    ],
  },
];
