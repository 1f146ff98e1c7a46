/**
 * Converters between our packet model and mqtt-packet's objects (tests and bench only).
 *
 * mqtt-packet tags packets by `cmd`, calls packet identifiers `messageId`, keeps 3.1.1
 * CONNACK codes in `returnCode` and 5.0 ones in `reasonCode`, SUBACK/UNSUBACK codes in
 * `granted`, subscription options as `nl`/`rap`/`rh`, drops the `Sec` unit suffixes, keeps
 * 0/1 properties of wire type "byte" as booleans, Subscription Identifiers as a number (or an
 * array when repeated) and user properties as an object (name -> value or value[]).
 */
import { createRequire } from 'node:module';
import type { Packet, Properties, ProtocolVersion, UserProperty } from '../../src/core/codec/index.ts';

export interface MqttParser {
  on(event: 'packet', fn: (packet: Record<string, unknown>) => void): void;
  on(event: 'error', fn: (error: Error) => void): void;
  parse(buf: Buffer): number;
}
export interface MqttPacketModule {
  generate(packet: object, opts: { protocolVersion: number }): Buffer;
  parser(opts: { protocolVersion: number }): MqttParser;
}
export const mqttPacket = createRequire(import.meta.url)('mqtt-packet') as MqttPacketModule;

type Obj = Record<string, unknown>;

/** Ours <-> theirs property names where they differ. */
const RENAME: Record<string, string> = {
  messageExpiryIntervalSec: 'messageExpiryInterval',
  sessionExpiryIntervalSec: 'sessionExpiryInterval',
  serverKeepAliveSec: 'serverKeepAlive',
  willDelayIntervalSec: 'willDelayInterval',
  subscriptionIdentifiers: 'subscriptionIdentifier',
};
const BACK: Record<string, string> = Object.fromEntries(Object.entries(RENAME).map(([a, b]) => [b, a]));
/** Properties that mqtt-packet represents as booleans (its wire type "byte"). */
const BOOLEAN = new Set(['payloadFormatIndicator', 'requestProblemInformation', 'requestResponseInformation', 'retainAvailable',
  'wildcardSubscriptionAvailable', 'subscriptionIdentifiersAvailable', 'sharedSubscriptionAvailable']);

function toBuffer(b: Uint8Array): Buffer {
  return Buffer.from(b);
}

function fromBuffer(b: unknown): Uint8Array {
  return Uint8Array.from(b as Buffer);
}

function propsTo(props: Properties | undefined): Obj | undefined {
  if (props === undefined) return undefined;
  const out: Obj = {};
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined) continue;
    const name = RENAME[k] ?? k;
    if (BOOLEAN.has(k)) out[name] = v === 1;
    else if (k === 'subscriptionIdentifiers') out[name] = (v as number[]).length === 1 ? (v as number[])[0] : v;
    else if (k === 'userProperties') {
      const o: Record<string, string | string[]> = {};
      for (const [n, val] of v as UserProperty[]) {
        const prev = o[n];
        o[n] = prev === undefined ? val : Array.isArray(prev) ? [...prev, val] : [prev, val];
      }
      out[name] = o;
    } else if (v instanceof Uint8Array) out[name] = toBuffer(v);
    else out[name] = v;
  }
  return out;
}

function propsFrom(props: unknown): Properties | undefined {
  if (props === undefined || props === null) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props as Obj)) {
    const name = BACK[k] ?? k;
    if (BOOLEAN.has(k)) out[name] = v ? 1 : 0;
    else if (k === 'subscriptionIdentifier') out[name] = Array.isArray(v) ? v : [v];
    else if (k === 'userProperties') {
      const list: UserProperty[] = [];
      for (const [n, val] of Object.entries(v as Obj)) {
        for (const one of Array.isArray(val) ? val : [val]) list.push([n, String(one)]);
      }
      out[name] = list;
    } else if (Buffer.isBuffer(v)) out[name] = fromBuffer(v);
    else out[name] = v;
  }
  return Object.keys(out).length === 0 ? undefined : (out as Properties);
}

function withProps<T extends Obj>(o: T, props: Obj | undefined): T {
  if (props !== undefined) (o as Obj).properties = props;
  return o;
}

/** Our packet -> an mqtt-packet object for `generate`. */
export function toMqttPacket(p: Packet, v: ProtocolVersion): Obj {
  switch (p.type) {
    case 'connect': {
      const o: Obj = { cmd: 'connect', protocolId: 'MQTT', protocolVersion: p.protocolVersion, clean: p.clean, keepalive: p.keepAliveSec, clientId: p.clientId };
      if (p.will) o.will = withProps({ topic: p.will.topic, payload: toBuffer(p.will.payload), qos: p.will.qos, retain: p.will.retain }, propsTo(p.will.properties));
      if (p.username !== undefined) o.username = p.username;
      if (p.password !== undefined) o.password = toBuffer(p.password);
      return withProps(o, propsTo(p.properties));
    }
    case 'connack':
      return withProps({ cmd: 'connack', sessionPresent: p.sessionPresent, [v === 5 ? 'reasonCode' : 'returnCode']: p.reasonCode }, propsTo(p.properties));
    case 'publish': {
      const o: Obj = { cmd: 'publish', topic: p.topic, payload: toBuffer(p.payload), qos: p.qos, retain: p.retain, dup: p.dup };
      if (p.packetId !== undefined) o.messageId = p.packetId;
      return withProps(o, propsTo(p.properties));
    }
    case 'puback': case 'pubrec': case 'pubrel': case 'pubcomp': {
      const o: Obj = { cmd: p.type, messageId: p.packetId };
      if (p.reasonCode !== undefined) o.reasonCode = p.reasonCode;
      return withProps(o, propsTo(p.properties));
    }
    case 'subscribe':
      return withProps({
        cmd: 'subscribe', messageId: p.packetId,
        subscriptions: p.subscriptions.map((s) => (v === 5
          ? { topic: s.topicFilter, qos: s.qos, nl: s.noLocal ?? false, rap: s.retainAsPublished ?? false, rh: s.retainHandling ?? 0 }
          : { topic: s.topicFilter, qos: s.qos })),
      }, propsTo(p.properties));
    case 'suback':
      return withProps({ cmd: 'suback', messageId: p.packetId, granted: p.reasonCodes }, propsTo(p.properties));
    case 'unsubscribe':
      return withProps({ cmd: 'unsubscribe', messageId: p.packetId, unsubscriptions: p.topicFilters }, propsTo(p.properties));
    case 'unsuback': {
      const o: Obj = { cmd: 'unsuback', messageId: p.packetId };
      if (p.reasonCodes !== undefined) o.granted = p.reasonCodes;
      return withProps(o, propsTo(p.properties));
    }
    case 'pingreq': case 'pingresp':
      return { cmd: p.type };
    case 'disconnect': case 'auth': {
      const o: Obj = { cmd: p.type };
      if (p.reasonCode !== undefined) o.reasonCode = p.reasonCode;
      return withProps(o, propsTo(p.properties));
    }
  }
}

/** An mqtt-packet parse result -> our packet, in our decoder's canonical form. */
export function fromMqttPacket(o: Obj, v: ProtocolVersion): Packet {
  const props = v === 5 ? propsFrom(o.properties) : undefined;
  const add = <T extends Obj>(p: T): T => (props !== undefined ? { ...p, properties: props } : p);
  const cmd = o.cmd as Packet['type'];
  switch (cmd) {
    case 'connect': {
      const p: Obj = { type: 'connect', protocolVersion: o.protocolVersion, clean: o.clean, keepAliveSec: o.keepalive, clientId: o.clientId };
      const w = o.will as Obj | undefined;
      if (w) {
        const will: Obj = { topic: w.topic, payload: fromBuffer(w.payload), qos: w.qos, retain: w.retain };
        const wp = v === 5 ? propsFrom(w.properties) : undefined;
        if (wp !== undefined) will.properties = wp;
        p.will = will;
      }
      if (o.username !== undefined) p.username = o.username;
      if (o.password !== undefined) p.password = fromBuffer(o.password);
      return add(p) as unknown as Packet;
    }
    case 'connack':
      return add({ type: 'connack', sessionPresent: o.sessionPresent, reasonCode: v === 5 ? o.reasonCode : o.returnCode }) as unknown as Packet;
    case 'publish': {
      const p: Obj = { type: 'publish', topic: o.topic, payload: fromBuffer(o.payload), qos: o.qos, retain: o.retain, dup: o.dup };
      if ((o.qos as number) > 0) p.packetId = o.messageId;
      return add(p) as unknown as Packet;
    }
    case 'puback': case 'pubrec': case 'pubrel': case 'pubcomp':
      return add(v === 5 ? { type: cmd, packetId: o.messageId, reasonCode: o.reasonCode ?? 0 } : { type: cmd, packetId: o.messageId }) as unknown as Packet;
    case 'subscribe':
      return add({
        type: 'subscribe', packetId: o.messageId,
        subscriptions: (o.subscriptions as Obj[]).map((s) => (v === 5
          ? { topicFilter: s.topic, qos: s.qos, noLocal: s.nl, retainAsPublished: s.rap, retainHandling: s.rh }
          : { topicFilter: s.topic, qos: s.qos })),
      }) as unknown as Packet;
    case 'suback':
      return add({ type: 'suback', packetId: o.messageId, reasonCodes: o.granted }) as unknown as Packet;
    case 'unsubscribe':
      return add({ type: 'unsubscribe', packetId: o.messageId, topicFilters: o.unsubscriptions }) as unknown as Packet;
    case 'unsuback':
      return add(v === 5 ? { type: 'unsuback', packetId: o.messageId, reasonCodes: o.granted } : { type: 'unsuback', packetId: o.messageId }) as unknown as Packet;
    case 'pingreq': case 'pingresp':
      return { type: cmd };
    case 'disconnect': case 'auth':
      return add(v === 5 ? { type: cmd, reasonCode: o.reasonCode ?? 0 } : { type: cmd }) as unknown as Packet;
  }
}

/** Parse bytes with mqtt-packet; returns its packets and errors. */
export function parseWithMqttPacket(bytes: Uint8Array, v: ProtocolVersion): { packets: Obj[]; errors: string[] } {
  const parser = mqttPacket.parser({ protocolVersion: v });
  const packets: Obj[] = [];
  const errors: string[] = [];
  parser.on('packet', (p) => packets.push(p));
  parser.on('error', (e) => errors.push(e.message));
  parser.parse(Buffer.from(bytes));
  return { packets, errors };
}
