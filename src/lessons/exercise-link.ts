/**
 * Exercise links: a teacher's exercise — title, task, start scenario, goals, optional solution,
 * hints and "cheat" answers, in one or both languages — carried in the URL fragment like a
 * scenario link, so handing it out needs no server.
 *
 *   https://…/#x=<base64url( DEFLATE-raw( UTF-8 JSON ) )>
 *
 * The link is hostile input: it is unpacked with the scenario link's caps (src/scenario/
 * link-codec.ts), parsed as JSON, and every field is checked for its type and size before
 * anything uses it; nothing in it is executed or rendered as HTML (texts are shown as text, the
 * scenarios are only parsed and simulated). A digest of the content travels with it, so a link
 * edited by hand (or cut short by a mail program) is refused instead of half-working; it is not
 * a signature and does not pretend to be one.
 */
import { packText, unpackText, type LinkProblem } from '../scenario/link-codec.ts';
import { shortDigest } from './digest.ts';

/** The fragment parameter of an exercise link. */
export const EXERCISE_PARAM = 'x';
/** Largest exercise (UTF-8 bytes of its JSON) a link may carry. */
export const MAX_EXERCISE_BYTES = 200_000;
const MAX_LINK_CHARS = 280_000;
const MAX_TEXT = 20_000;
const MAX_SCENARIO = 50_000;
const MAX_LIST = 20;

export type Bilingual = { en?: string; de?: string };

/** A predict-then-run question (as predict.json, with texts in one or both languages). */
export interface SharedPredict {
  question: Bilingual;
  choices: Bilingual[];
  /** Index of the right choice. */
  answer: number;
  /** Expect line(s) that hold on the solution exactly when the answer is right. */
  check: string;
}

/** One exercise as a teacher builds it. */
export interface SharedExercise {
  title: Bilingual;
  task: Bilingual;
  /** The start scenario the learner edits (may hold `# locked` lines). */
  start: string;
  /** The goals: `expect` lines, appended to the learner's scenario when checking. */
  goal: string;
  /** A solution the builder checked (optional; never shown to the learner unless asked for). */
  solution?: string;
  hints: { en?: string[]; de?: string[] };
  /** Tempting wrong answers that the builder checked to fail. */
  cheats: string[];
  /** Predict-then-run questions (optional; a link without them has the same digest as before they existed). */
  predict?: SharedPredict[];
}

export type ExerciseLinkProblem = LinkProblem | 'not-json' | 'bad-version' | 'bad-field' | 'tampered';

export type DecodedExercise = { ok: true; exercise: SharedExercise; digest: string } | { ok: false; problem: ExerciseLinkProblem; field?: string };

const VERSION = 1;

/** The canonical JSON of an exercise (fixed key order), which the digest covers. */
function canonical(x: SharedExercise): string {
  const bi = (b: Bilingual) => ({ ...(b.en !== undefined ? { en: b.en } : {}), ...(b.de !== undefined ? { de: b.de } : {}) });
  return JSON.stringify({
    title: bi(x.title),
    task: bi(x.task),
    start: x.start,
    goal: x.goal,
    ...(x.solution !== undefined ? { solution: x.solution } : {}),
    hints: { ...(x.hints.en ? { en: x.hints.en } : {}), ...(x.hints.de ? { de: x.hints.de } : {}) },
    cheats: x.cheats,
    ...(x.predict && x.predict.length > 0 ? { predict: x.predict.map((q) => ({ question: bi(q.question), choices: q.choices.map(bi), answer: q.answer, check: q.check })) } : {}),
  });
}

/** A short digest of the exercise: its identity for progress and completion codes. */
export function exerciseDigest(x: SharedExercise): string {
  return shortDigest(`mqtt-lab-exercise\0${canonical(x)}`);
}

/** The fragment value (after `#x=`) that carries `exercise`. */
export function encodeExercise(exercise: SharedExercise): string {
  const body = canonical(exercise);
  return packText(JSON.stringify({ v: VERSION, digest: shortDigest(`mqtt-lab-exercise\0${body}`), exercise: JSON.parse(body) as unknown }));
}

/** The link that carries `exercise`: `base` without its fragment, plus `#x=...`. */
export function exerciseUrl(base: string, exercise: SharedExercise): string {
  return `${base.split('#')[0]}#${EXERCISE_PARAM}=${encodeExercise(exercise)}`;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Decode a fragment value made by `encodeExercise`, or say what is wrong with it (and where). */
export function decodeExercise(value: string): DecodedExercise {
  const text = unpackText(value, { maxLinkChars: MAX_LINK_CHARS, maxBytes: MAX_EXERCISE_BYTES });
  if (!text.ok) return { ok: false, problem: text.problem };
  let data: unknown;
  try {
    data = JSON.parse(text.text);
  } catch {
    return { ok: false, problem: 'not-json' };
  }
  if (!isRecord(data) || data.v !== VERSION) return { ok: false, problem: 'bad-version' };
  const read = readExercise(data.exercise);
  if (typeof read === 'string') return { ok: false, problem: 'bad-field', field: read };
  const digest = exerciseDigest(read);
  if (data.digest !== digest) return { ok: false, problem: 'tampered' };
  return { ok: true, exercise: read, digest };
}

/** The exercise if every field has its type and size, else the name of the first bad field. */
function readExercise(v: unknown): SharedExercise | string {
  if (!isRecord(v)) return 'exercise';
  const str = (x: unknown, max: number): x is string => typeof x === 'string' && x.length <= max && !x.includes('\0');
  const bilingual = (x: unknown, max: number): Bilingual | undefined => {
    if (!isRecord(x)) return undefined;
    const out: Bilingual = {};
    for (const lang of ['en', 'de'] as const) {
      if (x[lang] === undefined) continue;
      if (!str(x[lang], max)) return undefined;
      out[lang] = x[lang];
    }
    return out.en === undefined && out.de === undefined ? undefined : out;
  };
  const list = (x: unknown, max: number): string[] | undefined => (Array.isArray(x) && x.length <= MAX_LIST && x.every((s) => str(s, max)) ? (x as string[]) : undefined);
  const title = bilingual(v.title, 200);
  if (!title) return 'title';
  const task = bilingual(v.task, MAX_TEXT);
  if (!task) return 'task';
  if (!str(v.start, MAX_SCENARIO)) return 'start';
  if (!str(v.goal, MAX_SCENARIO) || !/^\s*expect\b/m.test(v.goal)) return 'goal';
  if (v.solution !== undefined && !str(v.solution, MAX_SCENARIO)) return 'solution';
  if (!isRecord(v.hints)) return 'hints';
  const hints: SharedExercise['hints'] = {};
  for (const lang of ['en', 'de'] as const) {
    if (v.hints[lang] === undefined) continue;
    const h = list(v.hints[lang], MAX_TEXT);
    if (!h) return `hints.${lang}`;
    hints[lang] = h;
  }
  const cheats = list(v.cheats, MAX_SCENARIO);
  if (!cheats) return 'cheats';
  let predict: SharedPredict[] | undefined;
  if (v.predict !== undefined) {
    if (!Array.isArray(v.predict) || v.predict.length === 0 || v.predict.length > MAX_LIST) return 'predict';
    predict = [];
    for (const [i, q] of v.predict.entries()) {
      if (!isRecord(q)) return `predict.${i}`;
      const question = bilingual(q.question, MAX_TEXT);
      const choices = Array.isArray(q.choices) && q.choices.length >= 2 && q.choices.length <= 10 ? q.choices.map((c) => bilingual(c, 2000)) : [];
      if (!question || choices.length === 0 || choices.some((c) => !c)) return `predict.${i}`;
      if (typeof q.answer !== 'number' || !Number.isInteger(q.answer) || q.answer < 0 || q.answer >= choices.length) return `predict.${i}.answer`;
      if (!str(q.check, MAX_SCENARIO) || !/^\s*expect\b/m.test(q.check)) return `predict.${i}.check`;
      predict.push({ question, choices: choices as Bilingual[], answer: q.answer, check: q.check });
    }
  }
  return { title, task, start: v.start, goal: v.goal, ...(v.solution !== undefined ? { solution: v.solution as string } : {}), hints, cheats, ...(predict ? { predict } : {}) };
}
