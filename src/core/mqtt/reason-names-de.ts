/**
 * Reason-code names in German, for running text: a note says `CONNACK refused the connection with
 * code 0x87 (not authorized)`; in German `… mit Code 0x87 (nicht autorisiert) …`. The notes carry
 * the name as the codec's tables give it for running text (`REASON_NAMES`,
 * `CONNACK_RETURN_NAMES_V311` of src/core/codec/reason-codes.ts, and the client's `failure`,
 * `reserved`, `unknown`): a closed set of words, so each is a key here as it is, older traces
 * included (`reasonNameKey`, reason-name-key.ts, says when a note's `name` is one). The inspector
 * keeps the specification's names (`0x87 Not authorized`) with a German meaning beside them;
 * these are the same names said in German, with the spec's terms (`Receive Maximum`, `Topic
 * Alias`, `Shared Subscriptions`) as they are. They join the explanation tables
 * (`REASON_NAME_TEXTS`), which arrive with the simulation kernel, not with the first page load.
 */
import { REASON_NAME_PREFIX } from './reason-name-key.ts';

const REASON_NAMES_DE: Readonly<Record<string, string>> = {
  // MQTT 5.0 (section 2.4)
  success: 'Erfolg',
  'normal disconnection': 'normale Trennung',
  'granted QoS 0': 'QoS 0 gewährt',
  'granted QoS 1': 'QoS 1 gewährt',
  'granted QoS 2': 'QoS 2 gewährt',
  'disconnect with will message': 'Trennung mit Testament',
  'no matching subscribers': 'keine passenden Abonnenten',
  'no subscription existed': 'kein solches Abonnement',
  'continue authentication': 'Authentifizierung fortsetzen',
  're-authenticate': 'erneut authentifizieren',
  'unspecified error': 'nicht näher bestimmter Fehler',
  'malformed packet': 'fehlerhaftes Paket',
  'protocol error': 'Protokollfehler',
  'implementation specific error': 'implementierungsspezifischer Fehler',
  'unsupported protocol version': 'Protokollversion nicht unterstützt',
  'client identifier not valid': 'Client-ID ungültig',
  'bad user name or password': 'Benutzername oder Passwort falsch',
  'not authorized': 'nicht autorisiert',
  'server unavailable': 'Server nicht verfügbar',
  'server busy': 'Server ausgelastet',
  banned: 'gesperrt',
  'server shutting down': 'Server fährt herunter',
  'bad authentication method': 'falsche Authentifizierungsmethode',
  'keep alive timeout': 'Keep Alive abgelaufen',
  'session taken over': 'Sitzung übernommen',
  'topic filter invalid': 'Topic-Filter ungültig',
  'topic name invalid': 'Topic-Name ungültig',
  'packet identifier in use': 'Paket-ID belegt',
  'packet identifier not found': 'Paket-ID unbekannt',
  'receive maximum exceeded': 'Receive Maximum überschritten',
  'topic alias invalid': 'Topic Alias ungültig',
  'packet too large': 'Paket zu groß',
  'message rate too high': 'Nachrichtenrate zu hoch',
  'quota exceeded': 'Kontingent überschritten',
  'administrative action': 'administrativer Eingriff',
  'payload format invalid': 'Nutzlastformat ungültig',
  'retain not supported': 'gehaltene Nachrichten nicht unterstützt',
  'QoS not supported': 'QoS nicht unterstützt',
  'use another server': 'anderen Server verwenden',
  'server moved': 'Server umgezogen',
  'shared subscriptions not supported': 'Shared Subscriptions nicht unterstützt',
  'connection rate exceeded': 'Verbindungsrate überschritten',
  'maximum connect time': 'maximale Verbindungsdauer erreicht',
  'subscription identifiers not supported': 'Subscription Identifier nicht unterstützt',
  'wildcard subscriptions not supported': 'Wildcard-Abonnements nicht unterstützt',
  // MQTT 3.1.1 CONNACK return codes (3.2.2.3) and SUBACK's failure (3.9.3)
  'connection accepted': 'Verbindung angenommen',
  'unacceptable protocol version': 'Protokollversion nicht annehmbar',
  'identifier rejected': 'Client-ID abgelehnt',
  failure: 'fehlgeschlagen',
  // A code the client's tables do not know (src/core/client/connect.ts)
  reserved: 'reserviert',
  unknown: 'unbekannt',
};

/** The names as explanation texts: `reason-name.not authorized` is `not authorized` / `nicht autorisiert`. */
export const REASON_NAME_TEXTS: Readonly<Record<string, { en: string; de: string }>> = Object.fromEntries(
  Object.entries(REASON_NAMES_DE).map(([en, de]) => [`${REASON_NAME_PREFIX}${en}`, { en, de }]),
);
