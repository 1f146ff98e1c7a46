/**
 * `npm run bench -- codec`: our codec vs mqtt-packet, same packets, same run.
 *
 * Encode: our `encode(packet, version)` vs `mqttPacket.generate(obj, { protocolVersion })`,
 * both producing the complete frame from a packet object.
 * Decode: both are streaming parsers fed one complete frame per call: ours `push` + `next`
 * on a long-lived `Decoder`, theirs `parser.parse(buffer)` with an `on('packet')` handler.
 * The bytes are identical (theirs get a Buffer copy of ours). Both decoders return payloads
 * that alias the input (theirs via BufferList slices).
 * Annotated decoding (`codec/annotate/...`) has no anchor; its target is 10,000 ops/s: the
 * inspector annotates one packet per click or hover, so 0.1 ms each is far below a frame.
 */
import { createRequire } from 'node:module';
import { Decoder, annotate, encode, type Packet, type ProtocolVersion } from '../../core/codec/index.ts';
import { benchOps, measureOps, report } from './measure.ts';

interface MqttParser {
  on(event: 'packet', fn: (packet: unknown) => void): void;
  on(event: 'error', fn: (error: Error) => void): void;
  parse(buf: Buffer): number;
}
interface MqttPacketModule {
  generate(packet: object, opts: { protocolVersion: number }): Buffer;
  parser(opts: { protocolVersion: number }): MqttParser;
}
const mqttPacket = createRequire(import.meta.url)('mqtt-packet') as MqttPacketModule;

const te = new TextEncoder();

interface Case {
  name: string;
  ours: (v: ProtocolVersion) => Packet;
  theirs: (v: ProtocolVersion) => object;
}

const SENSOR_TOPIC = 'plant/hall1/line3/temperature';
const sensorPayload = te.encode('21.5 °C'); // 8 bytes
const kilo = new Uint8Array(1024).map((_, i) => 32 + (i % 90));
const password = te.encode('s3cret-pw');
const willPayload = te.encode('offline');
const filters = ['plant/hall1/+/temperature', 'plant/hall2/#', 'plant/+/line3/status', 'alarms/critical', '$SYS/broker/uptime'];

const cases: Case[] = [
  {
    name: 'publish-sensor-qos1',
    ours: (v) => ({
      type: 'publish', topic: SENSOR_TOPIC, payload: sensorPayload, qos: 1, retain: false, dup: false, packetId: 3,
      ...(v === 5 ? { properties: { payloadFormatIndicator: 1, messageExpiryIntervalSec: 60, contentType: 'text/plain' } } : {}),
    }),
    theirs: (v) => ({
      cmd: 'publish', topic: SENSOR_TOPIC, payload: Buffer.from(sensorPayload), qos: 1, retain: false, dup: false, messageId: 3,
      ...(v === 5 ? { properties: { payloadFormatIndicator: true, messageExpiryInterval: 60, contentType: 'text/plain' } } : {}),
    }),
  },
  {
    name: 'publish-1k',
    ours: (v) => ({
      type: 'publish', topic: SENSOR_TOPIC, payload: kilo, qos: 1, retain: false, dup: false, packetId: 4,
      ...(v === 5 ? { properties: { messageExpiryIntervalSec: 60, userProperties: [['unit', 'raw']] } } : {}),
    }),
    theirs: (v) => ({
      cmd: 'publish', topic: SENSOR_TOPIC, payload: Buffer.from(kilo), qos: 1, retain: false, dup: false, messageId: 4,
      ...(v === 5 ? { properties: { messageExpiryInterval: 60, userProperties: { unit: 'raw' } } } : {}),
    }),
  },
  {
    name: 'connect-will-login',
    ours: (v) => ({
      type: 'connect', protocolVersion: v, clean: true, keepAliveSec: 10, clientId: 'sensor-17',
      will: { topic: 'plant/s17/status', payload: willPayload, qos: 1, retain: true, ...(v === 5 ? { properties: { willDelayIntervalSec: 5 } } : {}) },
      username: 'sensor-17', password,
      ...(v === 5 ? { properties: { sessionExpiryIntervalSec: 3600, receiveMaximum: 20, topicAliasMaximum: 10 } } : {}),
    }),
    theirs: (v) => ({
      cmd: 'connect', protocolId: 'MQTT', protocolVersion: v, clean: true, keepalive: 10, clientId: 'sensor-17',
      will: { topic: 'plant/s17/status', payload: Buffer.from(willPayload), qos: 1, retain: true, ...(v === 5 ? { properties: { willDelayInterval: 5 } } : {}) },
      username: 'sensor-17', password: Buffer.from(password),
      ...(v === 5 ? { properties: { sessionExpiryInterval: 3600, receiveMaximum: 20, topicAliasMaximum: 10 } } : {}),
    }),
  },
  {
    name: 'subscribe-5',
    ours: (v) => ({
      type: 'subscribe', packetId: 7,
      subscriptions: filters.map((topicFilter, i) => (v === 5
        ? { topicFilter, qos: (i % 3) as 0 | 1 | 2, noLocal: false, retainAsPublished: i === 1, retainHandling: 0 as const }
        : { topicFilter, qos: (i % 3) as 0 | 1 | 2 })),
      ...(v === 5 ? { properties: { subscriptionIdentifiers: [42], userProperties: [['dashboard', 'hall1']] } } : {}),
    }),
    theirs: (v) => ({
      cmd: 'subscribe', messageId: 7,
      subscriptions: filters.map((topic, i) => (v === 5 ? { topic, qos: i % 3, nl: false, rap: i === 1, rh: 0 } : { topic, qos: i % 3 })),
      ...(v === 5 ? { properties: { subscriptionIdentifier: 42, userProperties: { dashboard: 'hall1' } } } : {}),
    }),
  },
];

const LABEL: Record<ProtocolVersion, string> = { 4: '3.1.1', 5: '5.0' };

/** Run every codec case: encode and decode against mqtt-packet, then annotate alone. */
export function run(): void {
  for (const c of cases) {
    for (const v of [4, 5] as const) {
      const ours = c.ours(v);
      const theirs = c.theirs(v);
      const bytes = encode(ours, v);
      const theirBytes = mqttPacket.generate(theirs, { protocolVersion: v });
      if (!Buffer.from(bytes).equals(theirBytes)) {
        throw new Error(`bench ${c.name}/${LABEL[v]}: the two encoders disagree, the comparison would not be fair`);
      }
      let sink = 0;
      benchOps(`codec/encode/${c.name}/${LABEL[v]}`, 'mqtt-packet',
        () => { sink += encode(ours, v).length; },
        () => { sink += mqttPacket.generate(theirs, { protocolVersion: v }).length; });

      const decoder = new Decoder({ version: v });
      const parser = mqttPacket.parser({ protocolVersion: v });
      let seen = 0;
      parser.on('packet', () => { seen++; });
      parser.on('error', (e) => { throw e; });
      const buf = Buffer.from(bytes);
      benchOps(`codec/decode/${c.name}/${LABEL[v]}`, 'mqtt-packet',
        () => {
          decoder.push(bytes);
          if (decoder.next().kind === 'packet') seen++;
        },
        () => { parser.parse(buf); });

      const ops = measureOps(() => { sink += annotate(bytes, v).fields.length; });
      report({ name: `codec/annotate/${c.name}/${LABEL[v]}`, unit: 'ops/s', ours: ops, target: 10_000 });
      if (sink < 0 || seen < 0) console.log(sink, seen);
    }
  }
}
