/**
 * Which rules a packet sent on purpose breaks (`CLIENT send ...`, `CLIENT send-hex ...`): the
 * bytes are read as the broker reads them (the codec's streaming decoder, server side), and
 * each frame that decodes is checked against the rules the decoder leaves to the broker (a
 * second CONNECT, a wildcard in a topic name, an empty client id without a clean session in
 * 3.1.1, a Topic Alias never set up, a payload that says UTF-8 and is not, ...). The result is
 * the explanation the trace carries on the packet ("sent on purpose, against MQTT-3.1.0-2: a
 * second CONNECT on one connection"), in English and German.
 *
 * What the parser knows of the connection is what the lines above say (a `connect` or a
 * `send CONNECT` opens it for this purpose; `disconnect`, `crash` and a line that the broker
 * answers by closing end it); a run may differ (a cut cable, a broker restart), and the mark
 * says what was meant.
 */
import { Decoder, decodeUtf8, type DecoderLimits, type Packet, type ProtocolVersion } from '../core/codec/index.ts';
import { codecErrorText } from '../core/mqtt/codec-error-texts.ts';
import { ruleRef, type RuleName } from '../core/mqtt/rules.ts';
import type { Explain } from '../core/mqtt/actor-contract.ts';
import { BROKER_DEFAULTS } from '../core/broker/config.ts';

/** One rule a packet breaks. */
export interface Breach {
  ref: string;
  en: string;
  de: string;
  /** Byte offset where the decoder found the fault (malformed packets). */
  offset?: number;
  /** The decoder stopped here: the broker closes the connection. */
  fatal: boolean;
}

/** What the lines above tell of the client's connection. */
export interface SendContext {
  /** A CONNECT went out on the current connection. */
  connected: boolean;
  /** Topic Aliases this connection has set up (client to broker). */
  aliases: ReadonlySet<number>;
}

/** What `breachesOf` reads and updates: the connection as the lines above leave it. */
export interface BreachContext {
  connected: boolean;
  aliases: Set<number>;
  version?: ProtocolVersion;
  /** The broker's Topic Alias Maximum (its max_topic_alias; absent: Mosquitto's default 10). */
  aliasMaximum?: number;
}

const SERVER_LIMITS: Partial<DecoderLimits> = { receiver: 'server' };

const WILDCARD = /[+#]/;

function rule(name: RuleName, version: ProtocolVersion, en: string, de: string): Breach {
  return { ref: ruleRef(name, version), en, de, fatal: false };
}

/** The rules one decoded packet breaks that the decoder does not check. */
function packetBreaches(p: Packet, version: ProtocolVersion, ctx: BreachContext): Breach[] {
  const out: Breach[] = [];
  switch (p.type) {
    case 'connect':
      ctx.version = p.protocolVersion;
      if (ctx.connected) out.push(rule('secondConnect', version, 'a second CONNECT on one connection', 'ein zweites CONNECT auf derselben Verbindung'));
      if (p.protocolVersion === 4 && p.clientId === '' && !p.clean) out.push(rule('emptyIdNeedsClean', 4, 'an empty client identifier with Clean Session 0', 'eine leere Client-ID mit Clean Session 0'));
      ctx.connected = true;
      ctx.aliases.clear();
      return out;
    case 'publish': {
      if (!ctx.connected) out.push(rule('firstPacketConnect', version, 'a PUBLISH before CONNECT', 'ein PUBLISH vor CONNECT'));
      if (WILDCARD.test(p.topic)) out.push(rule('topicName', version, `a wildcard in the topic name "${p.topic}"`, `eine Wildcard im Topic-Namen "${p.topic}"`));
      const alias = p.properties?.topicAlias;
      const aliasMaximum = ctx.aliasMaximum ?? BROKER_DEFAULTS.topicAliasMaximum;
      if (alias !== undefined && alias > aliasMaximum) {
        out.push(rule('topicAliasMaximum', version, `Topic Alias ${alias}, above the broker's Topic Alias Maximum of ${aliasMaximum}`, `Topic Alias ${alias}, über dem Topic Alias Maximum ${aliasMaximum} des Brokers`));
      } else if (alias !== undefined) {
        if (p.topic !== '') ctx.aliases.add(alias);
        else if (!ctx.aliases.has(alias)) out.push(rule('topicAliasUnknown', version, `an empty topic with Topic Alias ${alias}, which this connection never set up`, `ein leeres Topic mit Topic Alias ${alias}, den diese Verbindung nie festgelegt hat`));
      }
      if (p.properties?.payloadFormatIndicator === 1 && typeof decodeUtf8(p.payload, 0, p.payload.length) === 'number') {
        out.push(rule('payloadFormatUtf8', version, 'Payload Format Indicator 1 (UTF-8), but the payload is not UTF-8', 'Payload Format Indicator 1 (UTF-8), aber die Nutzdaten sind kein UTF-8'));
      }
      if (p.properties?.subscriptionIdentifiers?.length) out.push(rule('subscriptionIdFromClient', version, 'a Subscription Identifier in a PUBLISH from a client', 'eine Subscription Identifier in einem PUBLISH eines Clients'));
      return out;
    }
    case 'disconnect':
      ctx.connected = false;
      return out;
    default:
      if (!ctx.connected) out.push(rule('firstPacketConnect', version, `a ${p.type.toUpperCase()} before CONNECT`, `ein ${p.type.toUpperCase()} vor CONNECT`));
      return out;
  }
}

/**
 * The rules `bytes` break when `ctx` describes the connection before them; updates `ctx` as the
 * broker would see it (a CONNECT opens it; a fatal fault or DISCONNECT ends it).
 */
export function breachesOf(bytes: Uint8Array, version: ProtocolVersion, ctx: BreachContext): Breach[] {
  const decoder = new Decoder({ version, limits: SERVER_LIMITS });
  decoder.push(bytes);
  const out: Breach[] = [];
  let used = 0;
  for (;;) {
    const r = decoder.next();
    if (r.kind === 'need-more') return out;
    if (r.kind === 'error') {
      const offset = used + r.error.offset;
      out.push({ ref: r.error.ref, en: `byte ${offset}: ${codecErrorText(r.error, 'en')}`, de: `Byte ${offset}: ${codecErrorText(r.error, 'de')}`, offset, fatal: true });
      ctx.connected = false;
      return out;
    }
    used += r.bytes.length;
    if (r.packet.type === 'connect') decoder.version = r.packet.protocolVersion;
    const found = packetBreaches(r.packet, r.packet.type === 'connect' ? r.packet.protocolVersion : decoder.version, ctx);
    out.push(...found);
    if (found.some((b) => b.ref === 'MQTT-3.1.0-2' || b.ref.startsWith('MQTT-3.1.0-1'))) ctx.connected = false;
  }
}

/** The explanation a packet sent on purpose carries in the trace. */
export function sendExplain(breaches: readonly Breach[]): Explain {
  if (breaches.length === 0) return { ref: 'sim', key: 'raw.on-purpose' };
  const [first, ...more] = breaches;
  return {
    ref: first!.ref,
    key: 'raw.against',
    params: {
      ref: first!.ref,
      what: [first!.en, ...more.map((b) => `${b.en} [${b.ref}]`)].join('; '),
      whatDe: [first!.de, ...more.map((b) => `${b.de} [${b.ref}]`)].join('; '),
    },
  };
}
