/**
 * Lessons: the content in `lessons/` as a catalogue (both languages, exercises, predict
 * questions, glossary), checking a learner's scenario against an exercise's goal, and progress
 * as pure, serializable state. See lessons/README.md for how a teacher adds a lesson.
 */
export { parseFrontMatter, type FrontMatter } from './front-matter.ts';
export * from './lesson-model.ts';
export { loadCatalogue, loadCatalogueAsync, lessonPath, parseExerciseText, parsePredict, parseGlossary, HINT_HEADINGS } from './load.ts';
export { analyzeMarkdown, checkLink, checkLinks, linkProblem, specUrl, specVersionOf, SPEC_DOCUMENTS, SPEC_VERSIONS, SPEC_ID, LESSON_ID, EXERCISE_ID, GLOSSARY_ID, type Heading, type Link, type LinkKind, type CodeBlock, type MarkdownOutline, type LinkTargets, type SpecVersion } from './links.ts';
export { structureProblems, linkTargets } from './structure.ts';
export { checkExercise, checkAgainstGoal, checkPredictAnswer, exerciseEnd, lockedLines, lockProblems, runPredictCheck, type CheckOptions, type ExerciseCheck, type LockProblem, type PredictAnswer } from './check.ts';
export * from './progress.ts';
export { checkLessonFolder, exerciseProblems, verifyExercise, formatProblem } from './lesson-check.ts';
export { LESSON_PROBLEM_TEXTS, problemText, problemMessage, type LessonProblemId, type ProblemParam, type ProblemParams } from './problem-texts.ts';
export { teacherNotes, learningGoals, solutionDiff } from './teacher-notes.ts';
