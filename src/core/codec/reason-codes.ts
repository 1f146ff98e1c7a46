/**
 * MQTT 5.0 reason codes (section 2.4, Table 2-6) and the 3.1.1 CONNACK return codes
 * (3.1.1 section 3.2.2.3) with one-line meanings in English and German. The annotations and
 * summaries use them ("0x86 Bad User Name or Password").
 */
import type { PacketType, ProtocolVersion } from './types.ts';
import type { SpecRef } from './spec-ref.ts';

/** A one-line text in both UI languages. */
export interface Text {
  en: string;
  de: string;
}

/** One reason code with the name it has in the packets listed. */
export interface ReasonCodeInfo {
  code: number;
  name: string;
  /** The packets that may carry this code with this name. */
  packets: readonly PacketType[];
  meaning: Text;
}

const CA: PacketType = 'connack';
const PA: PacketType = 'puback';
const PREC: PacketType = 'pubrec';
const PREL: PacketType = 'pubrel';
const PC: PacketType = 'pubcomp';
const SA: PacketType = 'suback';
const UA: PacketType = 'unsuback';
const D: PacketType = 'disconnect';
const AU: PacketType = 'auth';

function rc(code: number, name: string, packets: PacketType[], en: string, de: string): ReasonCodeInfo {
  return { code, name, packets, meaning: { en, de } };
}

/** The full MQTT 5.0 reason-code table; 0x00..0x02 appear once per meaning. */
export const REASON_CODES_V5: readonly ReasonCodeInfo[] = [
  rc(0x00, 'Success', [CA, PA, PREC, PREL, PC, UA, AU], 'The operation succeeded.', 'Der Vorgang war erfolgreich.'),
  rc(0x00, 'Normal disconnection', [D], 'Close the connection normally; do not send the Will Message.', 'Normale Trennung; die Will-Nachricht wird nicht gesendet.'),
  rc(0x00, 'Granted QoS 0', [SA], 'The subscription is accepted with maximum QoS 0.', 'Abonnement angenommen mit maximaler QoS 0.'),
  rc(0x01, 'Granted QoS 1', [SA], 'The subscription is accepted with maximum QoS 1.', 'Abonnement angenommen mit maximaler QoS 1.'),
  rc(0x02, 'Granted QoS 2', [SA], 'The subscription is accepted with maximum QoS 2.', 'Abonnement angenommen mit maximaler QoS 2.'),
  rc(0x04, 'Disconnect with Will Message', [D], 'The client disconnects but wants its Will Message published.', 'Der Client trennt sich, die Will-Nachricht soll trotzdem veröffentlicht werden.'),
  rc(0x10, 'No matching subscribers', [PA, PREC], 'Accepted, but nobody is subscribed to this topic.', 'Angenommen, aber niemand hat dieses Topic abonniert.'),
  rc(0x11, 'No subscription existed', [UA], 'There was no such subscription to remove.', 'Es gab kein solches Abonnement zum Entfernen.'),
  rc(0x18, 'Continue authentication', [AU], 'Continue the authentication with another step.', 'Die Authentifizierung geht mit einem weiteren Schritt weiter.'),
  rc(0x19, 'Re-authenticate', [AU], 'Start a re-authentication.', 'Eine erneute Authentifizierung beginnen.'),
  rc(0x80, 'Unspecified error', [CA, PA, PREC, SA, UA, D], 'Failed, and the sender does not say why.', 'Fehlgeschlagen, ohne nähere Angabe des Grundes.'),
  rc(0x81, 'Malformed Packet', [CA, D], 'The packet could not be parsed according to the specification.', 'Das Paket entspricht nicht dem Format der Spezifikation.'),
  rc(0x82, 'Protocol Error', [CA, D], 'The packet is well-formed but breaks a protocol rule.', 'Das Paket ist wohlgeformt, verletzt aber eine Protokollregel.'),
  rc(0x83, 'Implementation specific error', [CA, PA, PREC, SA, UA, D], 'Valid, but the receiver does not accept it.', 'Gültig, aber vom Empfänger nicht akzeptiert.'),
  rc(0x84, 'Unsupported Protocol Version', [CA], 'The server does not support the requested protocol version.', 'Der Server unterstützt diese Protokollversion nicht.'),
  rc(0x85, 'Client Identifier not valid', [CA], 'The client identifier is valid UTF-8 but not allowed.', 'Die Client-ID ist nicht zulässig.'),
  rc(0x86, 'Bad User Name or Password', [CA], 'The user name or password was not accepted.', 'Benutzername oder Passwort wurde nicht akzeptiert.'),
  rc(0x87, 'Not authorized', [CA, PA, PREC, SA, UA, D], 'The client is not allowed to do this.', 'Der Client ist dazu nicht berechtigt.'),
  rc(0x88, 'Server unavailable', [CA], 'The server is not available.', 'Der Server ist nicht verfügbar.'),
  rc(0x89, 'Server busy', [CA, D], 'The server is busy; try again later.', 'Der Server ist ausgelastet; später erneut versuchen.'),
  rc(0x8a, 'Banned', [CA], 'The client has been banned.', 'Der Client wurde gesperrt.'),
  rc(0x8b, 'Server shutting down', [D], 'The server is shutting down.', 'Der Server wird heruntergefahren.'),
  rc(0x8c, 'Bad authentication method', [CA, D], 'The authentication method is not supported or does not match.', 'Die Authentifizierungsmethode wird nicht unterstützt oder passt nicht.'),
  rc(0x8d, 'Keep Alive timeout', [D], 'Nothing arrived within 1.5 times the Keep Alive.', 'Innerhalb des 1,5-fachen Keep-Alive kam nichts an.'),
  rc(0x8e, 'Session taken over', [D], 'Another connection with the same client ID took over the session.', 'Eine andere Verbindung mit derselben Client-ID hat die Sitzung übernommen.'),
  rc(0x8f, 'Topic Filter invalid', [SA, UA, D], 'The topic filter is well-formed but not accepted.', 'Der Topic-Filter ist wohlgeformt, wird aber nicht akzeptiert.'),
  rc(0x90, 'Topic Name invalid', [CA, PA, PREC, D], 'The topic name is well-formed but not accepted.', 'Der Topic-Name ist wohlgeformt, wird aber nicht akzeptiert.'),
  rc(0x91, 'Packet Identifier in use', [PA, PREC, SA, UA], 'The packet identifier is already in use.', 'Die Paket-ID ist bereits in Verwendung.'),
  rc(0x92, 'Packet Identifier not found', [PREL, PC], 'The packet identifier is not known.', 'Die Paket-ID ist unbekannt.'),
  rc(0x93, 'Receive Maximum exceeded', [D], 'More unacknowledged QoS 1/2 messages than Receive Maximum allows.', 'Mehr unbestätigte QoS-1/2-Nachrichten als Receive Maximum erlaubt.'),
  rc(0x94, 'Topic Alias invalid', [D], 'The topic alias is above the maximum the receiver announced (an alias of 0 is a Protocol Error, 0x82).', 'Der Topic-Alias liegt über dem Maximum, das der Empfänger angekündigt hat (ein Alias 0 ist ein Protokollfehler, 0x82).'),
  rc(0x95, 'Packet too large', [CA, D], 'The packet exceeds the maximum packet size.', 'Das Paket überschreitet die maximale Paketgröße.'),
  rc(0x96, 'Message rate too high', [D], 'The client publishes too fast.', 'Der Client veröffentlicht zu schnell.'),
  rc(0x97, 'Quota exceeded', [CA, PA, PREC, SA, D], 'An implementation or administrative limit was exceeded.', 'Ein Implementierungs- oder Verwaltungslimit wurde überschritten.'),
  rc(0x98, 'Administrative action', [D], 'The connection was closed by an administrator.', 'Die Verbindung wurde administrativ getrennt.'),
  rc(0x99, 'Payload format invalid', [CA, PA, PREC, D], 'The payload does not match the Payload Format Indicator.', 'Die Nutzlast passt nicht zum Payload Format Indicator.'),
  rc(0x9a, 'Retain not supported', [CA, D], 'The server does not support retained messages.', 'Der Server unterstützt keine Retained-Nachrichten.'),
  rc(0x9b, 'QoS not supported', [CA, D], 'The QoS is higher than the server supports.', 'Die QoS ist höher als vom Server unterstützt.'),
  rc(0x9c, 'Use another server', [CA, D], 'Use another server for now.', 'Vorübergehend einen anderen Server verwenden.'),
  rc(0x9d, 'Server moved', [CA, D], 'Use another server from now on.', 'Künftig einen anderen Server verwenden.'),
  rc(0x9e, 'Shared Subscriptions not supported', [SA, D], 'The server does not support shared subscriptions.', 'Der Server unterstützt keine Shared Subscriptions.'),
  rc(0x9f, 'Connection rate exceeded', [CA, D], 'Connections arrive too fast.', 'Verbindungen kommen zu schnell.'),
  rc(0xa0, 'Maximum connect time', [D], 'The maximum connection time was reached.', 'Die maximale Verbindungsdauer wurde erreicht.'),
  rc(0xa1, 'Subscription Identifiers not supported', [SA, D], 'The server does not support subscription identifiers.', 'Der Server unterstützt keine Subscription Identifier.'),
  rc(0xa2, 'Wildcard Subscriptions not supported', [SA, D], 'The server does not support wildcard subscriptions.', 'Der Server unterstützt keine Wildcard-Abonnements.'),
];

/** MQTT 3.1.1 CONNACK return codes (section 3.2.2.3). */
export const CONNACK_RETURN_CODES_V311: readonly ReasonCodeInfo[] = [
  rc(0, 'Connection Accepted', [CA], 'Connection accepted.', 'Verbindung angenommen.'),
  rc(1, 'Unacceptable protocol version', [CA], 'The server does not support the requested protocol level.', 'Der Server unterstützt die angeforderte Protokollversion nicht.'),
  rc(2, 'Identifier rejected', [CA], 'The client identifier is correct UTF-8 but not allowed.', 'Die Client-ID ist nicht zulässig.'),
  rc(3, 'Server unavailable', [CA], 'The connection was made but the MQTT service is unavailable.', 'Die Verbindung steht, aber der MQTT-Dienst ist nicht verfügbar.'),
  rc(4, 'Bad user name or password', [CA], 'The user name or password is malformed.', 'Benutzername oder Passwort ist fehlerhaft.'),
  rc(5, 'Not authorized', [CA], 'The client is not authorized to connect.', 'Der Client darf sich nicht verbinden.'),
];

/** MQTT 3.1.1 SUBACK return codes (section 3.9.3). */
export const SUBACK_RETURN_CODES_V311: readonly ReasonCodeInfo[] = [
  rc(0x00, 'Success - Maximum QoS 0', [SA], 'Subscribed with maximum QoS 0.', 'Abonniert mit maximaler QoS 0.'),
  rc(0x01, 'Success - Maximum QoS 1', [SA], 'Subscribed with maximum QoS 1.', 'Abonniert mit maximaler QoS 1.'),
  rc(0x02, 'Success - Maximum QoS 2', [SA], 'Subscribed with maximum QoS 2.', 'Abonniert mit maximaler QoS 2.'),
  rc(0x80, 'Failure', [SA], 'The subscription was refused.', 'Das Abonnement wurde abgelehnt.'),
];

/** The codes of a table by value, each with the first name the table gives it, as running text. */
function namesInText(table: readonly ReasonCodeInfo[]): Readonly<Record<number, string>> {
  const out: Record<number, string> = {};
  // Lower case, but "QoS" stays "QoS": "granted QoS 1", "malformed packet".
  for (const info of table) out[info.code] ??= info.name.toLowerCase().replace(/\bqos\b/g, 'QoS');
  return out;
}

/** 5.0 reason codes by value, named for running text (explanations): `0x81` is "malformed packet". */
export const REASON_NAMES = namesInText(REASON_CODES_V5);

/** 3.1.1 CONNACK return codes by value, named for running text: `2` is "identifier rejected". */
export const CONNACK_RETURN_NAMES_V311 = namesInText(CONNACK_RETURN_CODES_V311);

const byPacketV5 = new Map<string, ReasonCodeInfo>();
for (const info of REASON_CODES_V5) for (const p of info.packets) byPacketV5.set(`${p}:${info.code}`, info);

/**
 * The meaning of `code` in `packet` for `version`, or undefined when that packet may not use
 * that code (MQTT-3.2.2-8, MQTT-3.4.2-1, ... "MUST use one of the ... Reason Codes").
 */
export function reasonCodeInfo(code: number, packet: PacketType, version: ProtocolVersion = 5): ReasonCodeInfo | undefined {
  if (version === 4) {
    if (packet === 'connack') return CONNACK_RETURN_CODES_V311[code];
    if (packet === 'suback') return SUBACK_RETURN_CODES_V311.find((r) => r.code === code);
    return undefined;
  }
  return byPacketV5.get(`${packet}:${code}`);
}

/** Whether `packet` may carry `code` in `version`. */
export function isReasonCodeAllowed(code: number, packet: PacketType, version: ProtocolVersion = 5): boolean {
  return reasonCodeInfo(code, packet, version) !== undefined;
}

/** "0x86 Bad User Name or Password" (or "0x86" alone for an unknown code). */
export function describeReasonCode(code: number, packet: PacketType, version: ProtocolVersion = 5): string {
  const info = reasonCodeInfo(code, packet, version);
  const hex = `0x${code.toString(16).padStart(2, '0').toUpperCase()}`;
  return info ? `${hex} ${info.name}` : hex;
}

/**
 * The 3.1.1 CONNACK return code a broker would use for a 5.0 reason code (for refusing a
 * 3.1.1 client): 0x84 -> 1, 0x85 -> 2, 0x88/0x89 -> 3, 0x86 -> 4, 0x87 -> 5; otherwise
 * undefined (3.1.1 then just closes the connection).
 */
export function toConnackReturnCodeV311(reasonCode: number): number | undefined {
  switch (reasonCode) {
    case 0x00: return 0;
    case 0x84: return 1;
    case 0x85: return 2;
    case 0x88: case 0x89: return 3;
    case 0x86: return 4;
    case 0x87: return 5;
    default: return undefined;
  }
}

/** The conformance statement that says which reason codes a packet may use. */
const REASON_CODE_REF: Record<string, SpecRef> = {
  connack: 'MQTT-3.2.2-8', puback: 'MQTT-3.4.2-1', pubrec: 'MQTT-3.5.2-1', pubrel: 'MQTT-3.6.2-1',
  pubcomp: 'MQTT-3.7.2-1', suback: 'MQTT-3.9.3-2', unsuback: 'MQTT-3.11.3-2', disconnect: 'MQTT-3.14.2-1', auth: 'MQTT-3.15.2-1',
};

/** Spec reference for "this packet may not carry this reason code". */
export function reasonCodeRef(type: PacketType, version: ProtocolVersion): SpecRef {
  if (version === 4) return type === 'suback' ? 'MQTT-3.9.3-2' : '3.2.2.3';
  return REASON_CODE_REF[type] ?? '2.4';
}
