/**
 * Opening the exercise builder from anywhere in the Lesson tab (its "Build an exercise" button,
 * or "Edit in the builder" in the teacher's view). The builder's code and its draft load with
 * `import()` the first time it opens.
 */
import type { SharedExercise } from '../../lessons/exercise-link.ts';
import type { LessonLang } from '../../lessons/lesson-model.ts';
import { pageStorage } from '../state/page-storage.ts';
import type { ExerciseDraft } from './builder.svelte.ts';

/** localStorage key of the builder's draft (builder.svelte.ts keeps it there). */
export const BUILDER_KEY = 'mqttlab.builder';

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

  /** True when the builder holds a draft with something written in it (loading another exercise would replace it). */
  hasDraft(): boolean {
    if (this.draft) return [this.draft.start, this.draft.goal, this.draft.solution, ...Object.values(this.draft.title), ...Object.values(this.draft.task)].some((t) => t.trim() !== '');
    try {
      const data: unknown = JSON.parse(pageStorage()?.getItem(BUILDER_KEY) ?? 'null');
      if (!data || typeof data !== 'object') return false;
      const d = data as Record<string, unknown>;
      const texts = [d.start, d.goal, d.solution, ...[d.title, d.task].flatMap((v) => (v && typeof v === 'object' ? Object.values(v) : []))];
      return texts.some((t) => typeof t === 'string' && t.trim() !== '');
    } catch {
      return false;
    }
  }
}

/** The page's one builder launcher. */
export const teacherTools = new TeacherTools();
