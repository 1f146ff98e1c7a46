/**
 * The limits a 5.0 broker announces in CONNACK (`client.connack.limits`, src/core/client/connect.ts),
 * in English and German.
 *
 * The note carries each limit as a value of its own (`receiveMaximum: 20`, `retainAvailable: 0`,
 * ...) and, for readers of older versions and the golden traces, the English words as `limits`
 * (`receive maximum 20, topic alias maximum 10`). Both languages are said from the values: in
 * German the properties are named as the spec spells them (`Receive Maximum 20, Topic Alias
 * Maximum 10`), the protocol's vocabulary in both languages, and "retain not available" is said
 * in German. A note of an older trace or recording has only the English `limits`: its parts are
 * read back by the English words' shape; a part no shape knows stays as it is.
 */
import type { Properties } from '../codec/types.ts';

type Lang = 'en' | 'de';

/** The CONNACK properties that limit the client, as the note's params name them (`{value}` is the value). */
const LIMITS = [
  { param: 'receiveMaximum', en: 'receive maximum {value}', de: 'Receive Maximum {value}' },
  { param: 'maximumQoS', en: 'maximum QoS {value}', de: 'Maximum QoS {value}' },
  // Only announced as a limit when it is 0 (absent or 1: retained messages are available).
  { param: 'retainAvailable', en: 'retain not available', de: 'keine gehaltenen Nachrichten (Retain Available 0)' },
  { param: 'topicAliasMaximum', en: 'topic alias maximum {value}', de: 'Topic Alias Maximum {value}' },
  { param: 'maximumPacketSize', en: 'maximum packet size {value}', de: 'Maximum Packet Size {value}' },
] as const satisfies readonly { param: keyof Properties; en: string; de: string }[];

type LimitParams = Record<string, number | string>;

/**
 * The params of `client.connack.limits` for a CONNACK's properties: each limit as a value and the
 * English words in `limits`; undefined when the broker announced no limit.
 */
export function connackLimits(p: Properties | undefined): LimitParams | undefined {
  const values: Record<string, number> = {};
  for (const { param } of LIMITS) {
    const v = p?.[param];
    if (v === undefined || (param === 'retainAvailable' && v !== 0)) continue;
    values[param] = v;
  }
  if (Object.keys(values).length === 0) return undefined;
  return { limits: sayLimits(values, 'en'), ...values };
}

function sayLimits(values: Readonly<Record<string, unknown>>, lang: Lang): string {
  return LIMITS.filter((l) => typeof values[l.param] === 'number')
    .map((l) => l[lang].replace('{value}', String(values[l.param])))
    .join(', ');
}

/** The English words as patterns, to read the `limits` of an older note back into values. */
const OLD_WORDS = LIMITS.map((l) => ({ param: l.param, pattern: new RegExp(`^${l.en.replace('{value}', '(\\d+)')}$`) }));

/** An older note's English part in `lang`, or as it is when no shape knows it. */
function oldPart(part: string, lang: Lang): string {
  for (const { param, pattern } of OLD_WORDS) {
    const m = pattern.exec(part);
    if (m) return sayLimits({ [param]: m[1] === undefined ? 0 : Number(m[1]) }, lang);
  }
  return part;
}

/**
 * The limits of a `client.connack.limits` note in `lang`: from its values; a note without them
 * (an older trace) from its English `limits`, part by part.
 */
export function limitsText(params: Readonly<Record<string, unknown>>, lang: Lang): string {
  if (LIMITS.some((l) => typeof params[l.param] === 'number')) return sayLimits(params, lang);
  const old = typeof params.limits === 'string' ? params.limits : '';
  return lang === 'en' ? old : old.split(', ').map((part) => oldPart(part, lang)).join(', ');
}
