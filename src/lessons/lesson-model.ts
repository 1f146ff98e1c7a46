/**
 * The lesson catalogue as data: what `load.ts` builds from the files in `lessons/` and what the
 * lesson panel, the checker and the tests read. See lessons/README.md for the folder layout.
 */
import type { MarkdownOutline, SpecVersion } from './links.ts';
import type { LessonProblemId, ProblemParams } from './problem-texts.ts';

/** The languages lessons are written in. */
export type LessonLang = 'en' | 'de';
export const LESSON_LANGS: readonly LessonLang[] = ['en', 'de'];

/** Text in both languages. */
export interface Bilingual {
  en: string;
  de: string;
}

export type LessonLevel = 'beginner' | 'intermediate' | 'advanced';
export const LESSON_LEVELS: readonly LessonLevel[] = ['beginner', 'intermediate', 'advanced'];

/** The front matter of `lesson.LANG.md`. */
export interface LessonMeta {
  /** The folder name, e.g. `01-why-mqtt`; `lesson:` links use it. */
  id: string;
  title: string;
  order: number;
  /** A short group name for the lesson list ("Basics", "Quality of Service", ...). */
  chapter: string;
  level: LessonLevel;
  /** Estimated time in minutes. */
  minutes: number;
  /** The MQTT version that plain `spec:` links open (front matter `spec`, default 3.1.1). */
  spec: SpecVersion;
}

/** One language of a lesson. */
export interface LessonText {
  meta: LessonMeta;
  /** Markdown without the front matter. */
  body: string;
  /** Line of the body's first line in the file (for messages). */
  bodyLine: number;
  /** Line of each front matter key in the file (for messages). */
  keyLines: Readonly<Record<string, number>>;
  outline: MarkdownOutline;
}

/** One language of an exercise. */
export interface ExerciseText {
  title: string;
  /** The task: the Markdown before `## Hints`. */
  task: string;
  /** The hint ladder's first rungs, in order (nudge, stronger hint); the last rung, replaying the solution, is automatic. */
  hints: string[];
  outline: MarkdownOutline;
}

/** A predict-then-run question (predict.json). */
export interface PredictQuestion {
  question: Bilingual;
  choices: PredictChoice[];
  /** Index of the right choice. */
  answer: number;
  /** Expect line(s) that hold exactly when the answer is right, run against the solution. */
  check: string;
}

export interface PredictChoice extends Bilingual {
  /** Optional: expect line(s) that hold exactly when this choice is right. */
  check?: string;
}

/** An exercise folder `lessons/NN-slug/exercises/K-slug/`. */
export interface Exercise {
  /** The folder name, e.g. `1-first-message`. */
  id: string;
  /** `LESSON/EXERCISE`, the key in the progress state. */
  key: string;
  lessonId: string;
  /** The number before the dash. */
  index: number;
  text: Record<LessonLang, ExerciseText>;
  /** The scenario the learner starts from (no expect lines). */
  start: string;
  /** One scenario that solves it (no expect lines). */
  solution: string;
  /** Only expect lines: appended to the learner's scenario. */
  goal: string;
  predict: PredictQuestion[];
  /** `cheat*.mqtts`: tempting wrong answers that must not reach the goal (the lesson check runs them). */
  cheats: { name: string; text: string }[];
}

/** The goals of an exercise: the `expect` lines of its goal, trimmed, in order. */
export function goalLines(exercise: Pick<Exercise, 'goal'>): string[] {
  return exercise.goal
    .split('\n')
    .filter((line) => /^\s*expect\b/.test(line))
    .map((line) => line.trim());
}

/** How many goals an exercise has: the `expect` lines of its goal. */
export function goalCount(exercise: Pick<Exercise, 'goal'>): number {
  return goalLines(exercise).length;
}

/** A lesson folder. */
export interface Lesson {
  id: string;
  order: number;
  text: Record<LessonLang, LessonText>;
  /** In the order of their numbers. */
  exercises: Exercise[];
}

/** One entry of lessons/glossary.json. */
export interface GlossaryEntry {
  id: string;
  en: GlossaryText;
  de: GlossaryText;
}

/** One language of a glossary entry. */
export interface GlossaryText {
  term: string;
  definition: string;
  /** Other words for the term, e.g. the textbook's ("Dienstgüte" for QoS); shown with the definition, never used in the texts. */
  synonyms?: string[];
}

/** A problem found while loading, with the file (relative to `lessons/`) and a line if known. */
export interface LoadProblem {
  path: string;
  line?: number;
  message: string;
  /** The message in German, where one is written (`npm run lesson:check -- --lang de`; the exercise runs). */
  messageDe?: string;
  /** The problem's id and values (problem-texts.ts), from which `problemMessage` says it in either language. */
  id?: LessonProblemId;
  params?: ProblemParams;
}

/** Everything in `lessons/`. */
export interface LessonCatalogue {
  /** Sorted by `order`. */
  lessons: Lesson[];
  glossary: GlossaryEntry[];
  /** Files that could not be read into the catalogue, or broke a rule; empty when all is well. */
  problems: LoadProblem[];
}

/** Chapters in the order their first lesson appears, with their lessons. */
export function chaptersOf(catalogue: LessonCatalogue, lang: LessonLang): { chapter: string; lessons: Lesson[] }[] {
  const out: { chapter: string; lessons: Lesson[] }[] = [];
  for (const lesson of catalogue.lessons) {
    const name = lesson.text[lang].meta.chapter;
    const last = out[out.length - 1];
    if (last && last.chapter === name) last.lessons.push(lesson);
    else out.push({ chapter: name, lessons: [lesson] });
  }
  return out;
}
