/**
 * Rules a lesson folder must follow that need no simulation: both languages have the same
 * structure (headings and their levels, link targets, "try it" blocks, exercises, hint counts),
 * the English and German front matter agree, orders are unique, every link resolves and every
 * ```` ```mqtts ```` block is a scenario without errors.
 */
import { parseScenario } from '../scenario/index.ts';
import { checkLinks, type Link, type LinkTargets, type MarkdownOutline } from './links.ts';
import type { LessonCatalogue, LoadProblem } from './lesson-model.ts';
import { HINT_HEADINGS } from './load.ts';
import { keyedProblem as problem } from './problem-texts.ts';

function targetsOf(links: readonly Link[]): string {
  return links
    .filter((l) => l.kind !== 'web')
    .map((l) => l.href)
    .sort()
    .join(' ');
}

function compareOutlines(path: string, en: MarkdownOutline, de: MarkdownOutline, out: LoadProblem[]): void {
  const levels = (o: MarkdownOutline): string => o.headings.map((h) => `h${h.level}`).join(' ');
  if (levels(en) !== levels(de)) out.push(problem(path, 'outline.headings', { en: levels(en), de: levels(de) }));
  if (targetsOf(en.links) !== targetsOf(de.links)) out.push(problem(path, 'outline.links', { en: targetsOf(en.links), de: targetsOf(de.links) }));
  const blocks = (o: MarkdownOutline): string => o.blocks.map((b) => b.lang || 'text').join(' ');
  if (blocks(en) !== blocks(de)) out.push(problem(path, 'outline.blocks', { en: blocks(en), de: blocks(de) }));
}

function checkTryBlocks(path: string, outline: MarkdownOutline, out: LoadProblem[]): void {
  for (const b of outline.blocks) {
    if (b.lang !== 'mqtts') continue;
    const errors = parseScenario(b.code).diagnostics.filter((d) => d.severity === 'error');
    for (const e of errors) out.push(problem(path, 'mqtts.block', { message: { en: e.message, de: e.messageDe ?? e.message } }, b.line + e.line));
  }
}

/** The line of a lesson's `## Exercises` (`## Aufgaben`) heading, where its exercises are linked. */
function exercisesHeadingLine(outline: MarkdownOutline, lang: 'en' | 'de'): number | undefined {
  const want = lang === 'en' ? 'Exercises' : 'Aufgaben';
  return outline.headings.find((h) => h.level === 2 && h.text.trim() === want)?.line;
}

/** The link targets of a catalogue: glossary ids, lesson ids and their exercises. */
export function linkTargets(catalogue: LessonCatalogue): LinkTargets {
  return {
    glossaryIds: new Set(catalogue.glossary.map((g) => g.id)),
    lessons: new Map(catalogue.lessons.map((l) => [l.id, l.exercises.map((x) => x.id)])),
  };
}

/** Every structural problem of the catalogue (empty when all is well). */
export function structureProblems(catalogue: LessonCatalogue): LoadProblem[] {
  const out: LoadProblem[] = [];
  const targets = linkTargets(catalogue);
  const orders = new Map<number, string>();
  // A chapter is one run of lessons in order: the lesson list groups consecutive lessons, so a
  // chapter name that comes back after another chapter would be two groups with one name.
  for (const lang of ['en', 'de'] as const) {
    const seen = new Set<string>();
    let previous = '';
    for (const lesson of [...catalogue.lessons].sort((a, b) => a.order - b.order)) {
      const chapter = lesson.text[lang].meta.chapter;
      if (chapter !== previous && seen.has(chapter)) out.push(problem(`${lesson.id}/lesson.${lang}.md`, 'chapter.comes-back', { chapter }, lesson.text[lang].keyLines.chapter));
      seen.add(chapter);
      previous = chapter;
    }
  }
  for (const lesson of catalogue.lessons) {
    const { en, de } = lesson.text;
    const base = lesson.id;
    const other = orders.get(lesson.order);
    if (other) out.push(problem(base, 'order.duplicate', { order: lesson.order, other }));
    orders.set(lesson.order, base);
    for (const key of ['id', 'order', 'level', 'minutes', 'spec'] as const) {
      if (en.meta[key] !== de.meta[key]) out.push(problem(base, 'front-matter.differs', { key, en: en.meta[key], de: de.meta[key] }));
    }
    compareOutlines(`${base}/lesson.*.md`, en.outline, de.outline, out);
    for (const lang of ['en', 'de'] as const) {
      const path = `${base}/lesson.${lang}.md`;
      for (const p of checkLinks(lesson.text[lang].outline.links, targets)) out.push(problem(path, p.id, p.params, p.line));
      checkTryBlocks(path, lesson.text[lang].outline, out);
    }
    for (const x of lesson.exercises) {
      const dir = `${base}/exercises/${x.id}`;
      compareOutlines(`${dir}/exercise.*.md`, x.text.en.outline, x.text.de.outline, out);
      if (x.text.en.hints.length !== x.text.de.hints.length) out.push(problem(dir, 'hints.counts-differ', { en: x.text.en.hints.length, de: x.text.de.hints.length }));
      for (const lang of ['en', 'de'] as const) {
        const path = `${dir}/exercise.${lang}.md`;
        const want = lang === 'en' ? 'Hints' : 'Tipps';
        for (const h of x.text[lang].outline.headings) {
          if (h.level === 2 && HINT_HEADINGS.includes(h.text.trim()) && h.text.trim() !== want) out.push(problem(path, 'hints.heading', { language: lang === 'en' ? { en: 'English', de: 'auf Englisch' } : { en: 'German', de: 'auf Deutsch' }, want, got: h.text.trim() }, h.line));
        }
        if (!lesson.text[lang].outline.links.some((l) => l.href === `lesson:${x.key}`)) out.push(problem(`${base}/lesson.${lang}.md`, 'exercise.unlisted', { id: x.id, title: x.text[lang].title, key: x.key }, exercisesHeadingLine(lesson.text[lang].outline, lang)));
        for (const p of checkLinks(x.text[lang].outline.links, targets)) out.push(problem(path, p.id, p.params, p.line));
        checkTryBlocks(path, x.text[lang].outline, out);
      }
    }
  }
  return out;
}
