/**
 * What the lesson loader, the front matter parser, the structure checks and the link checks find
 * wrong with a lesson folder, as data: a problem id and its values (`{ id: 'front-matter.missing',
 * params: { key: 'title' } }`), in English and German from one table (as the codec's details,
 * src/core/codec/error-details.ts and src/core/mqtt/codec-error-texts.ts). A problem keeps its
 * English sentence in `message` (what `npm run lesson:check` prints, and what tests and the
 * teacher's tools read); `problemMessage` says it in either language from the id and values,
 * never by reading the English sentence back.
 *
 * `{name}` is a value. A value is a number, a string that reads the same in both languages (a
 * key, a path, a file's own text), or `{ en, de }` where the languages differ (a scenario
 * diagnostic, the word for a list's entries).
 */
import type { LoadProblem } from './lesson-model.ts';

type Texts = { readonly en: string; readonly de: string };

export const LESSON_PROBLEM_TEXTS = {
  // The front matter parser (front-matter.ts).
  'front-matter.none': { en: 'no front matter: the file must start with a `---` line', de: 'kein Front Matter: Die Datei muss mit einer `---`-Zeile beginnen' },
  'front-matter.unclosed': { en: 'the front matter has no closing `---` line', de: 'dem Front Matter fehlt die schließende `---`-Zeile' },
  'front-matter.not-key-value': { en: 'not a `key: value` line: {text}', de: 'keine `Schlüssel: Wert`-Zeile: {text}' },
  'front-matter.duplicate-key': { en: 'duplicate key `{key}`', de: 'Schlüssel `{key}` kommt doppelt vor' },
  // The front matter's values (load.ts).
  'front-matter.missing': { en: 'front matter: `{key}` is missing', de: 'Front Matter: `{key}` fehlt' },
  'front-matter.whole-number': { en: 'front matter: `{key}` must be a whole number ≥ 1, not `{value}`', de: 'Front Matter: `{key}` muss eine ganze Zahl ≥ 1 sein, nicht `{value}`' },
  'front-matter.id-folder': { en: 'front matter: `id` is `{id}` but the folder is `{folder}` (they must be equal)', de: 'Front Matter: `id` ist `{id}`, der Ordner aber `{folder}` (beide müssen gleich sein)' },
  'front-matter.level': { en: 'front matter: `level` must be one of {levels}, not `{value}`', de: 'Front Matter: `level` muss eins von {levels} sein, nicht `{value}`' },
  'front-matter.order-folder': { en: 'front matter: `order` is {order} but the folder starts with {prefix}', de: 'Front Matter: `order` ist {order}, der Ordnername beginnt aber mit {prefix}' },
  'front-matter.spec': { en: 'front matter: `spec` must be one of {versions}, not `{value}`', de: 'Front Matter: `spec` muss eins von {versions} sein, nicht `{value}`' },
  'front-matter.unknown-key': { en: 'front matter: unknown key `{key}`', de: 'Front Matter: unbekannter Schlüssel `{key}`' },
  // An exercise text's hints (load.ts).
  'hints.none': { en: 'no `## {heading}` section (German: `## {headingDe}`)', de: 'kein Abschnitt `## {heading}` (auf Deutsch: `## {headingDe}`)' },
  'hints.outside-list': { en: 'text in `## Hints` outside the ordered list', de: 'Text unter der Tipp-Überschrift außerhalb der nummerierten Liste' },
  'hints.too-few': { en: 'the hint ladder needs at least 2 hints (a nudge, then a stronger hint), found {count}', de: 'die Tipp-Leiter braucht mindestens 2 Tipps (erst ein Anstoß, dann ein deutlicherer Tipp), gefunden: {count}' },
  // predict.json and glossary.json (load.ts).
  'json.invalid': { en: 'not valid JSON: {error}', de: 'kein gültiges JSON: {error}' },
  'json.not-array': { en: 'must be a JSON array of {what}', de: 'muss ein JSON-Array aus {what} sein' },
  'predict.not-object': { en: 'question {question} is not an object', de: 'Frage {question} ist kein Objekt' },
  'predict.question': { en: 'question {question}: `question` needs non-empty `en` and `de`', de: 'Frage {question}: `question` braucht nicht leere `en` und `de`' },
  'predict.choices': { en: 'question {question}: `choices` needs at least 2 entries', de: 'Frage {question}: `choices` braucht mindestens 2 Einträge' },
  'predict.choice-texts': { en: 'question {question}, choice {choice}: needs non-empty `en` and `de`', de: 'Frage {question}, Antwort {choice}: braucht nicht leere `en` und `de`' },
  'predict.choice-check': { en: 'question {question}, choice {choice}: `check` must be a string', de: 'Frage {question}, Antwort {choice}: `check` muss ein String sein' },
  'predict.answer': { en: 'question {question}: `answer` must be a choice index from 0 to {max}', de: 'Frage {question}: `answer` muss die Nummer einer Antwort von 0 bis {max} sein' },
  'predict.check': { en: 'question {question}: `check` must hold expect line(s)', de: 'Frage {question}: `check` muss expect-Zeile(n) enthalten' },
  'glossary.id': { en: 'entry {entry}: `id` must be kebab-case', de: 'Eintrag {entry}: `id` muss kebab-case sein' },
  'glossary.texts': { en: '{id}: `{lang}` needs a non-empty `term` and `definition`', de: '{id}: `{lang}` braucht nicht leere `term` und `definition`' },
  'glossary.synonyms': { en: '{id}: `{lang}.synonyms` must be a list of non-empty strings', de: '{id}: `{lang}.synonyms` muss eine Liste nicht leerer Strings sein' },
  'glossary.duplicate': { en: '{id}: duplicate id', de: '{id}: die id kommt doppelt vor' },
  // Files and folders (load.ts).
  'file.unexpected': { en: 'unexpected file (see lessons/README.md for the layout)', de: 'unerwartete Datei (der Aufbau steht in lessons/README.md)' },
  'file.missing': { en: 'missing', de: 'fehlt' },
  'file.not-text': { en: 'did not load as text', de: 'wurde nicht als Text geladen' },
  'file.load-failed': { en: 'could not be loaded: {error}', de: 'konnte nicht geladen werden: {error}' },
  'folder.lesson-name': { en: 'a lesson folder is named NN-slug (two digits, then kebab-case)', de: 'ein Lektionsordner heißt NN-slug (zwei Ziffern, dann kebab-case)' },
  'folder.exercise-name': { en: 'an exercise folder is named K-slug (a number, then kebab-case)', de: 'ein Aufgabenordner heißt K-slug (eine Zahl, dann kebab-case)' },
  'folder.no-lesson': { en: 'no such lesson (a folder NN-slug with lesson.en.md and lesson.de.md)', de: 'keine solche Lektion (ein Ordner NN-slug mit lesson.en.md und lesson.de.md)' },
  // Both languages side by side, and the catalogue as a whole (structure.ts).
  'chapter.comes-back': { en: 'chapter "{chapter}" comes back after another chapter: keep a chapter\'s lessons together, or name it differently', de: 'Kapitel „{chapter}“ kommt nach einem anderen Kapitel wieder: Halte die Lektionen eines Kapitels zusammen oder benenne es anders' },
  'order.duplicate': { en: 'order {order} is used by {other} too', de: 'order {order} hat auch {other}' },
  'front-matter.differs': { en: 'front matter `{key}` differs: en {en} vs de {de}', de: 'Front Matter `{key}` unterscheidet sich: en {en}, de {de}' },
  'outline.headings': { en: 'headings differ: en [{en}] vs de [{de}]', de: 'die Überschriften unterscheiden sich: en [{en}], de [{de}]' },
  'outline.links': { en: 'link targets differ: en [{en}] vs de [{de}]', de: 'die Linkziele unterscheiden sich: en [{en}], de [{de}]' },
  'outline.blocks': { en: 'code blocks differ: en [{en}] vs de [{de}]', de: 'die Codeblöcke unterscheiden sich: en [{en}], de [{de}]' },
  'mqtts.block': { en: 'mqtts block: {message}', de: 'mqtts-Block: {message}' },
  'hints.counts-differ': { en: 'hint counts differ: en {en} vs de {de}', de: 'die Zahl der Tipps unterscheidet sich: en {en}, de {de}' },
  'hints.heading': { en: 'the hints heading in {language} is `## {want}`, not `## {got}`', de: 'die Tipp-Überschrift {language} ist `## {want}`, nicht `## {got}`' },
  'exercise.unlisted': { en: 'exercise {id} is not listed: link it under the exercises heading, e.g. `[{title}](lesson:{key})`', de: 'Aufgabe {id} ist nicht aufgeführt: Verlinke sie unter der Aufgaben-Überschrift, z. B. `[{title}](lesson:{key})`' },
  // Links (links.ts).
  'link.glossary': { en: 'glossary term `{target}` is not in lessons/glossary.json', de: 'der Glossarbegriff `{target}` steht nicht in lessons/glossary.json' },
  'link.spec': { en: '`{target}` is not a conformance statement ID like MQTT-3.1.2-8', de: '`{target}` ist keine Conformance-Statement-ID wie MQTT-3.1.2-8' },
  'link.lesson': { en: 'lesson `{lesson}` does not exist', de: 'die Lektion `{lesson}` gibt es nicht' },
  'link.parts': { en: '`lesson:{target}` has too many parts (lesson:ID or lesson:ID/EXERCISE)', de: '`lesson:{target}` hat zu viele Teile (lesson:ID oder lesson:ID/AUFGABE)' },
  'link.exercise': { en: 'lesson `{lesson}` has no exercise `{exercise}`', de: 'die Lektion `{lesson}` hat keine Aufgabe `{exercise}`' },
  'link.unknown': { en: 'unknown link `{href}`: use glossary:, spec: (spec5:, spec311:), lesson: or an https:// address', de: 'unbekannter Link `{href}`: Nimm glossary:, spec: (spec5:, spec311:), lesson: oder eine https://-Adresse' },
  // An exercise and its runs (check.ts, lesson-check.ts). The locked line in the words of the UI's `lessons.lockedLine`.
  'exercise.locked-line': { en: 'Line {line} of the exercise must stay as it is: {text}', de: 'Zeile {line} der Aufgabe muss so bleiben: {text}' },
  'goal.no-expect': { en: 'no expect lines: the goal says what "solved" means', de: 'keine expect-Zeilen: Die Ziele sagen, was „gelöst“ heißt' },
  'goal.only-expect': { en: 'only expect lines belong here, not `{text}`', de: 'hierher gehören nur expect-Zeilen, nicht `{text}`' },
  'scenario.has-expect': { en: 'expect lines belong in goal.mqtts', de: 'expect-Zeilen gehören in goal.mqtts' },
  'goal.fails': { en: 'fails with {file}: {message}', de: 'scheitert mit {file}: {message}' },
  'goal.unchecked': { en: 'no expectation was checked', de: 'kein Ziel wurde geprüft' },
  'start.solved': { en: 'already reaches the goal: the learner would have nothing to do (at least one expectation must fail)', de: 'erreicht die Ziele schon: Es bliebe nichts zu tun (mindestens ein Ziel muss verfehlt werden)' },
  'run.step-limit': { en: 'the run hit the step limit', de: 'der Lauf hat die Schrittgrenze erreicht' },
  'solution.locked': { en: 'changes a locked line of the start. {message}', de: 'ändert eine gesperrte Zeile des Starts. {message}' },
  'predict-run.syntax': { en: 'question {question}{which}: its check has errors (check line {line}, column {error})', de: 'Frage {question}{which}: ihre Prüfung hat Fehler (Zeile {line} der Prüfung, Spalte {error})' },
  'predict-run.fails': { en: 'question {question}: its check fails on the solution, so the answer is not what the simulation does: {failed}', de: 'Frage {question}: ihre Prüfung scheitert mit der Lösung, die Antwort ist also nicht, was die Simulation tut: {failed}' },
  'predict-run.answer-fails': { en: 'question {question}, choice {choice} (the answer): its check fails on the solution: {failed}', de: 'Frage {question}, Antwort {choice} (die richtige): ihre Prüfung scheitert mit der Lösung: {failed}' },
  'predict-run.wrong-passes': { en: 'question {question}, choice {choice} (a wrong choice): its check passes on the solution, so this choice is right too', de: 'Frage {question}, Antwort {choice} (eine falsche): ihre Prüfung gelingt mit der Lösung, also ist diese Antwort auch richtig' },
  'cheat.solves': { en: 'reaches the goal: the wrong answer it shows is accepted (close the loophole in goal.mqtts)', de: 'erreicht die Ziele: Die falsche Antwort, die sie zeigt, wird angenommen (schließe die Lücke in goal.mqtts)' },
  'minutes.per-exercise': { en: '`minutes: {minutes}` is less than 5 per exercise ({exercises} exercises): update it', de: '`minutes: {minutes}` ist weniger als 5 je Aufgabe ({exercises} Aufgaben): bitte anpassen' },
  'minutes.estimate': { en: '`minutes: {minutes}` is less than a realistic {estimate} ({words} words to read at {perMinute} a minute, {tryIts} try-it(s) at {perTryIt}, {exercises} exercise(s) at {perExercise}): update it', de: '`minutes: {minutes}` ist weniger als realistische {estimate} ({words} Wörter zu lesen bei {perMinute} je Minute, {tryIts} Ausprobier-Block/-Blöcke zu je {perTryIt}, {exercises} Aufgabe(n) zu je {perExercise}): bitte anpassen' },
} as const satisfies Readonly<Record<string, Texts>>;

export type LessonProblemId = keyof typeof LESSON_PROBLEM_TEXTS;

/** A problem's value: the same in both languages, or one for each. */
export type ProblemParam = string | number | Texts;
export type ProblemParams = Readonly<Record<string, ProblemParam>>;

/** The sentence of problem `id` in `lang` with its values filled in. */
export function problemText(id: LessonProblemId, params: ProblemParams = {}, lang: 'en' | 'de' = 'en'): string {
  return LESSON_PROBLEM_TEXTS[id][lang].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    if (v === undefined) return whole;
    return typeof v === 'object' ? v[lang] : String(v);
  });
}

/** A problem at `path` (and `line`, when known) by id and values, with its English sentence as `message`. */
export function keyedProblem(path: string, id: LessonProblemId, params: ProblemParams = {}, line?: number): LoadProblem {
  return { path, ...(line !== undefined ? { line } : {}), message: problemText(id, params, 'en'), id, params };
}

/** A problem's sentence in `lang`: from its id and values where it has them, else its German text where one is written. */
export function problemMessage(p: LoadProblem, lang: 'en' | 'de'): string {
  if (lang === 'en') return p.message;
  if (p.id !== undefined) return problemText(p.id, p.params, 'de');
  return p.messageDe ?? p.message;
}
