/**
 * What a sniffer sees of a packet on a `tls=on` link (lesson 18): one TLS 1.3 record around the
 * bytes that would otherwise travel in the clear (the MQTT packet, or its WebSocket frame for
 * wss://).
 *
 * A TLS 1.3 application-data record (RFC 8446, section 5.2) is a 5-byte header in the clear —
 * content type 0x17 "application data", legacy version 03 03, the length — and then the
 * encrypted record: the plaintext plus one byte of inner content type, encrypted, followed by a
 * 16-byte authentication tag (AES-GCM or ChaCha20-Poly1305). The simulation has no cipher and
 * needs none: the opaque bytes are pseudo-random, made from the world's seed and the packet's
 * trace position, so the same run always shows the same bytes. Their number is honest: the
 * length a sniffer reads is the packet's length + 17, so TLS hides what is said, not how much
 * or when. One packet per record is a simplification (a real stack may put several packets in
 * one record, or split a large one); the handshake before CONNECT is not shown.
 */
import type { AnnotatedField } from '../../core/codec/types.ts';
import { nextFloat, seedRng } from '../../sim/rng.ts';

/** Record header bytes: type, version (2), length (2). */
export const TLS_HEADER_BYTES = 5;
/** The AEAD authentication tag at the end of every record. */
export const TLS_TAG_BYTES = 16;
/** TLS 1.3 hides the real content type inside the encryption: one byte after the plaintext. */
export const TLS_INNER_TYPE_BYTES = 1;

type Texts = { readonly en: string; readonly de: string };

/**
 * The record's fields by key, each name and meaning in English and German. The inspector's TLS
 * box (TlsRecord.svelte) does not list them (it says the header in one line of the UI's own
 * texts, `panels.inspector.tls*`); a view that lists them says them in the UI language from here
 * (`tlsFieldText`), as field-names.ts and field-meanings.ts do for the MQTT fields.
 */
export const TLS_FIELD_TEXTS = {
  'tls.content-type': {
    name: { en: 'Content type', de: 'Inhaltstyp' },
    meaning: { en: 'Always "application data" once the handshake is done; the real type is hidden inside the encryption.', de: 'Nach dem Handshake immer „Anwendungsdaten“; der echte Typ steckt verborgen in der Verschlüsselung.' },
  },
  'tls.version': {
    name: { en: 'Legacy version', de: 'Alte Versionsnummer' },
    meaning: { en: 'Fixed at 03 03 for compatibility with middleboxes, even in TLS 1.3.', de: 'Fest 03 03, damit Middleboxen nicht stolpern, auch in TLS 1.3.' },
  },
  'tls.length': {
    name: { en: 'Length', de: 'Länge' },
    meaning: { en: 'Bytes of the encrypted record that follows: the MQTT bytes + 1 (hidden content type) + 16 (authentication tag). A sniffer learns the size.', de: 'Bytes des verschlüsselten Records, der folgt: die MQTT-Bytes + 1 (versteckter Inhaltstyp) + 16 (Authentifizierungs-Tag). Ein Mitschnitt erfährt die Größe.' },
  },
  'tls.ciphertext': {
    name: { en: 'Encrypted record', de: 'Verschlüsselter Record' },
    meaning: { en: 'The MQTT bytes and the hidden content type, encrypted: without the session key they look random.', de: 'Die MQTT-Bytes und der versteckte Inhaltstyp, verschlüsselt: Ohne den Sitzungsschlüssel sehen sie zufällig aus.' },
  },
  'tls.tag': {
    name: { en: 'Authentication tag', de: 'Authentifizierungs-Tag' },
    meaning: { en: 'Proves the record was not changed on the way (AEAD).', de: 'Beweist, dass der Record unterwegs nicht verändert wurde (AEAD).' },
  },
} as const satisfies Readonly<Record<string, { name: Texts; meaning: Texts }>>;

export type TlsFieldKey = keyof typeof TLS_FIELD_TEXTS;

/** A record field's name or meaning in `lang`, by its key; undefined for a key that is not a TLS field. */
export function tlsFieldText(key: string, part: 'name' | 'meaning', lang: 'en' | 'de'): string | undefined {
  return key in TLS_FIELD_TEXTS ? TLS_FIELD_TEXTS[key as TlsFieldKey][part][lang] : undefined;
}

export interface TlsRecordView {
  /** The record as a sniffer captures it: header, then opaque bytes. */
  bytes: Uint8Array;
  /** The header's fields and the opaque part, for the inspector's table and hex dump. */
  fields: AnnotatedField[];
  /** Bytes inside the tunnel (the plaintext this record carries). */
  plaintextBytes: number;
}

/** The record around `plaintext`; `seed` and `position` (a trace seq) make its opaque bytes. */
export function tlsRecordOf(plaintext: Uint8Array, seed: number, position: number): TlsRecordView {
  const encrypted = plaintext.length + TLS_INNER_TYPE_BYTES + TLS_TAG_BYTES;
  const bytes = new Uint8Array(TLS_HEADER_BYTES + encrypted);
  bytes.set([0x17, 0x03, 0x03, encrypted >> 8, encrypted & 0xff]);
  // One generator per record, from the seed and the position: any record can be shown alone.
  let state = seedRng((Math.imul(seed, 0x01000193) ^ Math.imul(position + 1, 0x9e3779b1)) >>> 0);
  for (let i = TLS_HEADER_BYTES; i < bytes.length; i++) {
    const [value, next] = nextFloat(state);
    bytes[i] = Math.floor(value * 256);
    state = next;
  }
  const SECTION = 'RFC 8446 5.2';
  const field = (key: TlsFieldKey, start: number, end: number, value: AnnotatedField['value']): AnnotatedField => ({ name: TLS_FIELD_TEXTS[key].name.en, start, end, value, meaning: TLS_FIELD_TEXTS[key].meaning.en, key, section: SECTION });
  const fields: AnnotatedField[] = [
    field('tls.content-type', 0, 1, '0x17 application data'),
    field('tls.version', 1, 3, '0x0303 (TLS 1.2)'),
    field('tls.length', 3, 5, encrypted),
    field('tls.ciphertext', 5, 5 + plaintext.length + TLS_INNER_TYPE_BYTES, null),
    field('tls.tag', bytes.length - TLS_TAG_BYTES, bytes.length, null),
  ];
  return { bytes, fields, plaintextBytes: plaintext.length };
}
