/**
 * Field names in the inspector in the UI language. The codec names fields in English: the
 * specification's own terms (Keep Alive, Packet Identifier, Topic Filter), which stay as they
 * are in German too (they are what a learner finds in the spec), and a few descriptions of its
 * own (Packet type and flags, the length and bytes halves of a string), which are translated.
 */
import type { Lang } from '../format/explain.ts';

const DE: Readonly<Record<string, string>> = {
  'Fixed header': 'Fester Header',
  'Packet type and flags': 'Pakettyp und Flags',
  'Packet type': 'Pakettyp',
  'Reserved flags': 'Reservierte Flags',
  Reserved: 'Reserviert',
  Value: 'Wert',
  Name: 'Name',
  'Unexplained bytes': 'Nicht erklärte Bytes',
  'FIN and opcode': 'FIN und Opcode',
  'MASK and payload length': 'MASK und Nutzdatenlänge',
  'Payload length (7 bits)': 'Nutzdatenlänge (7 Bit)',
  'Extended payload length (16 bits)': 'Erweiterte Nutzdatenlänge (16 Bit)',
  'Extended payload length (64 bits)': 'Erweiterte Nutzdatenlänge (64 Bit)',
  'Masking key': 'Maskierungsschlüssel',
  'Masked payload': 'Maskierte Nutzdaten',
};

/** `name` as the inspector shows it in `lang`. */
export function fieldName(name: string, lang: Lang): string {
  if (lang === 'en') return name;
  const exact = DE[name];
  if (exact !== undefined) return exact;
  const half = / (length|bytes)$/.exec(name);
  if (half) return `${fieldName(name.slice(0, half.index), lang)}: ${half[1] === 'length' ? 'Länge' : 'Bytes'}`;
  const numbered = /^Subscription (\d+)$/.exec(name);
  if (numbered) return `Abonnement ${numbered[1]}`;
  return name;
}
