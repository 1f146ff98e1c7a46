/**
 * A lesson's "try it" blocks do what the text around them says: no command in them is one the
 * simulator ignores. A `connect` while the client still believes it is connected (a fault broke
 * the connection, nobody noticed yet) is dropped with "already connected": the lesson promised a
 * reconnect and the learner saw none (08-qos1 did that; its sensor now disconnects first).
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCatalogue, LESSON_LANGS } from '../../src/lessons/index.ts';
import { runScenario } from '../../src/scenario/run.ts';
import { LESSONS_DIR, readLessonFiles } from './helpers.ts';

const catalogue = loadCatalogue(existsSync(LESSONS_DIR) ? readLessonFiles() : {});

/** Trace explanations that say a command of the scenario did nothing. */
const IGNORED_COMMANDS = new Set(['client.connect.already', 'client.subscribe.offline', 'client.subscribe.empty']);

const blocks = catalogue.lessons.flatMap((lesson) =>
  LESSON_LANGS.flatMap((lang) =>
    lesson.text[lang].outline.blocks
      .filter((b) => b.lang === 'mqtts')
      .map((b, i) => [`${lesson.id} ${lang} #${i + 1} (line ${b.line})`, b.code] as const),
  ),
);

describe('lesson try-it blocks', () => {
  it('exist', () => {
    expect(blocks.length).toBeGreaterThan(10);
  });
  it.each(blocks)('%s runs without an ignored command', (_name, code) => {
    const run = runScenario(code);
    expect(run.ran).toBe(true);
    const ignored = run.trace
      .filter((e) => e.explain && IGNORED_COMMANDS.has(e.explain.key))
      .map((e) => `${(e.atMs / 1000).toFixed(3)} s ${e.from}: ${e.explain!.key}`);
    expect(ignored).toEqual([]);
  });
});
