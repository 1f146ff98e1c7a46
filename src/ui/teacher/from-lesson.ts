/**
 * A shipped lesson exercise as the start of a teacher's own one: the builder gets its texts in
 * both languages, its start, goals, solution, cheats and predict-then-run questions, to change
 * and share as a link (lessons/README.md, "Two ways to add an exercise").
 */
import type { SharedExercise } from '../../lessons/exercise-link.ts';
import type { Exercise } from '../../lessons/lesson-model.ts';

export function exerciseToShared(x: Exercise): SharedExercise {
  return {
    title: { en: x.text.en.title, de: x.text.de.title },
    task: { en: x.text.en.task, de: x.text.de.task },
    start: x.start,
    goal: x.goal,
    ...(x.solution.trim() !== '' ? { solution: x.solution } : {}),
    hints: { en: [...x.text.en.hints], de: [...x.text.de.hints] },
    cheats: x.cheats.map((c) => c.text),
    ...(x.predict.length > 0
      ? { predict: x.predict.map((q) => ({ question: { en: q.question.en, de: q.question.de }, choices: q.choices.map((c) => ({ en: c.en, de: c.de })), answer: q.answer, check: q.check })) }
      : {}),
  };
}
