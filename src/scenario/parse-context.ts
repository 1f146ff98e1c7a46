/**
 * Shared state and value readers of the parser: where diagnostics go, which clients exist,
 * and how durations, numbers, QoS, versions and topics are read and checked.
 */
import type { ProtocolVersion, QoS } from '../core/codec/types.ts';
import { lintTopic, lintTopicSet } from '../core/mqtt/index.ts';
import { closest, diagnostic, type Diagnostic, type Range, type Severity } from './diagnostics.ts';
import { tokenRange, type Token } from './lexer.ts';
import type { Scenario } from './ast.ts';

/** The latest time a scenario may schedule anything: 24 hours of virtual time. */
export const MAX_TIME_MS = 24 * 60 * 60 * 1000;

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, min: 60_000, h: 3_600_000 };

/**
 * Lint findings by (kind, version, topic): scenarios repeat their topics, and the editor
 * re-parses the whole text as the learner types. Findings are immutable; the cache is bounded.
 */
const LINT_CACHE = new Map<string, ReturnType<typeof lintTopic>>();
const LINT_CACHE_MAX = 4096;
function lintCached(topic: string, filter: boolean, version: ProtocolVersion): ReturnType<typeof lintTopic> {
  const key = `${filter ? 'f' : 'n'}${version}${topic}`;
  let findings = LINT_CACHE.get(key);
  if (findings === undefined) {
    findings = lintTopic(topic, { kind: filter ? 'filter' : 'name', version });
    if (LINT_CACHE.size >= LINT_CACHE_MAX) LINT_CACHE.clear();
    LINT_CACHE.set(key, findings);
  }
  return findings;
}

export class ParseContext {
  readonly diagnostics: Diagnostic[] = [];
  /** Declared clients: name -> line of the declaration. */
  readonly clients = new Map<string, number>();
  /** Protocol version of each client's latest connect line (in time order). */
  readonly clientVersion = new Map<string, ProtocolVersion>();

  constructor(readonly scenario: Scenario) {}

  report(severity: Severity, code: string, range: Range, params: Record<string, string | number> = {}, fix?: { title: string; text: string; range?: Range }): void {
    this.diagnostics.push(diagnostic(severity, code, range, params, fix ? { title: fix.title, text: fix.text, range: fix.range ?? range } : undefined));
  }

  error(code: string, token: Token, params: Record<string, string | number> = {}): void {
    this.report('error', code, tokenRange(token), params);
  }

  /** Report an unknown word with a "did you mean" fix when a candidate is close. */
  unknown(token: Token, candidates: Iterable<string>, code: string, params: Record<string, string | number>): string | undefined {
    const suggestion = closest(token.text, candidates);
    if (suggestion === undefined) {
      this.error(code, token, params);
      return undefined;
    }
    this.report('error', `${code}-suggest`, tokenRange(token), { ...params, suggestion }, { title: `Change to ${suggestion}`, text: suggestion });
    return suggestion;
  }

  /**
   * A word where one of `expected` belongs, typed wrong (`drop nxt`, `too sensor`, `acl topik`):
   * reported as "unknown word, did you mean ..." with the fix, and true; false (nothing reported)
   * when no expected word is close, so the caller gives its own message.
   */
  misspelt(token: Token | undefined, expected: readonly string[]): boolean {
    const suggestion = token && !token.quoted ? closest(token.text, expected) : undefined;
    if (token === undefined || suggestion === undefined || suggestion === token.text) return false;
    this.report('error', 'line.unknown-suggest', tokenRange(token), { word: token.text, suggestion }, { title: `Change to ${suggestion}`, text: suggestion });
    return true;
  }

  /** Is `name` a declared client? Reports it (with a suggestion) when not. */
  checkClient(token: Token): string {
    if (this.clients.has(token.text)) return token.text;
    this.unknown(token, this.clients.keys(), 'client.undeclared', { name: token.text });
    return token.text;
  }

  /** The protocol version a client's lines use now. */
  versionOf(client: string): ProtocolVersion {
    return this.clientVersion.get(client) ?? this.scenario.broker.version ?? 4;
  }

  // ── values ──

  /** A duration (`500ms`, `1.5s`, `2min`, `1h`) in ms, or undefined after reporting. */
  duration(token: Token | undefined, missingAfter: Token, word: string): number | undefined {
    if (token === undefined) {
      this.report('error', 'time.missing', tokenRange(missingAfter), { word });
      return undefined;
    }
    const ms = parseDuration(token.text);
    // Ten or more digits before the point (no leading zero) are at least 10^9 ms, past 24 h in any unit.
    if (ms !== undefined || /^[1-9]\d{9,}(?:\.\d+)?(?:ms|s|min|h)$/.test(token.text)) {
      if (ms === undefined || ms > MAX_TIME_MS) {
        this.error('time.too-late', token, { time: token.text, limit: '24h' });
        return undefined;
      }
      return ms;
    }
    const likely = likelyDuration(token.text);
    if (/^\d+(\.\d+)?$/.test(token.text)) {
      this.report('error', 'time.no-unit', tokenRange(token), { text: token.text }, { title: `Change to ${token.text}s`, text: `${token.text}s` });
    } else if (likely !== undefined) {
      this.report('error', 'time.invalid-suggest', tokenRange(token), { text: token.text, suggestion: likely }, { title: `Change to ${likely}`, text: likely });
    } else this.error('time.invalid', token, { text: token.text });
    return undefined;
  }

  /** A whole number in [min, max] (decimal or 0x hex), or undefined. */
  int(text: string): number | undefined {
    if (/^\d{1,10}$/.test(text)) return Number(text);
    if (/^0x[0-9a-fA-F]{1,8}$/.test(text)) return parseInt(text.slice(2), 16);
    return undefined;
  }

  qos(token: Token): QoS | undefined {
    const n = this.int(token.text);
    if (n === 0 || n === 1 || n === 2) return n;
    this.error('qos.range', token, { value: token.text });
    return undefined;
  }

  version(token: Token): ProtocolVersion | undefined {
    const v = token.text.toLowerCase();
    if (v === 'mqttv311' || v === '311' || v === '4') return 4;
    if (v === 'mqttv5' || v === '5') return 5;
    this.error(v === 'mqttv31' || v === '31' || v === '3' ? 'version.v31' : 'version.bad', token, { value: token.text });
    return undefined;
  }

  /** Topic words seen, for the case-conflict check across the scenario. */
  readonly topicTokens: Token[] = [];

  /**
   * Check a topic name (`filter` false) or filter with the topic linter: spec violations are
   * errors (`topic.invalid`), design findings are warnings or infos (`topic.lint`) with the
   * linter's fix. Positions point into the word when it is not quoted.
   */
  topic(token: Token, filter: boolean, version: ProtocolVersion): string {
    this.topicTokens.push(token);
    for (const f of lintCached(token.text, filter, version)) {
      let range = tokenRange(token);
      if (!token.quoted && token.text.length > 0) {
        const column = token.column + Math.min(f.start, token.text.length - 1);
        const endColumn = Math.min(token.endColumn, Math.max(token.column + f.end, column + 1));
        range = { line: token.line, column, endLine: token.line, endColumn };
      }
      const fix = f.fix && !/[\s#'"]/.test(f.fix.replacement) ? { title: f.fix.en, text: f.fix.replacement, range: tokenRange(token) } : undefined;
      if (f.rule === 'invalid') this.report('error', 'topic.invalid', range, { en: f.en, de: f.de });
      else this.report(f.severity === 'error' ? 'warning' : f.severity, 'topic.lint', range, { en: f.en, de: f.de }, fix);
    }
    return token.text;
  }

  /** Topics of the scenario that differ only in case (one warning at each first use). */
  checkTopicCase(): void {
    for (const c of lintTopicSet(this.topicTokens.map((t) => t.text))) {
      for (const topic of c.topics) {
        const t = this.topicTokens.find((x) => x.text === topic);
        if (t) this.report('warning', 'topic.lint', tokenRange(t), { en: c.en, de: c.de });
      }
    }
  }
}

/** Parse `500ms`, `1.5s`, `2min`, `1h` to milliseconds (rounded); undefined if not a duration. */
/** Units as people write them, to the language's own (`m` is minutes, as in `sleep 2m`). */
const UNIT_SPELLINGS: Record<string, string> = {
  ms: 'ms', msec: 'ms', msecs: 'ms', millisecond: 'ms', milliseconds: 'ms',
  s: 's', sec: 's', secs: 's', second: 's', seconds: 's', sek: 's', sekunde: 's', sekunden: 's',
  m: 'min', min: 'min', mins: 'min', minute: 'min', minutes: 'min', minuten: 'min',
  h: 'h', hr: 'h', hrs: 'h', hour: 'h', hours: 'h', std: 'h', stunde: 'h', stunden: 'h',
};

/**
 * The duration `text` was likely meant to be: a decimal comma (`1,5s`, as written in German),
 * a unit in capitals or spelled out (`3S`, `11sec`, `2 minutes` run together); else undefined.
 */
export function likelyDuration(text: string): string | undefined {
  const m = /^(\d+(?:[.,]\d+)?)([A-Za-z]+)$/.exec(text);
  const unit = m ? UNIT_SPELLINGS[m[2]!.toLowerCase()] : undefined;
  if (!m || !unit) return undefined;
  const candidate = `${m[1]!.replace(',', '.')}${unit}`;
  return candidate !== text && parseDuration(candidate) !== undefined ? candidate : undefined;
}

export function parseDuration(text: string): number | undefined {
  const m = /^(\d{1,9}(?:\.\d{1,6})?)(ms|s|min|h)$/.exec(text);
  if (!m) return undefined;
  return Math.round(Number(m[1]) * UNIT_MS[m[2]!]!);
}

/** Virtual time as written in diagnostics: `5s`, `1.25s`, `250ms`. */
export function showTime(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : ms < 1000 ? `${ms}ms` : `${ms / 1000}s`;
}
