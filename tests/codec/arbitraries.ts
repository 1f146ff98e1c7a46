/**
 * fast-check generators of valid packets, in the decoder's canonical form (decode.ts), for
 * both protocol versions. Restrictions made for mqtt-packet's sake are marked "mqtt-packet:".
 */
import fc from 'fast-check';
import {
  PROPERTY_TABLE, REASON_CODES_V5, type Packet, type PacketType, type Properties, type ProtocolVersion, type QoS,
} from '../../src/core/codec/index.ts';

const WILL = 16;
const NUMBER: Record<PacketType, number> = {
  connect: 1, connack: 2, publish: 3, puback: 4, pubrec: 5, pubrel: 6, pubcomp: 7, subscribe: 8, suback: 9,
  unsubscribe: 10, unsuback: 11, pingreq: 12, pingresp: 13, disconnect: 14, auth: 15,
};

/** A Unicode scalar value other than U+0000, from each UTF-8 length class (1 to 4 bytes) alike. */
const codePoint = fc.oneof(
  fc.integer({ min: 0x01, max: 0x7f }),
  fc.integer({ min: 0x80, max: 0x7ff }),
  fc.integer({ min: 0x800, max: 0xffff }).filter((c) => c < 0xd800 || c > 0xdfff),
  fc.integer({ min: 0x10000, max: 0x10ffff }),
);

/**
 * Any valid MQTT string: no U+0000, no lone surrogates; up to `maxLength` code points. (The
 * domain of fast-check's `fc.string({ unit: 'binary' })`, which builds its Unicode tables on
 * first use: 0.96 s of CPU, several seconds wall on a loaded machine; this takes milliseconds.)
 */
export const mqttString = (maxLength = 12): fc.Arbitrary<string> =>
  fc.array(codePoint, { maxLength }).map((cps) => String.fromCodePoint(...cps));
const nonEmpty = (maxLength = 12) => mqttString(maxLength).filter((s) => s.length > 0);
const bytes = (maxLength = 24) => fc.uint8Array({ maxLength });
const qos = fc.constantFrom<QoS>(0, 1, 2);
const packetId = fc.integer({ min: 1, max: 65535 });

/**
 * mqtt-packet: user properties travel as an object, so names must be distinct (it would
 * regroup [a=1, b=2, a=3] as a: [1, 3], b: 2), not integer-like (object keys "1", "2" are
 * reordered numerically) and no name of Object.prototype ("__proto__", "toString": its
 * writer looks names up in a plain object and gets the inherited function).
 */
const userProperties = fc.uniqueArray(fc.tuple(nonEmpty(8).filter((n) => !/^\d+$/.test(n) && !(n in Object.prototype)), mqttString(8)), {
  maxLength: 3, selector: (p) => p[0],
}).filter((a) => a.length > 0).map((a) => a.map(([n, v]) => [n, v] as const) as [string, string][]);

function propertyValue(key: string, type: string, bool: boolean, nonZero: boolean, packet: number): fc.Arbitrary<unknown> {
  const min = nonZero ? 1 : 0;
  if (key === 'userProperties') return userProperties;
  switch (type) {
    case 'byte': return bool ? fc.constantFrom(0, 1) : fc.integer({ min, max: 255 });
    case 'u16': return fc.integer({ min, max: 65535 });
    case 'u32': return fc.integer({ min, max: 0xffffffff });
    case 'varint': return fc.array(fc.integer({ min: 1, max: 268_435_455 }), { minLength: 1, maxLength: packet === 3 ? 3 : 1 });
    case 'utf8': return mqttString();
    case 'binary': return bytes(12);
    default: throw new Error(type);
  }
}

/** Random 5.0 properties allowed in packet `packet` (or the will), undefined when none. */
export function properties(packet: number, exclude: string[] = []): fc.Arbitrary<Properties | undefined> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const d of PROPERTY_TABLE) {
    if ((d.mask & (1 << packet)) === 0 || exclude.includes(d.key)) continue;
    model[d.key] = propertyValue(d.key, d.type, d.bool === true, d.nonZero === true, packet);
  }
  return fc.record(model, { requiredKeys: [] }).map((p) => (Object.keys(p).length === 0 ? undefined : (p as Properties)));
}

function allCodesFor(type: PacketType): number[] {
  return REASON_CODES_V5.filter((r) => r.packets.includes(type)).map((r) => r.code);
}

function opt<T extends object>(o: T, key: string, v: unknown): T {
  if (v !== undefined) (o as Record<string, unknown>)[key] = v;
  return o;
}

export interface PacketOptions {
  /** Stay inside what mqtt-packet 9 accepts (see the "mqtt-packet:" comments). */
  mqttPacket?: boolean;
}

/**
 * mqtt-packet: its DISCONNECT table (constants.js, MQTT5_DISCONNECT_CODES) lacks 0x8C "Bad
 * authentication method", which MQTT 5.0 Table 2-6 allows in DISCONNECT; it rejects it.
 */
const MQTT_PACKET_MISSING_CODES: Partial<Record<PacketType, number[]>> = { disconnect: [0x8c] };

/** Every packet type valid in `v`, with random fields and (5.0) random properties. */
export function packet(v: ProtocolVersion, options: PacketOptions = {}): fc.Arbitrary<Packet> {
  const compat = options.mqttPacket === true;
  const codesFor = (type: PacketType) => allCodesFor(type).filter((c) => !compat || !MQTT_PACKET_MISSING_CODES[type]?.includes(c));
  const p5 = (type: number, exclude: string[] = []) => (v === 5 ? properties(type, exclude) : fc.constant(undefined));
  const ack = (type: 'puback' | 'pubrec' | 'pubrel' | 'pubcomp') =>
    fc.tuple(packetId, fc.constantFrom(...codesFor(type)), p5(NUMBER[type])).map(([id, rc, pr]) =>
      (v === 5 ? opt({ type, packetId: id, reasonCode: rc }, 'properties', pr) : { type, packetId: id }) as Packet);

  const arbs: fc.Arbitrary<Packet>[] = [
    fc.record({
      clean: fc.boolean(), keepAliveSec: fc.integer({ min: 0, max: 65535 }), clientId: mqttString(23),
      will: fc.option(fc.record({ topic: nonEmpty(), payload: bytes(), qos, retain: fc.boolean(), properties: p5(WILL) }), { nil: undefined }),
      username: fc.option(mqttString(), { nil: undefined }), password: fc.option(bytes(12), { nil: undefined }),
      properties: p5(1),
    }).map((c) => {
      // mqtt-packet: refuses to generate an empty client id without clean session (a 3.1.1
      // broker would refuse it too, MQTT-3.1.3-8), so give one.
      const clientId = c.clean || c.clientId !== '' ? c.clientId : 'c';
      const p: Packet = { type: 'connect', protocolVersion: v, clean: c.clean, keepAliveSec: c.keepAliveSec, clientId };
      if (c.will) p.will = opt({ topic: c.will.topic, payload: c.will.payload, qos: c.will.qos, retain: c.will.retain }, 'properties', c.will.properties);
      if (c.username !== undefined) p.username = c.username;
      // 3.1.1 allows a password only with a user name (MQTT-3.1.2-22). mqtt-packet: it
      // requires a user name for a password in 5.0 too, where the spec allows it alone.
      if (c.password !== undefined && ((v === 5 && !compat) || c.username !== undefined)) p.password = c.password;
      return opt(p, 'properties', c.properties);
    }),
    fc.record({ sessionPresent: fc.boolean(), reasonCode: v === 5 ? fc.constantFrom(...codesFor('connack')) : fc.integer({ min: 0, max: 5 }), properties: p5(2) })
      .map((c) => opt({ type: 'connack', sessionPresent: c.sessionPresent, reasonCode: c.reasonCode }, 'properties', c.properties) as Packet),
    fc.record({ topic: nonEmpty(), payload: bytes(), qos, retain: fc.boolean(), dup: fc.boolean(), packetId, properties: p5(3) })
      .map((c) => {
        const p: Packet = { type: 'publish', topic: c.topic, payload: c.payload, qos: c.qos, retain: c.retain, dup: c.qos > 0 && c.dup };
        if (c.qos > 0) p.packetId = c.packetId;
        return opt(p, 'properties', c.properties);
      }),
    ack('puback'), ack('pubrec'), ack('pubrel'), ack('pubcomp'),
    fc.record({
      packetId,
      subscriptions: fc.array(fc.record({
        topicFilter: nonEmpty(), qos, noLocal: fc.boolean(), retainAsPublished: fc.boolean(), retainHandling: fc.constantFrom<0 | 1 | 2>(0, 1, 2),
      }), { minLength: 1, maxLength: 5 }),
      properties: p5(8),
    }).map((c) => opt({
      type: 'subscribe', packetId: c.packetId,
      subscriptions: c.subscriptions.map((s) => (v === 5
        ? { ...s, noLocal: s.noLocal && !s.topicFilter.startsWith('$share/') } // MQTT-3.8.3-4
        : { topicFilter: s.topicFilter, qos: s.qos })),
    }, 'properties', c.properties) as Packet),
    fc.record({
      packetId, properties: p5(9),
      reasonCodes: fc.array(v === 5 ? fc.constantFrom(...codesFor('suback')) : fc.constantFrom(0, 1, 2, 0x80), { minLength: 1, maxLength: 5 }),
    }).map((c) => opt({ type: 'suback', packetId: c.packetId, reasonCodes: c.reasonCodes }, 'properties', c.properties) as Packet),
    fc.record({ packetId, topicFilters: fc.array(nonEmpty(), { minLength: 1, maxLength: 5 }), properties: p5(10) })
      .map((c) => opt({ type: 'unsubscribe', packetId: c.packetId, topicFilters: c.topicFilters }, 'properties', c.properties) as Packet),
    fc.record({ packetId, reasonCodes: fc.array(fc.constantFrom(...codesFor('unsuback')), { minLength: 1, maxLength: 5 }), properties: p5(11) })
      .map((c) => (v === 5 ? opt({ type: 'unsuback', packetId: c.packetId, reasonCodes: c.reasonCodes }, 'properties', c.properties) : { type: 'unsuback', packetId: c.packetId }) as Packet),
    fc.constant<Packet>({ type: 'pingreq' }),
    fc.constant<Packet>({ type: 'pingresp' }),
    fc.record({ reasonCode: fc.constantFrom(...codesFor('disconnect')), properties: p5(14) })
      .map((c) => (v === 5 ? opt({ type: 'disconnect', reasonCode: c.reasonCode }, 'properties', c.properties) : { type: 'disconnect' }) as Packet),
  ];
  if (v === 5) {
    arbs.push(fc.record({ reasonCode: fc.constantFrom(...codesFor('auth')), properties: properties(15) })
      .map((c) => opt({ type: 'auth', reasonCode: c.reasonCode }, 'properties', c.properties) as Packet));
  }
  return fc.oneof(...arbs);
}
