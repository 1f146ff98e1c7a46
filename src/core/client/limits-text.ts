/**
 * The limits a 5.0 broker announces in CONNACK (`client.connack.limits`, src/core/client/connect.ts)
 * as the note's `limits` parameter says them: English words the trace keeps
 * (`receive maximum 20, topic alias maximum 10`). In German the properties are named as the spec
 * spells them (`Receive Maximum 20, Topic Alias Maximum 10`), the protocol's vocabulary in both
 * languages, and "retain not available" is said in German. Read by its shape, so the notes of
 * older traces and recordings read German too; a part no pattern knows stays as it is.
 */

const GERMAN: readonly (readonly [RegExp, string])[] = [
  [/^receive maximum (\d+)$/, 'Receive Maximum $1'],
  [/^maximum QoS (\d+)$/, 'Maximum QoS $1'],
  [/^retain not available$/, 'keine gehaltenen Nachrichten (Retain Available 0)'],
  [/^topic alias maximum (\d+)$/, 'Topic Alias Maximum $1'],
  [/^maximum packet size (\d+)$/, 'Maximum Packet Size $1'],
];

/** The `limits` parameter of `client.connack.limits` in `lang`. */
export function limitsText(limits: string, lang: 'en' | 'de'): string {
  if (lang === 'en') return limits;
  return limits
    .split(', ')
    .map((part) => {
      for (const [pattern, german] of GERMAN) if (pattern.test(part)) return part.replace(pattern, german);
      return part;
    })
    .join(', ');
}
