/**
 * Progress as a plain value: which exercises are solved, what the learner answered to the
 * predict-then-run questions, and their unsaved scenario drafts. Pure functions only: the UI
 * keeps the state (e.g. in localStorage) and exports/imports it as a JSON file for moving
 * between school and home.
 *
 * `deserializeProgress` accepts anything: an imported file from an older version, a file edited
 * by hand, a random PNG renamed to .json. What it cannot read is reported and dropped; it never
 * throws and never returns a state that breaks the app (sizes are bounded, keys are checked).
 */
import type { Lesson } from './lesson-model.ts';

/** The current format version of serialized progress. */
export const PROGRESS_VERSION = 1;
/** The `kind` tag of a progress file. */
export const PROGRESS_KIND = 'mqtt-lab-progress';

/** Limits that keep an imported file from flooding the app. */
export const PROGRESS_LIMITS = { maxEntries: 2000, maxKeyLength: 160, maxDraftLength: 20_000, maxFileLength: 5_000_000 } as const;

/** When and how an exercise was solved. */
export interface SolvedEntry {
  /** ISO time given by the caller (the pure functions never read the clock), or '' if unknown. */
  at: string;
  /** For an exercise from a link: the name the learner gave and the completion code it got (completion.ts). */
  name?: string;
  code?: string;
}

/** The learner's answer to one predict question. */
export interface PredictionEntry {
  choice: number;
  correct: boolean;
}

/** The whole progress state. */
export interface ProgressState {
  version: typeof PROGRESS_VERSION;
  /** Exercise key (`LESSON/EXERCISE`) -> entry. */
  solved: Record<string, SolvedEntry>;
  /** `LESSON/EXERCISE#N` (N = question index) -> answer. */
  predictions: Record<string, PredictionEntry>;
  /** Exercise key -> the learner's scenario text. */
  drafts: Record<string, string>;
}

/** A fresh state with nothing done. */
export function emptyProgress(): ProgressState {
  return { version: PROGRESS_VERSION, solved: {}, predictions: {}, drafts: {} };
}

/** The key of a predict question. */
export function predictionKey(exerciseKey: string, questionIndex: number): string {
  return `${exerciseKey}#${questionIndex}`;
}

/** Mark an exercise solved (keeps the first time it was solved). */
export function markSolved(state: ProgressState, exerciseKey: string, at = ''): ProgressState {
  if (state.solved[exerciseKey]) return state;
  return { ...state, solved: { ...state.solved, [exerciseKey]: { at } } };
}

/** The progress key of an exercise from a link (`x/` and its digest, exercise-link.ts). */
export function linkedExerciseKey(digest: string): string {
  return `x/${digest}`;
}

/** Keep the name and completion code of a solved exercise from a link (so the progress file carries them). */
export function recordCompletion(state: ProgressState, exerciseKey: string, name: string, code: string): ProgressState {
  const entry = state.solved[exerciseKey];
  if (!entry) return state;
  return { ...state, solved: { ...state.solved, [exerciseKey]: { ...entry, name: name.slice(0, 80), code: code.slice(0, 20) } } };
}

/** Forget that an exercise was solved (e.g. "reset this exercise"). */
export function markUnsolved(state: ProgressState, exerciseKey: string): ProgressState {
  if (!state.solved[exerciseKey]) return state;
  const solved = { ...state.solved };
  delete solved[exerciseKey];
  return { ...state, solved };
}

export function isSolved(state: ProgressState, exerciseKey: string): boolean {
  return state.solved[exerciseKey] !== undefined;
}

/** Record the learner's answer to a predict question (the first answer counts; later ones are ignored). */
export function recordPrediction(state: ProgressState, exerciseKey: string, questionIndex: number, choice: number, correct: boolean): ProgressState {
  const key = predictionKey(exerciseKey, questionIndex);
  if (state.predictions[key]) return state;
  return { ...state, predictions: { ...state.predictions, [key]: { choice, correct } } };
}

/** Keep the learner's scenario text (an empty text removes the draft). */
export function saveDraft(state: ProgressState, exerciseKey: string, text: string): ProgressState {
  const drafts = { ...state.drafts };
  if (text === '') delete drafts[exerciseKey];
  else drafts[exerciseKey] = text.slice(0, PROGRESS_LIMITS.maxDraftLength);
  return { ...state, drafts };
}

/** How far a learner is in one lesson. */
export function lessonProgress(state: ProgressState, lesson: Lesson): { solved: number; total: number; done: boolean } {
  const total = lesson.exercises.length;
  const solved = lesson.exercises.filter((x) => isSolved(state, x.key)).length;
  return { solved, total, done: total > 0 && solved === total };
}

/** Union of two states (import at home what was done at school): solved and answers from both, drafts from `incoming` win. */
export function mergeProgress(base: ProgressState, incoming: ProgressState): ProgressState {
  const solved = { ...incoming.solved, ...base.solved };
  const predictions = { ...incoming.predictions, ...base.predictions };
  const drafts = { ...base.drafts, ...incoming.drafts };
  return { version: PROGRESS_VERSION, solved, predictions, drafts };
}

/** The state as a JSON text (a progress file). */
export function serializeProgress(state: ProgressState): string {
  return JSON.stringify({ kind: PROGRESS_KIND, version: PROGRESS_VERSION, solved: state.solved, predictions: state.predictions, drafts: state.drafts }, null, 2);
}

/** The result of reading a progress file. */
export type ProgressImport =
  | { ok: true; progress: ProgressState; /** Entries that were dropped, and why. */ warnings: string[] }
  | { ok: false; error: string; errorDe: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A lesson's exercise (`01-why-mqtt/1-first-message`) or one from a link (`x/` + its 16-character digest), `#N` for a question. */
const KEY = /^(\d\d-[a-z0-9-]+\/\d+-[a-z0-9-]+|x\/[0-9A-HJKMNP-TV-Z]{16})(#\d+)?$/;

function entries(v: unknown, what: string, warnings: string[]): [string, unknown][] {
  if (v === undefined) return [];
  if (!isRecord(v)) {
    warnings.push(`\`${what}\` is not an object; ignored`);
    return [];
  }
  const all = Object.entries(v);
  if (all.length > PROGRESS_LIMITS.maxEntries) warnings.push(`\`${what}\` has ${all.length} entries; only the first ${PROGRESS_LIMITS.maxEntries} are read`);
  return all.slice(0, PROGRESS_LIMITS.maxEntries).filter(([k]) => {
    const ok = k.length <= PROGRESS_LIMITS.maxKeyLength && KEY.test(k);
    if (!ok) warnings.push(`\`${what}\`: \`${k.slice(0, 40)}\` is not an exercise key; ignored`);
    return ok;
  });
}

/** Read a progress file. Never throws; unknown or malformed entries are dropped with a warning. */
export function deserializeProgress(text: unknown): ProgressImport {
  const fail = (error: string, errorDe: string): ProgressImport => ({ ok: false, error, errorDe });
  if (typeof text !== 'string') return fail('The progress file is not text.', 'Die Fortschrittsdatei ist keine Textdatei.');
  if (text.length > PROGRESS_LIMITS.maxFileLength) return fail('The progress file is too large.', 'Die Fortschrittsdatei ist zu groß.');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return fail('The progress file is not valid JSON.', 'Die Fortschrittsdatei ist kein gültiges JSON.');
  }
  if (!isRecord(data) || data.kind !== PROGRESS_KIND) return fail('This is not an MQTT Lab progress file.', 'Das ist keine Fortschrittsdatei von MQTT Lab.');
  if (typeof data.version !== 'number' || !Number.isInteger(data.version) || data.version < 1) return fail('The progress file has no valid version.', 'Die Fortschrittsdatei hat keine gültige Version.');
  if (data.version > PROGRESS_VERSION) {
    return fail(`The progress file was written by a newer MQTT Lab (format ${data.version}); update the app.`, `Die Fortschrittsdatei stammt aus einer neueren MQTT-Lab-Version (Format ${data.version}); bitte die App aktualisieren.`);
  }
  const warnings: string[] = [];
  const progress = emptyProgress();
  for (const [k, v] of entries(data.solved, 'solved', warnings)) {
    if (k.includes('#')) warnings.push(`\`solved\`: \`${k}\` is a question key; ignored`);
    else if (v === true) progress.solved[k] = { at: '' };
    else if (isRecord(v)) {
      progress.solved[k] = { at: typeof v.at === 'string' ? v.at.slice(0, 40) : '' };
      if (typeof v.name === 'string' && typeof v.code === 'string') progress.solved[k] = { ...progress.solved[k], name: v.name.slice(0, 80), code: v.code.slice(0, 20) };
    }
    else warnings.push(`\`solved\`: \`${k}\` has no valid entry; ignored`);
  }
  for (const [k, v] of entries(data.predictions, 'predictions', warnings)) {
    if (isRecord(v) && typeof v.choice === 'number' && Number.isInteger(v.choice) && v.choice >= 0 && v.choice < 100 && typeof v.correct === 'boolean' && k.includes('#')) {
      progress.predictions[k] = { choice: v.choice, correct: v.correct };
    } else warnings.push(`\`predictions\`: \`${k}\` has no valid answer; ignored`);
  }
  for (const [k, v] of entries(data.drafts, 'drafts', warnings)) {
    if (typeof v === 'string' && !k.includes('#')) progress.drafts[k] = v.slice(0, PROGRESS_LIMITS.maxDraftLength);
    else warnings.push(`\`drafts\`: \`${k}\` is not a text; ignored`);
  }
  return { ok: true, progress, warnings };
}

/** Drop entries of exercises that no longer exist (after lessons were renamed or removed). */
export function pruneProgress(state: ProgressState, exerciseKeys: ReadonlySet<string>): ProgressState {
  const keep = <T>(rec: Record<string, T>, key: (k: string) => string): Record<string, T> =>
    Object.fromEntries(Object.entries(rec).filter(([k]) => exerciseKeys.has(key(k))));
  return {
    version: PROGRESS_VERSION,
    solved: keep(state.solved, (k) => k),
    predictions: keep(state.predictions, (k) => k.split('#')[0] ?? ''),
    drafts: keep(state.drafts, (k) => k),
  };
}
