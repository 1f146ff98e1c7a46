/**
 * The lessons as the Lesson tab shows them: the catalogue (loaded lazily: the lesson files are
 * their own chunks, and the checker is most of the scenario kernel), which lesson is open, and
 * the learner's progress, kept in localStorage under `PROGRESS_KEY` and exportable/importable as
 * a JSON file (progress.ts does the reading and writing; corrupt files change nothing).
 */
import type { CheckOptions, ExerciseCheck } from '../../lessons/check.ts';
import type { Exercise, GlossaryEntry, Lesson, LessonCatalogue, LessonLang, PredictQuestion } from '../../lessons/lesson-model.ts';
import {
  deserializeProgress,
  emptyProgress,
  isSolved,
  lessonProgress,
  linkedExerciseKey,
  markSolved,
  mergeProgress,
  predictionKey,
  recordCompletion,
  recordPrediction,
  serializeProgress,
  type PredictionEntry,
  type ProgressState,
} from '../../lessons/progress.ts';
import { pageStorage } from './page-storage.ts';
import { loadChunk } from '../chunks/load-chunk.ts';

/** localStorage key of the progress. */
export const PROGRESS_KEY = 'mqttlab.progress';
/**
 * localStorage key of the started exercise's key (its exercise bar comes back after a reload):
 * a shipped lesson's exercise (`01-why-mqtt/1-first-message`) or one from a link (`x/<digest>`).
 */
export const ACTIVE_KEY = 'mqttlab.lessons.active';
/**
 * Where a linked exercise's digest was kept before `ACTIVE_KEY` covered linked exercises too.
 * Read once (when `ACTIVE_KEY` is empty), moved to `ACTIVE_KEY` and removed.
 */
export const LEGACY_LINKED_STARTED_KEY = 'mqttlab.linked.started';

export type LessonStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** What the state needs from `src/lessons` at run time (loaded with `import()`). */
export interface LessonRuntime {
  catalogue: LessonCatalogue;
  checkExercise(exercise: Exercise, text: string, options?: CheckOptions): ExerciseCheck;
  runPredictCheck(exercise: Exercise, question: PredictQuestion, options?: CheckOptions): ExerciseCheck;
}

/** Load the catalogue and the checker (separate chunks, each tried again when it fails to arrive). */
export async function loadLessonRuntime(): Promise<LessonRuntime> {
  const [lessons, files] = await Promise.all([loadChunk(() => import('../../lessons/index.ts')), loadChunk(() => import('./lesson-files.ts'))]);
  const loaders = Object.fromEntries(Object.entries(files.lessonFileLoaders).map(([name, load]) => [name, () => loadChunk(load)]));
  const catalogue = await lessons.loadCatalogueAsync(loaders);
  return { catalogue, checkExercise: lessons.checkExercise, runPredictCheck: lessons.runPredictCheck };
}

/**
 * The started exercise's key: `ACTIVE_KEY`, or else (once, for a learner who started a linked
 * exercise before the two keys became one) the old key's digest, moved over to `ACTIVE_KEY`.
 */
function readStartedKey(storage: LessonStorage | null): string | null {
  const active = storage?.getItem(ACTIVE_KEY) ?? null;
  const legacy = storage?.getItem(LEGACY_LINKED_STARTED_KEY) ?? null;
  if (legacy === null) return active;
  storage?.removeItem(LEGACY_LINKED_STARTED_KEY);
  if (active !== null || legacy === '') return active;
  const key = linkedExerciseKey(legacy);
  storage?.setItem(ACTIVE_KEY, key);
  return key;
}

/** The current time as an ISO string (when an exercise was solved). */
function isoNow(): string {
  return new Date().toISOString();
}

/** The lesson language for a UI locale. */
export function lessonLang(locale: string | null | undefined): LessonLang {
  return locale?.startsWith('de') ? 'de' : 'en';
}

export class LessonsState {
  runtime = $state.raw<LessonRuntime | null>(null);
  loadError = $state<string | null>(null);
  progress = $state.raw<ProgressState>(emptyProgress());
  /** The open lesson's id, or null for the list. */
  openId = $state<string | null>(null);
  /** The last import's problem (English and German), or null. */
  importError = $state.raw<{ en: string; de: string } | null>(null);
  /** Set after a successful import. */
  imported = $state(false);
  /** The exercise the learner started ("Start exercise") and works on in the editor, or null. */
  active = $state.raw<Exercise | null>(null);
  /** The last check of each exercise this page load, by exercise key. */
  results = $state.raw<Readonly<Record<string, ExerciseCheck>>>({});
  /** The text of each exercise's last passing check this page load (a linked exercise's completion code is made from it). */
  solvedTexts = $state.raw<Readonly<Record<string, string>>>({});
  /** The key of the exercise whose Check waits for the checker chunk to load, or null. */
  checking = $state<string | null>(null);
  #storage: LessonStorage | null;
  #loading: Promise<void> | null = null;
  /** The key of the started exercise (`ACTIVE_KEY`): read at load, kept as exercises start and stop. */
  #startedKey = $state<string | null>(null);

  readonly catalogue = $derived(this.runtime?.catalogue ?? null);
  readonly lesson = $derived.by((): Lesson | null => this.catalogue?.lessons.find((l) => l.id === this.openId) ?? null);

  constructor(storage: LessonStorage | null) {
    this.#storage = storage;
    try {
      const raw = storage?.getItem(PROGRESS_KEY);
      if (raw) {
        const read = deserializeProgress(raw);
        if (read.ok) this.progress = read.progress;
      }
      this.#startedKey = readStartedKey(storage);
    } catch {
      // storage blocked: start empty
    }
  }

  /** Load the catalogue and the checker once (callers while it loads share the same load). */
  load(loader: () => Promise<LessonRuntime> = loadLessonRuntime): Promise<void> {
    if (this.runtime) return Promise.resolve();
    this.#loading ??= (async () => {
      try {
        this.runtime = await loader();
        this.loadError = null;
        this.#resume();
      } catch (error) {
        this.loadError = String(error);
      } finally {
        this.#loading = null;
      }
    })();
    return this.#loading;
  }

  /**
   * After a reload: the exercise the learner had started (a shipped lesson's) is active again,
   * so its exercise bar is back beside their text. An exercise from a link is resumed by its
   * panel (`resumeIfStarted`), which has it once the link is decoded.
   */
  #resume(): void {
    const key = this.#startedKey;
    if (!key || this.active) return;
    const exercise = this.catalogue?.lessons.flatMap((l) => l.exercises).find((e) => e.key === key);
    if (exercise) this.active = exercise;
  }

  /** An exercise was started before the page loaded. */
  get startedBefore(): boolean {
    return this.#startedKey !== null;
  }

  /** Whether `exercise` is the started one (before a reload, or since: `startExercise`). */
  wasStarted(exercise: Exercise): boolean {
    return this.#startedKey === exercise.key;
  }

  /** Make `exercise` active again if it was the started one before the reload and nothing else is. */
  resumeIfStarted(exercise: Exercise): void {
    if (!this.active && this.wasStarted(exercise)) this.active = exercise;
  }

  #persistActive(key: string | null): void {
    this.#startedKey = key;
    try {
      if (key) this.#storage?.setItem(ACTIVE_KEY, key);
      else this.#storage?.removeItem(ACTIVE_KEY);
    } catch {
      // storage blocked: the exercise bar lasts until the page closes
    }
  }

  open(id: string | null): void {
    this.openId = id;
  }

  glossary(id: string): GlossaryEntry | undefined {
    return this.catalogue?.glossary.find((g) => g.id === id);
  }

  lessonProgress(lesson: Lesson): { solved: number; total: number; done: boolean } {
    return lessonProgress(this.progress, lesson);
  }

  isSolved(exercise: Exercise): boolean {
    return isSolved(this.progress, exercise.key);
  }

  prediction(exercise: Exercise, index: number): PredictionEntry | undefined {
    return this.progress.predictions[predictionKey(exercise.key, index)];
  }

  /** Work on `exercise` now: the exercise bar beside the editor checks it. Forgets its last check. */
  startExercise(exercise: Exercise): void {
    this.active = exercise;
    this.#setResult(exercise, null);
    this.#persistActive(exercise.key);
  }

  /** Close the exercise bar (the progress stays; after a reload it stays closed). */
  stopExercise(): void {
    this.active = null;
    this.#persistActive(null);
  }

  /** The last check of `exercise`, or null. */
  result(exercise: Exercise): ExerciseCheck | null {
    return this.results[exercise.key] ?? null;
  }

  /** Check a text against the exercise; a pass marks it solved. The result is kept (`result`). */
  check(exercise: Exercise, text: string, at = isoNow()): ExerciseCheck | null {
    const runtime = this.runtime;
    if (!runtime) return null;
    const result = runtime.checkExercise(exercise, text);
    if (result.solved) {
      this.#set(markSolved(this.progress, exercise.key, at));
      this.solvedTexts = { ...this.solvedTexts, [exercise.key]: text };
    }
    this.#setResult(exercise, result);
    return result;
  }

  /**
   * `check`, also before the checker chunk has loaded: then `checking` names the exercise
   * (the bar and the card say "Checking…") until the chunk is there and the text is checked.
   * Null only when the chunk cannot load (`loadError`).
   */
  async checkWhenReady(exercise: Exercise, text: string, loader?: () => Promise<LessonRuntime>): Promise<ExerciseCheck | null> {
    if (!this.runtime) {
      this.checking = exercise.key;
      try {
        await this.load(loader);
      } finally {
        if (this.checking === exercise.key) this.checking = null;
      }
    }
    return this.check(exercise, text);
  }

  /** The text that last passed the check of `exercise` this page load. */
  solvedText(exercise: Exercise): string | undefined {
    return this.solvedTexts[exercise.key];
  }

  /** Keep the learner's name and completion code with a solved exercise from a link (it goes into the progress file). */
  recordCompletion(exercise: Exercise, name: string, code: string): void {
    this.#set(recordCompletion(this.progress, exercise.key, name, code));
  }

  #setResult(exercise: Exercise, result: ExerciseCheck | null): void {
    const { [exercise.key]: _old, ...others } = this.results;
    this.results = result ? { ...others, [exercise.key]: result } : others;
  }

  predict(exercise: Exercise, index: number, choice: number): void {
    const question = exercise.predict[index];
    if (!question) return;
    this.#set(recordPrediction(this.progress, exercise.key, index, choice, choice === question.answer));
  }

  /** The simulation's confirmation of a predict question's answer. */
  confirm(exercise: Exercise, index: number): ExerciseCheck | null {
    const question = exercise.predict[index];
    if (!question || !this.runtime) return null;
    return this.runtime.runPredictCheck(exercise, question);
  }

  /** The progress as a file. */
  exportFile(): { name: string; text: string } {
    return { name: 'mqtt-lab-progress.json', text: serializeProgress(this.progress) };
  }

  /** Read a progress file and add it to this browser's progress; a corrupt one changes nothing and sets `importError`. */
  importText(text: unknown): boolean {
    const read = deserializeProgress(text);
    if (!read.ok) {
      this.importError = { en: read.error, de: read.errorDe };
      this.imported = false;
      return false;
    }
    this.importError = null;
    this.imported = true;
    this.#set(mergeProgress(this.progress, read.progress));
    return true;
  }

  #set(progress: ProgressState): void {
    this.progress = progress;
    try {
      this.#storage?.setItem(PROGRESS_KEY, serializeProgress(progress));
    } catch {
      // storage full or blocked: progress lives until the page closes
    }
  }
}

let shared: LessonsState | null = null;

/**
 * The page's one LessonsState (progress in localStorage), shared by the Lesson tab and the
 * exercise bar beside the editor.
 */
export function sharedLessons(): LessonsState {
  if (!shared) {
    shared = new LessonsState(pageStorage());
    // An exercise was started before a reload: load the checker now, so its exercise bar is back
    // beside the editor without a visit to the Lesson tab.
    if (shared.startedBefore) void shared.load();
  }
  return shared;
}
