/**
 * Scenario comments in the UI language: the default scenario, every exercise's start and every
 * gallery example carry their comments in English and German (`# en:` / `# de:`), and differ
 * between the languages only in their comments, line for line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commentsIn, hasBilingualComments } from '../../src/scenario/comment-language.ts';
import { DEFAULT_SCENARIO, DEFAULT_SCENARIO_DE, DEFAULT_SCENARIO_SOURCE, defaultScenario, simulationKernel } from '../../src/ui/default-scenario.ts';
import { FALLBACK_SCENARIO, loadExample } from '../../src/ui/scenario/examples.ts';
import { ScenarioDocument } from '../../src/ui/state/scenario.svelte.ts';
import { Simulation, provideSimulationKernel } from '../../src/ui/state/simulation.svelte.ts';

const code = (text: string) => text.split('\n').filter((l) => !/^\s*#/.test(l)).map((l) => l.replace(/#.*$/, '').trimEnd());
/** The comment of each line (quoted words and a lone `#`, a topic filter, are code). */
const comments = (text: string) =>
  text.split('\n').flatMap((line) => {
    const unquoted = line.replace(/'[^']*'|"[^"]*"/g, '').replace(/(^|\s)#(\s|$)(?!.*[a-z])/i, ' ');
    const at = unquoted.search(/(^|\s)#/);
    return at < 0 ? [] : [unquoted.slice(at).trim()];
  });

const LESSONS = path.resolve(import.meta.dirname, '../../lessons');
const starts = readdirSync(LESSONS, { withFileTypes: true })
  .filter((d) => d.isDirectory() && /^\d\d-/.test(d.name))
  .flatMap((d) => {
    const dir = path.join(LESSONS, d.name, 'exercises');
    try {
      return readdirSync(dir).map((e) => path.join(dir, e, 'start.mqtts'));
    } catch {
      return [];
    }
  });

/** The gallery (src/scenario/examples), the will example (the document's fallback text) included. */
const EXAMPLES = path.resolve(import.meta.dirname, '../../src/scenario/examples');
const examples = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.mqtts'))
  .map((f) => path.join(EXAMPLES, f));

describe('scenario comments in two languages', () => {
  it('keeps the lines of one language without their mark and drops the other', () => {
    const text = ['# en: Hello', '# de: Hallo', 'broker', 'at 1s a connect   # en: now # de: jetzt', "at 2s a subscribe -t 'x/#'  # locked"].join('\n');
    expect(commentsIn(text, 'en')).toBe(['# Hello', 'broker', 'at 1s a connect   # now', "at 2s a subscribe -t 'x/#'  # locked"].join('\n'));
    expect(commentsIn(text, 'de')).toBe(['# Hallo', 'broker', 'at 1s a connect   # jetzt', "at 2s a subscribe -t 'x/#'  # locked"].join('\n'));
    expect(commentsIn('# plain\nbroker', 'de')).toBe('# plain\nbroker');
  });

  it('gives the default scenario German comments for a German UI and the same code', () => {
    expect(defaultScenario('de-DE')).toBe(DEFAULT_SCENARIO_DE);
    expect(defaultScenario('en')).toBe(DEFAULT_SCENARIO);
    expect(code(DEFAULT_SCENARIO_DE)).toEqual(code(DEFAULT_SCENARIO));
    expect(DEFAULT_SCENARIO_DE.split('\n')).toHaveLength(DEFAULT_SCENARIO.split('\n').length);
    expect(DEFAULT_SCENARIO).toContain("# Last Will: the sensor's cable is pulled.");
    expect(DEFAULT_SCENARIO_DE).toContain('# Testament: Das Kabel des Sensors wird gezogen.');
    expect(DEFAULT_SCENARIO_DE).toContain('# das Netz stirbt ohne DISCONNECT');
    expect(DEFAULT_SCENARIO_DE).not.toMatch(/# (en|de):/);
    expect(DEFAULT_SCENARIO_SOURCE).toContain('# de:');
  });

  it('has the gallery examples (21 with the will example)', () => {
    expect(examples).toHaveLength(21);
  });

  it('shows the document\'s fallback text (the will example) without marks, its comments in the UI language', async () => {
    provideSimulationKernel(simulationKernel);
    const doc = ScenarioDocument.open({ simulation: new Simulation({}), storage: null });
    try {
      expect(doc.text).toBe(commentsIn(FALLBACK_SCENARIO, 'en'));
      expect(doc.text).toMatch(/^# Last Will: the sensor's cable is pulled\.$/m);
      expect(doc.text).not.toMatch(/# (en|de):/);
      doc.setCommentLanguage('de');
      expect(doc.text).toMatch(/^# Testament: Das Kabel des Sensors wird gezogen\.$/m);
      expect(doc.text).toContain('# das Netz stirbt ohne DISCONNECT');
      expect(doc.text).not.toMatch(/# (en|de):|the network dies/);
      // Opened from the gallery in a German UI: German too.
      const will = (await loadExample('will-on-cable-cut'))!;
      expect(will.title).toBe("Last Will: the sensor's cable is pulled");
      doc.edit(`${doc.text}# mine\n`);
      doc.openExample(will.text, will.title);
      expect(doc.text).toBe(commentsIn(will.text, 'de'));
    } finally {
      doc.dispose();
    }
  });

  it.each([...starts.map((f) => [path.relative(LESSONS, f), f]), ...examples.map((f) => [`examples/${path.basename(f)}`, f])])('%s: every comment in English and German, line for line', (_name, file) => {
    const source = readFileSync(file, 'utf8');
    expect(hasBilingualComments(source)).toBe(true);
    const en = commentsIn(source, 'en');
    const de = commentsIn(source, 'de');
    expect(de.split('\n')).toHaveLength(en.split('\n').length);
    expect(code(de)).toEqual(code(en));
    // No comment left in one language only (a `# locked` mark and `#` in a topic filter are code).
    const plain = comments(source).filter((c) => !/^#\s?(en|de):/.test(c) && !/^#\s*locked\s*(#\s?en:.*)?$/.test(c) );
    expect(plain).toEqual([]);
    expect(de).not.toEqual(en);
  });
});
