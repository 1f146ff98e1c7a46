/** What every view of an exercise's text takes (the card in the lesson, the task above the editor). */
import type { Exercise, LessonLang } from '../../lessons/lesson-model.ts';
import type { SpecVersion } from '../../lessons/links.ts';
import type { LessonsState } from '../state/lessons.svelte.ts';

export interface ExerciseTextProps {
  exercise: Exercise;
  lang: LessonLang;
  lessons: LessonsState;
  /** The spec that plain `spec:` links open (the lesson's). */
  specVersion?: SpecVersion;
}
