/**
 * Opening the exercise builder from anywhere in the Lesson tab (its "Build an exercise" button,
 * a lesson exercise's "Start from exercise N", or "Edit in the builder" in the teacher's view).
 * The builder's code (its dialog and its draft) loads with `import()` the first time it opens;
 * when it did not arrive, opening it again tries again.
 *
 * An exercise brought into a builder that holds another draft is only offered (`offer`): the
 * builder shows the draft and asks whether to replace it, so a draft is never lost unasked.
 */
import type { SharedExercise } from '../../lessons/exercise-link.ts';
import type { LessonLang } from '../../lessons/lesson-model.ts';
import { pageStorage } from '../state/page-storage.ts';
import { loadChunk } from '../chunks/load-chunk.ts';
import type { ExerciseDraft } from './builder.svelte.ts';

/** localStorage key of the builder's draft (builder.svelte.ts keeps it there). */
export const BUILDER_KEY = 'mqttlab.builder';

class TeacherTools {
  /** The builder's draft once loaded; the dialog shows while `open`. */
  draft = $state.raw<ExerciseDraft | null>(null);
  /** The builder's dialog once its code arrived. */
  view = $state.raw<typeof import('./ExerciseBuilder.svelte').default | null>(null);
  open = $state(false);
  /**
   * The builder's code did not arrive (after `loadChunk`'s retries): TeacherTools says so, and
   * the next `openBuilder` (a click on the button again) tries anew.
   */
  failed = $state(false);
  /** An exercise waiting to replace a different draft (the builder asks), with the title to name it by. */
  offer = $state.raw<{ exercise: SharedExercise; title: string } | null>(null);

  /** Show the builder (its code and draft load the first time); with `exercise`, put it in (or offer it, when a different draft is there). */
  async openBuilder(lang: LessonLang, exercise?: SharedExercise): Promise<void> {
    if (!this.draft || !this.view) {
      let parts: [typeof import('./builder.svelte.ts'), typeof import('./ExerciseBuilder.svelte')];
      try {
        parts = await Promise.all([loadChunk(() => import('./builder.svelte.ts')), loadChunk(() => import('./ExerciseBuilder.svelte'))]);
      } catch {
        this.failed = true;
        return;
      }
      this.failed = false;
      this.view = parts[1].default;
      this.draft ??= new parts[0].ExerciseDraft(pageStorage(), lang);
    }
    const draft = this.draft;
    this.offer = null;
    if (exercise) {
      if (draft.isEmpty() || draft.holds(exercise)) draft.load(exercise);
      else this.offer = { exercise, title: exercise.title[lang] ?? exercise.title.de ?? exercise.title.en ?? '' };
    }
    this.open = true;
  }

  /** The builder's answer to the offer: replace the draft with it, or keep the draft. */
  answerOffer(replace: boolean): void {
    if (replace && this.offer) this.draft?.load(this.offer.exercise);
    this.offer = null;
  }
}

/** The page's one builder launcher. */
export const teacherTools = new TeacherTools();
