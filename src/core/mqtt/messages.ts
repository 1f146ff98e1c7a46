/**
 * Every text this module shows a learner, in English and German, as data.
 *
 * Keys are the i18n keys the UI and the trace use (`explain.key`); placeholders are `{name}`,
 * which is also ICU MessageFormat syntax, so the tables can be loaded into svelte-i18n as they
 * are (`messageDictionary('de')`). Texts avoid literal braces for that reason.
 */

/** The languages the sandbox speaks. */
export type Lang = 'en' | 'de';

/** One message in both languages. */
export interface MessageText {
  readonly en: string;
  readonly de: string;
}

/** Values for a message's `{placeholders}`. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** Validation of topic names and filters (MQTT 3.1.1 / 5.0 section 4.7, 4.8.2). */
const validation = {
  'mqtt.topic.empty': {
    en: 'A topic must be at least one character long.',
    de: 'Ein Topic muss mindestens ein Zeichen lang sein.',
  },
  'mqtt.topic.wildcard-in-name': {
    en: 'The wildcard `{char}` is not allowed in a topic name: wildcards only work in topic filters (subscriptions), never when publishing.',
    de: 'Die Wildcard `{char}` ist in einem Topic-Namen nicht erlaubt: Wildcards gibt es nur in Topic-Filtern (beim Abonnieren), nie beim Publizieren.',
  },
  'mqtt.topic.plus-not-alone': {
    en: 'The single-level wildcard `+` must occupy a whole level, but the level `{level}` mixes it with other characters.',
    de: 'Die einstufige Wildcard `+` muss eine ganze Ebene belegen, aber die Ebene `{level}` mischt sie mit anderen Zeichen.',
  },
  'mqtt.topic.hash-not-alone': {
    en: 'The multi-level wildcard `#` must stand alone in its level, but the level `{level}` mixes it with other characters.',
    de: 'Die mehrstufige Wildcard `#` muss allein in ihrer Ebene stehen, aber die Ebene `{level}` mischt sie mit anderen Zeichen.',
  },
  'mqtt.topic.hash-not-last': {
    en: 'The multi-level wildcard `#` must be the last level of a topic filter, but {after} more level(s) follow it.',
    de: 'Die mehrstufige Wildcard `#` muss die letzte Ebene eines Topic-Filters sein, aber danach folgen noch {after} Ebene(n).',
  },
  'mqtt.topic.null-char': {
    en: 'The null character U+0000 is not allowed in a topic (at position {index}).',
    de: 'Das Nullzeichen U+0000 ist in einem Topic nicht erlaubt (an Position {index}).',
  },
  'mqtt.topic.lone-surrogate': {
    en: 'The topic contains a lone UTF-16 surrogate at position {index}; it cannot be encoded as well-formed UTF-8.',
    de: 'Das Topic enthält an Position {index} ein einzelnes UTF-16-Surrogat; es lässt sich nicht als gültiges UTF-8 kodieren.',
  },
  'mqtt.topic.too-long': {
    en: 'The topic takes {bytes} bytes as UTF-8; the limit is {max} bytes.',
    de: 'Das Topic belegt {bytes} Bytes in UTF-8; erlaubt sind höchstens {max} Bytes.',
  },
  'mqtt.share.name-empty': {
    en: 'A shared subscription needs a ShareName of at least one character: `$share/<ShareName>/<filter>`.',
    de: 'Ein Shared Subscription braucht einen ShareName mit mindestens einem Zeichen: `$share/<ShareName>/<Filter>`.',
  },
  'mqtt.share.name-invalid': {
    en: 'The ShareName `{name}` must not contain `+` or `#`.',
    de: 'Der ShareName `{name}` darf weder `+` noch `#` enthalten.',
  },
  'mqtt.share.filter-missing': {
    en: 'After the ShareName `{name}` a shared subscription needs `/` and a topic filter: `$share/{name}/<filter>`.',
    de: 'Nach dem ShareName `{name}` braucht ein Shared Subscription `/` und einen Topic-Filter: `$share/{name}/<Filter>`.',
  },
} as const satisfies Record<string, MessageText>;

/** Why a filter matches a topic, or why not (explainMatch). */
const explanation = {
  'mqtt.match.exact': {
    en: 'Match: the filter `{filter}` has no wildcards and equals the topic character for character.',
    de: 'Treffer: Der Filter `{filter}` enthält keine Wildcards und stimmt Zeichen für Zeichen mit dem Topic überein.',
  },
  'mqtt.match.wildcards': {
    en: 'Match: every level of `{topic}` is covered by `{filter}` ({covered}).',
    de: 'Treffer: Jede Ebene von `{topic}` wird von `{filter}` abgedeckt ({covered}).',
  },
  'mqtt.match.hash-parent': {
    en: 'Match: `#` also matches its parent level, so `{filter}` matches `{topic}` with zero further levels.',
    de: 'Treffer: `#` umfasst auch die Elternebene, daher passt `{filter}` auf `{topic}` ohne weitere Ebenen.',
  },
  'mqtt.match.dollar': {
    en: 'No match: a filter that starts with the wildcard `{wildcard}` does not match topics that start with `$` such as `{topic}`; subscribe to `{suggestion}` explicitly.',
    de: 'Kein Treffer: Ein Filter, der mit der Wildcard `{wildcard}` beginnt, passt nicht auf Topics, die mit `$` beginnen, wie `{topic}`; abonniere `{suggestion}` ausdrücklich.',
  },
  'mqtt.match.level-differs': {
    en: 'No match: level {level} differs: the filter has `{filterLevel}`, the topic has `{topicLevel}`.',
    de: 'Kein Treffer: Ebene {level} unterscheidet sich: Der Filter hat `{filterLevel}`, das Topic hat `{topicLevel}`.',
  },
  'mqtt.match.case-differs': {
    en: 'No match: level {level} differs only in upper/lower case (`{filterLevel}` vs `{topicLevel}`); topics are case-sensitive.',
    de: 'Kein Treffer: Ebene {level} unterscheidet sich nur in Groß-/Kleinschreibung (`{filterLevel}` vs. `{topicLevel}`); Topics sind case-sensitiv.',
  },
  'mqtt.match.too-many-levels': {
    en: 'No match: `{topic}` has {extra} level(s) more than `{filter}` ({filterLevels}); a filter only reaches deeper levels when it ends with `/#`.',
    de: 'Kein Treffer: `{topic}` hat {extra} Ebene(n) mehr als `{filter}` ({filterLevels}); ein Filter erreicht tiefere Ebenen nur, wenn er mit `/#` endet.',
  },
  'mqtt.match.too-many-levels-plus': {
    en: 'No match: `+` matches exactly one level: `{filter}` vs `{topic}` has {extra} level(s) too many; end the filter with `/#` to match deeper levels.',
    de: 'Kein Treffer: `+` passt auf genau eine Ebene: `{filter}` vs. `{topic}` hat {extra} Ebene(n) zu viel; beende den Filter mit `/#`, um tiefere Ebenen einzuschließen.',
  },
  'mqtt.match.too-few-levels': {
    en: 'No match: `{filter}` needs {filterLevels} level(s), but `{topic}` has only {topicLevels}; `+` needs a level to match, even an empty one.',
    de: 'Kein Treffer: `{filter}` braucht {filterLevels} Ebene(n), aber `{topic}` hat nur {topicLevels}; `+` braucht eine Ebene, und sei sie leer.',
  },
  'mqtt.match.invalid-filter': {
    en: 'No match: `{filter}` is not a valid topic filter: {reason}',
    de: 'Kein Treffer: `{filter}` ist kein gültiger Topic-Filter: {reason}',
  },
  'mqtt.match.invalid-topic': {
    en: 'No match: `{topic}` is not a valid topic name: {reason}',
    de: 'Kein Treffer: `{topic}` ist kein gültiger Topic-Name: {reason}',
  },
  'mqtt.match.shared': {
    en: 'Shared subscription of group `{share}`: the broker matches its filter `{filter}`, then delivers to one member of the group.',
    de: 'Shared Subscription der Gruppe `{share}`: Der Broker vergleicht ihren Filter `{filter}` und stellt dann an ein Mitglied der Gruppe zu.',
  },
} as const satisfies Record<string, MessageText>;

/** The topic design linter (the textbook's rules, section 2.2.2). */
const lint = {
  'mqtt.lint.leading-slash': {
    en: 'Avoid a leading `/`: it creates an empty first level that every subscriber has to repeat.',
    de: 'Vermeide ein führendes `/`: Es erzeugt eine leere erste Ebene, die jeder Abonnent mitschreiben muss.',
  },
  'mqtt.lint.trailing-slash': {
    en: 'Avoid a trailing `/`: it creates an empty last level; `a/b/` and `a/b` are different topics.',
    de: 'Vermeide ein abschließendes `/`: Es erzeugt eine leere letzte Ebene; `a/b/` und `a/b` sind verschiedene Topics.',
  },
  'mqtt.lint.empty-level': {
    en: 'Avoid empty levels (`//`): they are legal but easy to miss and hard to subscribe to.',
    de: 'Vermeide leere Ebenen (`//`): Sie sind erlaubt, aber leicht zu übersehen und schwer zu abonnieren.',
  },
  'mqtt.lint.whitespace': {
    en: 'Avoid spaces and other whitespace in topics; use `_` or `-` instead.',
    de: 'Vermeide Leerzeichen und anderen Leerraum in Topics; nimm stattdessen `_` oder `-`.',
  },
  'mqtt.lint.special-char': {
    en: 'Avoid the special character `{char}`; stick to `a-z A-Z 0-9 _ - .` and `/` between levels.',
    de: 'Vermeide das Sonderzeichen `{char}`; beschränke dich auf `a-z A-Z 0-9 _ - .` und `/` zwischen den Ebenen.',
  },
  'mqtt.lint.non-ascii': {
    en: 'The character `{char}` is not ASCII: legal in MQTT, but some devices, tools and ACL files handle it badly.',
    de: 'Das Zeichen `{char}` ist kein ASCII: In MQTT erlaubt, aber manche Geräte, Werkzeuge und ACL-Dateien kommen damit schlecht zurecht.',
  },
  'mqtt.lint.too-long': {
    en: 'The topic takes {bytes} bytes; it travels in every PUBLISH, so keep it at or under {max} bytes.',
    de: 'Das Topic belegt {bytes} Bytes; es wird in jedem PUBLISH mitgesendet, halte es daher bei höchstens {max} Bytes.',
  },
  'mqtt.lint.dollar-reserved': {
    en: 'Topics that start with `$` are reserved for the broker (such as `$SYS/`); clients should not publish to them.',
    de: 'Topics, die mit `$` beginnen, sind dem Broker vorbehalten (etwa `$SYS/`); Clients sollten dorthin nicht publizieren.',
  },
  'mqtt.lint.foreign-wildcard': {
    en: '`{char}` is not an MQTT wildcard (it is one in AMQP or NATS); MQTT uses `+` for one level and `#` for all remaining levels.',
    de: '`{char}` ist keine MQTT-Wildcard (wohl aber in AMQP oder NATS); MQTT nutzt `+` für eine Ebene und `#` für alle restlichen Ebenen.',
  },
  'mqtt.lint.case-conflict': {
    en: 'These topics differ only in upper/lower case ({variants}); MQTT treats them as different topics, so one subscription will miss the others.',
    de: 'Diese Topics unterscheiden sich nur in Groß-/Kleinschreibung ({variants}); MQTT behandelt sie als verschiedene Topics, ein Abonnement verpasst also die anderen.',
  },
  'mqtt.lint.fix.strip-leading-slash': { en: 'Remove the leading `/`.', de: 'Das führende `/` entfernen.' },
  'mqtt.lint.fix.strip-trailing-slash': { en: 'Remove the trailing `/`.', de: 'Das abschließende `/` entfernen.' },
  'mqtt.lint.fix.collapse-empty-levels': { en: 'Remove the empty levels.', de: 'Die leeren Ebenen entfernen.' },
  'mqtt.lint.fix.replace-whitespace': { en: 'Replace the whitespace with `_`.', de: 'Den Leerraum durch `_` ersetzen.' },
  'mqtt.lint.fix.transliterate': { en: 'Write `{char}` as `{replacement}`.', de: '`{char}` als `{replacement}` schreiben.' },
  'mqtt.lint.fix.use-mqtt-wildcard': { en: 'Use `{replacement}` instead of `{char}`.', de: '`{replacement}` statt `{char}` verwenden.' },
} as const satisfies Record<string, MessageText>;

/** All messages of the topic module, by i18n key. */
export const MESSAGES = { ...validation, ...explanation, ...lint } as const;

/** An i18n key of this module. */
export type MessageKey = keyof typeof MESSAGES;

/** The text of `key` in `lang` with its `{placeholders}` filled in (unknown ones are kept). */
export function formatMessage(key: MessageKey, params: MessageParams, lang: Lang): string {
  return MESSAGES[key][lang].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** Both texts of `key`, filled in. */
export function bothLanguages(key: MessageKey, params: MessageParams): MessageText {
  return { en: formatMessage(key, params, 'en'), de: formatMessage(key, params, 'de') };
}

/** Every message in one language, keyed by i18n key (for svelte-i18n's `addMessages`). */
export function messageDictionary(lang: Lang): Record<MessageKey, string> {
  const out = {} as Record<MessageKey, string>;
  for (const key of Object.keys(MESSAGES) as MessageKey[]) out[key] = MESSAGES[key][lang];
  return out;
}
