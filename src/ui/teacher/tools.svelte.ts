/**
 * Opening the exercise builder from anywhere in the Lesson tab (its "Build an exercise" button,
 * or "Edit in the builder" in the teacher's view). The builder's code and its draft load with
 * `import()` the first time it opens.
 */
import type { SharedExercise } from '../../lessons/exercise-link.ts';
import type { LessonLang } from '../../lessons/lesson-model.ts';
import { pageStorage } from '../state/page-storage.ts';
import type { ExerciseDraft } from './builder.svelte.ts';

class TeacherTools {
  /** The builder's draft once loaded; the dialog shows while `open`. */
  draft = $state.raw<ExerciseDraft | null>(null);
  open = $state(false);

  /** Show the builder (with `exercise` in it, when given). */
  async openBuilder(lang: LessonLang, exercise?: SharedExercise): Promise<void> {
    if (!this.draft) {
      const { ExerciseDraft } = await import('./builder.svelte.ts');
      this.draft = new ExerciseDraft(pageStorage(), lang);
    }
    if (exercise) this.draft.load(exercise);
    this.open = true;
  }
}

/** The page's one builder launcher. */
export const teacherTools = new TeacherTools();
