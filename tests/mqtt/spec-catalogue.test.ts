/**
 * The statement catalogue (src/core/mqtt/spec-catalogue) and every citation against it: each
 * conformance statement ID the code, the lessons and the example scenarios cite must exist in
 * the protocol version it is cited for. MQTT 3.1.1 and 5.0 number many rules differently
 * (the QoS 2 receiver's duplicate rule is MQTT-4.3.3-2 in 3.1.1 and MQTT-4.3.3-10 in 5.0), so
 * "exists somewhere" is not enough where the version is known:
 *
 * - the per-version tables (topic rules, the client's and the codec's rule tables) are checked
 *   entry by entry;
 * - the source chooses a per-version ID by a name of that table only: no helper taking two bare
 *   IDs, no `v === 5 ? 'A' : 'B'` between two IDs;
 * - any other quoted ID in the source must be a statement of both versions, or be listed below
 *   in VERSION_SPECIFIC with the one version its code path runs for (a 5.0-only feature, a
 *   3.1.1-only branch);
 * - IDs in comments must at least exist in one version (no section numbers dressed as IDs);
 * - a section cited instead of a statement (where a version has none) must be a section of that
 *   version in the tables, and of one of the standards where an explanation cites it;
 * - lesson links follow the lesson's `spec` version (or `spec5:`/`spec311:`), examples the
 *   `version` of their broker line.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { ProtocolVersion } from '../../src/core/codec/types.ts';
import { REFS as CODEC_REFS } from '../../src/core/codec/errors.ts';
import { CODEC_RULES } from '../../src/core/codec/spec-ref.ts';
import { BROKER_RULES, CLIENT_RULES, RULES } from '../../src/core/mqtt/rules.ts';
import { TOPIC_RULES } from '../../src/core/mqtt/spec.ts';
import { isStatement, statementOf, statementsOf, statementUrl } from '../../src/core/mqtt/spec-catalogue/index.ts';
import { analyzeMarkdown, specVersionOf } from '../../src/lessons/links.ts';

const ROOT = join(import.meta.dirname, '../..');
const VERSIONS: readonly ProtocolVersion[] = [4, 5];
const NAME: Record<ProtocolVersion, string> = { 4: '3.1.1', 5: '5.0' };
/** Anything shaped like a statement tag, misprints included (`MQTT-3-8.3-4`, `MQTT-3.1.2.7`). */
const ID_LIKE = /MQTT-\d+[.-]\d+\.\d+[.-]\d+/g;
const STATEMENT_ID = /^MQTT-\d+\.\d+\.\d+-\d+$/;
/** A section of the standard, for a rule without a numbered statement: `3.1.2.10`. */
const SECTION = /^\d+(\.\d+)*$/;

/**
 * Quoted IDs that exist in one version only, cited where the code runs for that version only.
 * Keyed by file (relative to the repository) and ID.
 */
const VERSION_SPECIFIC: Record<string, Record<string, ProtocolVersion>> = {
  // 3.1.1 clients get one copy for overlapping subscriptions (planCopies, version 4 only).
  'src/core/broker/route.ts': {
    'MQTT-3.3.5-1': 4,
    'MQTT-3.3.1-13': 5, // Retain As Published is a 5.0 subscription option
    'MQTT-3.3.4-2': 5, // a 5.0 client's copy per overlapping subscription
  },
  'src/core/broker/deliver.ts': {
    'MQTT-3.3.2-5': 5, // message expiry is 5.0
    'MQTT-3.3.2-6': 5,
    'MQTT-3.1.2-25': 5, // the client's Maximum Packet Size is 5.0
    'MQTT-3.3.4-9': 5, // Receive Maximum is 5.0 (windowFull)
  },
  'src/core/broker/connect.ts': { 'MQTT-3.2.2-21': 5 }, // Server Keep Alive, in the `v === 5` branch
  'src/core/broker/handle-publish.ts': {
    'MQTT-3.2.2-14': 5, // Retain Available is 5.0
    'MQTT-3.3.2-14': 5, // a Response Topic (a 5.0 property) with a wildcard
  },
  'src/core/broker/handle-ack.ts': { 'MQTT-4.3.3-4': 5 }, // ack.pubrec-failed: a PUBREC reason code >= 0x80 is 5.0
  'src/core/broker/handle-subscribe.ts': { 'MQTT-3.3.2-5': 5 }, // an expired retained message (message expiry is 5.0)
  'src/core/client/incoming.ts': { 'MQTT-4.12.0-6': 5 }, // AUTH exists in 5.0 only
  'src/core/codec/decode.ts': { 'MQTT-3.11.3-1': 5 }, // a 5.0 UNSUBACK carries reason codes
  'src/core/codec/encode.ts': { 'MQTT-3.11.3-1': 5 },
  // Reason codes exist in 5.0 only.
  'src/core/codec/reason-codes.ts': Object.fromEntries(
    ['MQTT-3.2.2-8', 'MQTT-3.4.2-1', 'MQTT-3.5.2-1', 'MQTT-3.6.2-1', 'MQTT-3.7.2-1', 'MQTT-3.9.3-2', 'MQTT-3.11.3-2', 'MQTT-3.14.2-1', 'MQTT-3.15.2-1'].map((id) => [id, 5 as const]),
  ),
  'src/core/codec/annotate.ts': { 'MQTT-3.8.3-5': 5 }, // subscription options bits 7-6 (5.0)
  'src/ui/inspector/field-meanings.ts': { 'MQTT-3.8.3-5': 5 },
};

function walk(dir: string, ext: RegExp, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, ext, out);
    else if (ext.test(name)) out.push(p);
  }
  return out;
}

const rel = (p: string): string => relative(ROOT, p).split('\\').join('/');

/**
 * Headings without a numbered statement below them that rules cite, checked against the
 * standards' tables of contents. Every other section a rule may cite is a section that holds
 * statements, or one of its parents (derived from the catalogue).
 */
const HEADINGS: Record<ProtocolVersion, readonly string[]> = {
  4: ['2.1', '2.2.1', '2.2.3', '3.1.2.7', '3.1.2.10', '3.1.3.1', '3.2.2.1', '3.2.2.2', '3.2.2.3', '3.3.2.1', '3.3.3', '3.4', '3.7'],
  5: [
    '1.5.6', '2.1', '2.1.2', '2.1.4', '2.2.2.1', '2.2.2.2', '3.1.2.10', '3.1.2.11.4', '3.2.2.3', '3.3.2.1', '3.3.2.3.2', '3.3.2.3.4', '3.3.3',
    '3.4.2.1', '3.6.2.1', '3.7.2.1', '3.8.2.1.2', '3.8.3.1', '3.14.2.1', '3.14.2.2.2',
  ],
};
const SECTIONS: Record<ProtocolVersion, ReadonlySet<string>> = {
  4: sectionsOf(4),
  5: sectionsOf(5),
};
function sectionsOf(version: ProtocolVersion): ReadonlySet<string> {
  const out = new Set(HEADINGS[version]);
  for (const s of statementsOf(version)) {
    const parts = s.section.split('.');
    for (let i = 1; i <= parts.length; i++) out.add(parts.slice(0, i).join('.'));
  }
  return out;
}

/** A reference of a per-version table: a statement of that version, or one of its sections. */
function tableProblem(where: string, version: ProtocolVersion, ref: string): string | undefined {
  if (SECTION.test(ref)) return SECTIONS[version].has(ref) ? undefined : `${where}: section ${ref} is not a section of MQTT ${NAME[version]} (or not yet in HEADINGS)`;
  if (!STATEMENT_ID.test(ref)) return `${where}: ${ref} is neither a statement ID nor a section`;
  return isStatement(ref, version) ? undefined : `${where}: ${ref} is not a statement of MQTT ${NAME[version]}`;
}

describe('the statement catalogue', () => {
  test('has every numbered statement of both standards, once, in the standard\'s order', () => {
    expect(statementsOf(4)).toHaveLength(141);
    expect(statementsOf(5)).toHaveLength(251);
    for (const v of VERSIONS) {
      const ids = statementsOf(v).map((s) => s.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(STATEMENT_ID);
      const key = (id: string): number[] => id.slice(5).split(/[.-]/).map(Number);
      const sorted = [...ids].sort((a, b) => {
        const [x, y] = [key(a), key(b)];
        for (let i = 0; i < 4; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
        return 0;
      });
      expect(ids).toEqual(sorted);
      for (const s of statementsOf(v)) expect(s.summary.length).toBeGreaterThan(10);
    }
  });

  test('knows where the two versions number the same rule differently', () => {
    // QoS 2 receiver, duplicate before PUBREL
    expect(isStatement('MQTT-4.3.3-10', 4)).toBe(false);
    expect(statementOf('MQTT-4.3.3-10', 5)?.summary).toMatch(/until PUBREL/);
    expect(statementOf('MQTT-4.3.3-2', 4)?.summary).toMatch(/duplicates/);
    // Keep alive: 3.1.1 MQTT-3.1.2-24, 5.0 MQTT-3.1.2-22; the will: MQTT-3.1.2-8 in both
    expect(statementOf('MQTT-3.1.2-24', 4)?.summary).toMatch(/1\.5 times/);
    expect(statementOf('MQTT-3.1.2-22', 5)?.summary).toMatch(/1\.5 times/);
    expect(statementOf('MQTT-3.1.3-9', 5)?.summary).toMatch(/Will Delay/);
    // Misprinted tags are catalogued under their regular IDs.
    expect(statementOf('MQTT-3.8.3-4', 4)?.printedAs).toBe('MQTT-3-8.3-4');
    expect(statementOf('MQTT-4.2.0-1', 5)?.printedAs).toBe('MQTT-4.2-1');
    expect(statementOf('MQTT-4.13.1-1', 4)).toBeUndefined();
  });

  test('links each statement to its section of the OASIS HTML and to its printed tag', () => {
    expect(statementUrl(statementOf('MQTT-3.1.2-8', 4)!)).toBe(
      'https://docs.oasis-open.org/mqtt/mqtt/v3.1.1/os/mqtt-v3.1.1-os.html#_Will_Flag:~:text=%5BMQTT%2D3.1.2%2D8%5D',
    );
    expect(statementUrl(statementOf('MQTT-4.2.0-1', 5)!)).toBe(
      'https://docs.oasis-open.org/mqtt/mqtt/v5.0/os/mqtt-v5.0-os.html#_Network_Connections:~:text=%5BMQTT%2D4.2%2D1%5D',
    );
    expect(statementOf('MQTT-4.2.0-1', 5)?.section).toBe('4.2');
  });
});

describe('every cited statement exists in the version it is cited for', () => {
  test('the one table of named rules (codec, topics, client, broker)', () => {
    const problems = Object.entries(RULES).flatMap(([name, refs]) =>
      VERSIONS.map((v) => tableProblem(`RULES.${name}`, v, refs[v])).filter(Boolean),
    );
    expect(problems).toEqual([]);
    // One name, one rule: no part of the table shadows another's name.
    const names = [CODEC_RULES, TOPIC_RULES, CLIENT_RULES, BROKER_RULES].flatMap((part) => Object.keys(part));
    expect(names.length).toBe(new Set(names).size);
    expect(Object.keys(RULES).length).toBe(names.length);
    // The codec's lookups read the same table.
    for (const [name, pick] of Object.entries(CODEC_REFS)) for (const v of VERSIONS) expect(pick(v)).toBe(RULES[name as keyof typeof RULES][v]);
  });

  const sources = walk(join(ROOT, 'src'), /\.(ts|svelte)$/).filter((f) => !rel(f).startsWith('src/core/mqtt/spec-catalogue/'));

  test('the source chooses a per-version ID one way only: a name of the rule table', () => {
    // No helper that takes two bare IDs (`ref(version, 'MQTT-…', 'MQTT-…')`) and no version
    // ternary between two IDs (`v === 5 ? 'MQTT-…' : '…'`): both invite the same ID twice or the
    // versions swapped; the rule table above is checked per version instead.
    const problems: string[] = [];
    for (const file of sources) {
      const text = readFileSync(file, 'utf8');
      const where = rel(file);
      for (const m of text.matchAll(/\bref\(\s*[\w.?]+\s*,\s*'[^']+'\s*,\s*'[^']+'\s*\)/g)) problems.push(`${where}: ${m[0]}`);
      for (const m of text.matchAll(/===\s*[45]\s*\?\s*'(MQTT-[^']+|\d+(?:\.\d+)*)'\s*:\s*'(MQTT-[^']+|\d+(?:\.\d+)*)'/g)) {
        if (m[1]!.startsWith('MQTT-') || m[2]!.startsWith('MQTT-')) problems.push(`${where}: ${m[0]}`);
      }
    }
    expect(problems).toEqual([]);
  });

  test('every other ID in the source: a statement of both versions, or of the one its code path runs for', () => {
    const problems: string[] = [];
    for (const file of sources) {
      const where = rel(file);
      const allowed = VERSION_SPECIFIC[where] ?? {};
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        // The table entries are checked above, per version.
        const rest = line
          .replace(/\{\s*4:\s*'[^']+',\s*5:\s*'[^']+'\s*\}/g, '');
        // A section cited where a rule is explained must be a section of one of the standards.
        for (const m of rest.matchAll(/(?:explain\(tx, |protocolError\([^']*|fail\(RC\.\w+, |Failure\(RC\.\w+, |ref: )'(\d+(?:\.\d+)+)'/g)) {
          if (!VERSIONS.some((v) => SECTIONS[v].has(m[1]!))) problems.push(`${where}:${i + 1} section ${m[1]} is not a section of either standard (or not yet in HEADINGS)`);
        }
        for (const m of rest.matchAll(ID_LIKE)) {
          const id = m[0];
          const at = `${where}:${i + 1} ${id}`;
          if (!STATEMENT_ID.test(id) || !VERSIONS.some((v) => isStatement(id, v))) {
            problems.push(`${at} is not a statement of either version`);
            continue;
          }
          const quoted = rest.includes(`'${id}'`);
          if (!quoted || VERSIONS.every((v) => isStatement(id, v))) continue;
          const only = allowed[id];
          if (only === undefined) problems.push(`${at} exists only in MQTT ${isStatement(id, 4) ? '3.1.1' : '5.0'}: pick it per version, or list the file in VERSION_SPECIFIC`);
          else if (!isStatement(id, only)) problems.push(`${at} is listed for MQTT ${NAME[only]} but is not a statement of it`);
        }
      });
    }
    expect(problems).toEqual([]);
  });

  test('the lessons: each spec link in its version, each ID in the text in some version', () => {
    const problems: string[] = [];
    for (const file of walk(join(ROOT, 'lessons'), /\.(md|json)$/)) {
      const text = readFileSync(file, 'utf8');
      const where = rel(file);
      for (const m of text.matchAll(ID_LIKE)) {
        if (!STATEMENT_ID.test(m[0]) || !VERSIONS.some((v) => isStatement(m[0], v))) problems.push(`${where}: ${m[0]} is not a statement`);
      }
      if (!file.endsWith('.md')) continue;
      const spec = /^spec:\s*(\S+)/m.exec(text)?.[1] === '5.0' ? '5.0' : '3.1.1';
      for (const link of analyzeMarkdown(text).links) {
        if (link.kind !== 'spec') continue;
        const version: ProtocolVersion = specVersionOf(link.href, spec) === '5.0' ? 5 : 4;
        if (!isStatement(link.target, version)) problems.push(`${where}:${link.line}: ${link.href} is not a statement of MQTT ${NAME[version]}`);
      }
    }
    expect(problems).toEqual([]);
  });

  test('the example scenarios, in the version of their broker line', () => {
    const problems: string[] = [];
    for (const file of walk(join(ROOT, 'src/scenario/examples'), /\.mqtts$/)) {
      const text = readFileSync(file, 'utf8');
      const version: ProtocolVersion = /^broker\b.*\bversion=5\b/m.test(text) ? 5 : 4;
      for (const m of text.matchAll(ID_LIKE)) {
        if (!isStatement(m[0], version)) problems.push(`${rel(file)}: ${m[0]} is not a statement of MQTT ${NAME[version]}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
