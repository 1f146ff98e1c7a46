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

/** localStorage key of the progress. */
export const PROGRESS_KEY = 'mqttlab.progress';

export type LessonStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** What the state needs from `src/lessons` at run time (loaded with `import()`). */
export interface LessonRuntime {
  catalogue: LessonCatalogue;
  checkExercise(exercise: Exercise, text: string, options?: CheckOptions): ExerciseCheck;
  runPredictCheck(exercise: Exercise, question: PredictQuestion, options?: CheckOptions): ExerciseCheck;
}

/** Load the catalogue and the checker (separate chunks). */
export async function loadLessonRuntime(): Promise<LessonRuntime> {
  const [lessons, files] = await Promise.all([import('../../lessons/index.ts'), import('./lesson-files.ts')]);
  const catalogue = await lessons.loadCatalogueAsync(files.lessonFileLoaders);
  return { catalogue, checkExercise: lessons.checkExercise, runPredictCheck: lessons.runPredictCheck };
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
  #storage: LessonStorage | null;

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
    } catch {
      // storage blocked: start empty
    }
  }

  async load(loader: () => Promise<LessonRuntime> = loadLessonRuntime): Promise<void> {
    if (this.runtime) return;
    try {
      this.runtime = await loader();
    } catch (error) {
      this.loadError = String(error);
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
  }

  /** Close the exercise bar (the progress stays). */
  stopExercise(): void {
    this.active = null;
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
  }
  return shared;
}
