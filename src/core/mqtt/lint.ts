/**
 * A topic design linter: the textbook's rules for good topics (section 2.2.2, "Topics sauber
 * strukturieren"), on top of what the spec requires.
 *
 * - no leading `/`, no trailing `/`, no empty levels;
 * - no spaces or special characters: only `a-z A-Z 0-9 _ - .` (non-ASCII such as umlauts is
 *   legal MQTT but a portability risk);
 * - keep it short, because the topic travels in every PUBLISH (byte count vs a threshold);
 * - `$` at the start is reserved for the broker (`$SYS/...`): clients do not publish there;
 * - topics are case-sensitive (`lintTopicSet` finds names that differ only in case);
 * - wildcards are `+` and `#`, not `*` or `>` as in AMQP or NATS; and only for subscribing
 *   (spec violations are reported as errors, from the validator).
 *
 * Each finding has a severity, a character range in the topic, both texts and, where the
 * remedy is obvious, a fix: the whole corrected topic.
 */
import type { ProtocolVersion } from '../codec/types.ts';
import { bothLanguages, type MessageKey, type MessageParams, type MessageText } from './messages.ts';
import { parseSharedSubscription } from './shared.ts';
import type { SpecRef } from './spec.ts';
import { utf8ByteLength } from './utf8.ts';
import { validateTopicFilter, validateTopicName } from './validate.ts';

/** How bad a finding is: `error` breaks the spec, `warning` breaks a design rule, `info` costs. */
export type LintSeverity = 'error' | 'warning' | 'info';

/** Which rule a finding comes from. */
export type LintRule =
  | 'invalid'
  | 'leading-slash'
  | 'trailing-slash'
  | 'empty-level'
  | 'whitespace'
  | 'special-char'
  | 'non-ascii'
  | 'too-long'
  | 'dollar-reserved'
  | 'foreign-wildcard'
  | 'case-conflict';

/** A suggested correction: `replacement` is the whole corrected topic. */
export interface LintFix extends MessageText {
  readonly key: MessageKey;
  readonly params: MessageParams;
  readonly replacement: string;
}

/** One finding about one topic, at `start`..`end` (UTF-16 offsets). */
export interface LintFinding extends MessageText {
  readonly rule: LintRule;
  readonly severity: LintSeverity;
  readonly start: number;
  readonly end: number;
  readonly key: MessageKey;
  readonly params: MessageParams;
  /** The conformance statement, for `invalid` findings. */
  readonly ref?: SpecRef;
  readonly fix?: LintFix;
}

/** Options for `lintTopic`. */
export interface LintOptions {
  /** A topic name (publish; the default) or a topic filter (subscribe). */
  readonly kind?: 'name' | 'filter';
  readonly version?: ProtocolVersion;
  /** Above this many UTF-8 bytes a topic is reported as long. Default 64. */
  readonly maxBytes?: number;
}

/** The default threshold of the `too-long` rule, in UTF-8 bytes. */
export const DEFAULT_MAX_TOPIC_BYTES = 64;

const UMLAUTS: Readonly<Record<string, string>> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ß: 'ss' };

function finding(
  rule: LintRule,
  severity: LintSeverity,
  start: number,
  end: number,
  key: MessageKey,
  params: MessageParams = {},
  fix?: { key: MessageKey; params?: MessageParams; replacement: string },
): LintFinding {
  const out: LintFinding = { rule, severity, start, end, key, params, ...bothLanguages(key, params) };
  if (fix === undefined) return out;
  const fixParams = fix.params ?? {};
  return { ...out, fix: { key: fix.key, params: fixParams, replacement: fix.replacement, ...bothLanguages(fix.key, fixParams) } };
}

function isPlain(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2d || c === 0x2e
  );
}

/** Slashes: leading, trailing, empty levels, in `topic[from..]`. */
function lintSlashes(topic: string, from: number, out: LintFinding[]): void {
  const body = topic.slice(from);
  const prefix = topic.slice(0, from);
  const fixed = (s: string) => (s.length > 0 && s !== '/' ? { replacement: prefix + s } : null);
  if (body.startsWith('/')) {
    const f = fixed(body.replace(/^\/+/, ''));
    out.push(finding('leading-slash', 'warning', from, from + 1, 'mqtt.lint.leading-slash', {}, f ? { key: 'mqtt.lint.fix.strip-leading-slash', ...f } : undefined));
  }
  if (body.length > 1 && body.endsWith('/')) {
    const f = fixed(body.replace(/\/+$/, ''));
    out.push(finding('trailing-slash', 'warning', topic.length - 1, topic.length, 'mqtt.lint.trailing-slash', {}, f ? { key: 'mqtt.lint.fix.strip-trailing-slash', ...f } : undefined));
  }
  const lead = body.length - body.replace(/^\/+/, '').length;
  const trail = body.length - body.replace(/\/+$/, '').length;
  const inner = body.slice(lead, body.length - trail);
  const collapsed = body.slice(0, lead) + inner.replace(/\/{2,}/g, '/') + body.slice(body.length - trail);
  for (const m of inner.matchAll(/\/{2,}/g)) {
    const start = from + lead + m.index + 1;
    out.push(finding('empty-level', 'warning', start, start + m[0].length - 1, 'mqtt.lint.empty-level', {}, { key: 'mqtt.lint.fix.collapse-empty-levels', replacement: prefix + collapsed }));
  }
}

/** Characters: whitespace, special characters, non-ASCII, foreign wildcards, in `topic[from..]`. */
function lintCharacters(topic: string, from: number, kind: 'name' | 'filter', out: LintFinding[]): void {
  const noSpaces = topic.slice(0, from) + topic.slice(from).replace(/\s+/g, '_');
  for (const m of topic.slice(from).matchAll(/\s+/g)) {
    const start = from + m.index;
    out.push(finding('whitespace', 'warning', start, start + m[0].length, 'mqtt.lint.whitespace', {}, { key: 'mqtt.lint.fix.replace-whitespace', replacement: noSpaces }));
  }
  let transliterated = topic.slice(0, from);
  for (const ch of topic.slice(from)) transliterated += UMLAUTS[ch] ?? ch;
  let levelStart = from;
  for (let i = from; i < topic.length; i++) {
    const c = topic.charCodeAt(i);
    if (c === 0x2f) {
      levelStart = i + 1;
      continue;
    }
    if (isPlain(c) || /\s/.test(topic[i] as string)) continue;
    if (c === 0x2b || c === 0x23 || c === 0) continue; // the validator's business
    if (c === 0x24 && i === 0) continue; // the `$` rule's business
    let levelEnd = topic.indexOf('/', i);
    if (levelEnd < 0) levelEnd = topic.length;
    const wholeLevel = levelStart === i && levelEnd === i + 1;
    if (c === 0x2a || (c === 0x3e && wholeLevel)) {
      const char = topic[i] as string;
      if (!wholeLevel) {
        out.push(finding('foreign-wildcard', 'warning', i, i + 1, 'mqtt.lint.foreign-wildcard', { char }));
        continue;
      }
      const replacement = c === 0x3e && levelEnd === topic.length ? '#' : '+';
      const fix =
        kind === 'filter'
          ? { key: 'mqtt.lint.fix.use-mqtt-wildcard' as const, params: { char, replacement }, replacement: topic.slice(0, i) + replacement + topic.slice(i + 1) }
          : undefined;
      out.push(finding('foreign-wildcard', 'warning', i, i + 1, 'mqtt.lint.foreign-wildcard', { char }, fix));
      continue;
    }
    if (c > 0x7f) {
      const cp = topic.codePointAt(i) as number;
      const char = String.fromCodePoint(cp);
      const width = char.length;
      const repl = UMLAUTS[char];
      const fix = repl === undefined ? undefined : { key: 'mqtt.lint.fix.transliterate' as const, params: { char, replacement: repl }, replacement: transliterated };
      out.push(finding('non-ascii', 'warning', i, i + width, 'mqtt.lint.non-ascii', { char }, fix));
      i += width - 1;
      continue;
    }
    const char = c < 0x20 || c === 0x7f ? `U+${c.toString(16).toUpperCase().padStart(4, '0')}` : (topic[i] as string);
    out.push(finding('special-char', 'warning', i, i + 1, 'mqtt.lint.special-char', { char }));
  }
}

/**
 * Findings about one topic name (default) or filter: spec violations as errors (with their
 * conformance IDs), then the design rules. Sorted by position.
 */
export function lintTopic(topic: string, options: LintOptions = {}): LintFinding[] {
  const kind = options.kind ?? 'name';
  const version = options.version ?? 5;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_TOPIC_BYTES;
  const out: LintFinding[] = [];
  const problems = kind === 'name' ? validateTopicName(topic, version) : validateTopicFilter(topic, version);
  for (const p of problems) out.push({ ...finding('invalid', 'error', p.start, p.end, p.key, p.params), ref: p.ref });
  if (topic.length === 0) return out;
  const share = kind === 'filter' && version === 5 ? parseSharedSubscription(topic) : null;
  const from = share?.filter ? share.filterStart : 0;
  if (share === null || share.filter) {
    lintSlashes(topic, from, out);
    lintCharacters(topic, from, kind, out);
  }
  if (kind === 'name' && topic.startsWith('$')) {
    let end = topic.indexOf('/');
    if (end < 0) end = topic.length;
    out.push(finding('dollar-reserved', 'warning', 0, end, 'mqtt.lint.dollar-reserved'));
  }
  const bytes = utf8ByteLength(topic);
  if (bytes > maxBytes) out.push(finding('too-long', 'info', 0, topic.length, 'mqtt.lint.too-long', { bytes, max: maxBytes }));
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Topics (or their leading levels) that differ only in upper/lower case. */
export interface CaseConflict extends MessageText {
  readonly rule: 'case-conflict';
  readonly severity: 'warning';
  readonly key: MessageKey;
  readonly params: MessageParams;
  /** The 1-based level where the spellings diverge. */
  readonly levels: number;
  /** The spellings of the leading levels up to there, sorted (e.g. `Plant`, `plant`). */
  readonly variants: readonly string[];
  /** The topics of the set that use one of the variants, sorted. */
  readonly topics: readonly string[];
}

/**
 * Case-only differences across a set of topics, reported at the level where the spellings
 * diverge under an identical parent: `Plant/Hall1/temp` and `plant/hall1/humidity` conflict at
 * level 1 (`Plant` vs `plant`), `plant/hall2/x` and `plant/Hall2/y` at level 2.
 */
export function lintTopicSet(topics: Iterable<string>): CaseConflict[] {
  // exact parent prefix + lower-cased level -> prefix as written -> topics using it
  const groups = new Map<string, { levels: number; spellings: Map<string, Set<string>> }>();
  for (const topic of new Set(topics)) {
    const levels = topic.split('/');
    let parent = '';
    for (let i = 0; i < levels.length; i++) {
      const level = levels[i] as string;
      const prefix = i === 0 ? level : `${parent}/${level}`;
      const key = `${i}\u0000${parent}\u0000${level.toLowerCase()}`;
      let group = groups.get(key);
      if (group === undefined) {
        group = { levels: i + 1, spellings: new Map() };
        groups.set(key, group);
      }
      let users = group.spellings.get(prefix);
      if (users === undefined) {
        users = new Set();
        group.spellings.set(prefix, users);
      }
      users.add(topic);
      parent = prefix;
    }
  }
  const out: CaseConflict[] = [];
  for (const { levels, spellings } of groups.values()) {
    if (spellings.size < 2) continue;
    const variants = [...spellings.keys()].sort();
    const users = [...new Set([...spellings.values()].flatMap((s) => [...s]))].sort();
    const params = { variants: variants.map((v) => `\`${v}\``).join(', '), levels };
    out.push({ rule: 'case-conflict', severity: 'warning', key: 'mqtt.lint.case-conflict', params, levels, variants, topics: users, ...bothLanguages('mqtt.lint.case-conflict', params) });
  }
  return out;
}
