/**
 * `npm run scenario -- FILE|FOLDER... [--seed N] [--json] [--all] [--lang de] [--pcap OUT.pcapng]`
 *
 * Runs each scenario headless to its end, prints the trace (one line a packet arrival, loss,
 * delivery to an application, command, timer and explained decision; `--all` adds sends and
 * state changes) and each expectation as PASS or FAIL (`--lang de`: ERFÜLLT or NICHT ERFÜLLT, and the
 * trace's words, reason-code names and states in German). A folder runs every `*.mqtts` in it.
 *
 * Exit code: 0 when every expectation passed, 1 when one failed, 2 on a scenario error
 * (`FILE:LINE:COL: message` on stderr) or an unreadable file. `--json` prints the trace
 * entries as JSON lines (bytes as hex), then one `{"kind":"expectation",...}` line each.
 * `--pcap OUT.pcapng` (one scenario file) also writes the run's packets as a capture file for
 * Wireshark and tshark (src/sim/pcapng.ts).
 *
 * Exercises are checked as the app and `npm test` check them (src/lessons/check.ts): a file in an
 * exercise folder (beside its `start.mqtts` and `goal.mqtts`), or any file with
 * `--exercise DIR`, runs with the goal appended, ends where the exercise ends (the start's own
 * `at T end`, else when everything settled; the file's own `end` lines do not count), and each
 * `# locked` line of the start that the file changed or dropped is a FAIL. `--plain` runs a file
 * as written, exercise folder or not. `goal.mqtts` itself always runs as written.
 */
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dirname, relative } from 'node:path';
import { exerciseEnd, lockProblems, type LockProblem } from '../lessons/check.ts';
import { resultLines, runScenario, summaryLine, traceLines, verdictWord, type ExpectationResult, type RunResult } from '../scenario/index.ts';
import { explainText } from '../sim/explain-text.ts';
import { traceToPcapng } from '../sim/pcapng.ts';
import { formatTime } from '../sim/trace.ts';
import { readTextCapped, terminalJson, terminalText } from './cli-text.ts';
import { onClosedStdout } from './closed-pipe.ts';

/** The largest scenario file read (a 10,000-line scenario is about 500 kB). */
const MAX_SCENARIO_BYTES = 16 * 1024 * 1024;

interface Args {
  files: string[];
  seed?: number;
  json: boolean;
  all: boolean;
  lang: 'en' | 'de';
  pcap?: string;
  /** `--exercise DIR`: check every file against this exercise folder. */
  exercise?: string;
  /** `--plain`: run files as written even in an exercise folder. */
  plain: boolean;
}

const USAGE = 'usage: npm run scenario -- FILE|FOLDER... [--seed N] [--json] [--all] [--lang en|de] [--pcap OUT.pcapng] [--exercise DIR | --plain]';

function parseArgs(argv: string[]): Args | string {
  const args: Args = { files: [], json: false, all: false, lang: 'en', plain: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') args.json = true;
    else if (a === '--all') args.all = true;
    else if (a === '--seed') {
      const v = argv[++i];
      if (v === undefined || !/^\d{1,10}$/.test(v) || Number(v) > 0xffffffff) return `--seed needs a whole number from 0 to 4294967295`;
      args.seed = Number(v);
    } else if (a === '--lang') {
      const v = argv[++i];
      if (v !== 'en' && v !== 'de') return '--lang needs en or de';
      args.lang = v;
    } else if (a === '--pcap') {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) return '--pcap needs the name of the file to write, e.g. --pcap run.pcapng';
      args.pcap = v;
    } else if (a === '--exercise') {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) return '--exercise needs the exercise folder (the one with start.mqtts and goal.mqtts)';
      args.exercise = v;
    } else if (a === '--plain') args.plain = true;
    else if (a.startsWith('--')) return `unknown option ${a}\n${USAGE}`;
    else args.files.push(a);
  }
  if (args.files.length === 0) return USAGE;
  if (args.plain && args.exercise !== undefined) return `--plain and --exercise exclude each other\n${USAGE}`;
  return args;
}

/** Files to run: each file as given, each folder's `*.mqtts` (recursively, sorted). */
function collect(paths: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.mqtts')) out.push(p);
    }
  };
  for (const p of paths) {
    try {
      if (statSync(p).isDirectory()) walk(p);
      else out.push(p);
    } catch {
      out.push(p); // reported as unreadable when run
    }
  }
  return out;
}

/** JSON with bytes as hex strings. */
function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof Uint8Array ? Array.from(v, (b) => b.toString(16).padStart(2, '0')).join('') : v));
}

/** An exercise a file is checked against: its folder's start and goal, read. */
interface ExerciseFiles {
  dir: string;
  start: string;
  goal: string;
  goalPath: string;
}

/** The exercise folder `dir` (start.mqtts and goal.mqtts), or an error message. */
function readExercise(dir: string, lang: 'en' | 'de'): ExerciseFiles | string {
  const goalPath = join(dir, 'goal.mqtts');
  try {
    return { dir, start: readTextCapped(join(dir, 'start.mqtts'), MAX_SCENARIO_BYTES), goal: readTextCapped(goalPath, MAX_SCENARIO_BYTES), goalPath };
  } catch (e) {
    return CLI_TEXT[lang].notExercise(dir, (e as Error).message);
  }
}

/** The exercise `file` is checked against: `--exercise`, else its own folder's; none with `--plain` or for goal.mqtts. */
function exerciseOf(file: string, args: Args): ExerciseFiles | string | undefined {
  if (args.plain || file.endsWith('goal.mqtts')) return undefined;
  if (args.exercise !== undefined) return readExercise(args.exercise, args.lang);
  const dir = dirname(file);
  const found = readExercise(dir, args.lang);
  return typeof found === 'string' ? undefined : found;
}

/** Where a line of `text + "\n" + goal` was written: the file's own line, or the goal file's. */
function origin(file: string, ownLines: number, exercise: ExerciseFiles | undefined, line: number): { path: string; line: number } {
  return exercise && line > ownLines ? { path: exercise.goalPath, line: line - ownLines } : { path: file, line };
}

/** The CLI's own lines around a run, in the language of `--lang` (file names, times and system messages as they are). */
const CLI_TEXT = {
  en: {
    stepLimit: (file: string, at: string, end: string) => `${file}: the run hit its step limit at ${at}, before its end at ${end}`,
    checkedAs: (dir: string) => `checked as the exercise ${dir}: its goal appended, its end, its locked lines`,
    notExercise: (dir: string, why: string) => `${dir}: not an exercise folder (it needs start.mqtts and goal.mqtts): ${why}`,
    cannotRead: (file: string, why: string) => `${file}:1:1: cannot read the file: ${why}`,
    captureWritten: (pcap: string) => `capture written to ${pcap} (open it in Wireshark, or: tshark -r ${pcap})`,
    cannotWriteCapture: (pcap: string, why: string) => `${pcap}: cannot write the capture: ${why}`,
    lost: 'lost',
  },
  de: {
    stepLimit: (file: string, at: string, end: string) => `${file}: Der Lauf hat bei ${at} seine Schrittgrenze erreicht, vor seinem Ende bei ${end}`,
    checkedAs: (dir: string) => `geprüft als die Aufgabe ${dir}: ihre Ziele angehängt, ihr Ende, ihre gesperrten Zeilen`,
    notExercise: (dir: string, why: string) => `${dir}: kein Aufgabenordner (er braucht start.mqtts und goal.mqtts): ${why}`,
    cannotRead: (file: string, why: string) => `${file}:1:1: die Datei ist nicht lesbar: ${why}`,
    captureWritten: (pcap: string) => `Mitschnitt in ${pcap} geschrieben (in Wireshark öffnen, oder: tshark -r ${pcap})`,
    cannotWriteCapture: (pcap: string, why: string) => `${pcap}: der Mitschnitt ist nicht schreibbar: ${why}`,
    lost: 'verloren',
  },
} as const;

/** A diagnostic's severity before its message (an error has none): `warning: …`, in German `Warnung: …`. */
const SEVERITY = {
  en: { warning: 'warning', info: 'info' },
  de: { warning: 'Warnung', info: 'Hinweis' },
} as const;

function report(file: string, r: RunResult, args: Args, out: (s: string) => void, err: (s: string) => void, check?: { exercise: ExerciseFiles; ownLines: number; locked: LockProblem[] }): number {
  const where = (line: number) => origin(file, check?.ownLines ?? Infinity, check?.exercise, line);
  for (const d of r.diagnostics) {
    const text = args.lang === 'de' && d.messageDe ? d.messageDe : d.message;
    const at = where(d.line);
    err(`${at.path}:${at.line}:${d.column}: ${d.severity === 'error' ? '' : `${SEVERITY[args.lang][d.severity]}: `}${text}`);
  }
  if (!r.ran) return 2;
  if (args.json) {
    for (const e of r.trace) out(toJson(e));
    for (const res of r.results) {
      const at = where(res.expectation.range.line);
      out(toJson({ kind: 'expectation', ...(check ? { file: at.path } : {}), line: at.line, text: res.expectation.text, pass: res.pass, message: res.message, messageDe: res.messageDe, evidence: res.evidence }));
    }
    for (const l of check?.locked ?? []) out(toJson({ kind: 'locked', file: join(check!.exercise.dir, 'start.mqtts'), line: l.line, text: l.text, pass: false, message: l.message, messageDe: l.messageDe }));
  } else {
    for (const line of traceLines(r.trace, args.all, args.lang)) out(line);
    if (r.truncated) err(CLI_TEXT[args.lang].stepLimit(file, formatTime(r.world?.nowMs ?? 0, args.lang), formatTime(r.compiled?.endMs ?? 0, args.lang)));
    for (const line of checkLines(file, r.results, args.lang, where, check?.locked ?? [], check?.exercise)) out(line);
  }
  return r.results.some((x) => !x.pass) || (check?.locked.length ?? 0) > 0 ? 1 : 0;
}

/** resultLines, with each expectation at the file it was written in, and the locked lines that were changed. */
function checkLines(file: string, results: readonly ExpectationResult[], lang: 'en' | 'de', where: (line: number) => { path: string; line: number }, locked: readonly LockProblem[], exercise: ExerciseFiles | undefined): string[] {
  if (!exercise) return resultLines(results, file, lang);
  const lines: string[] = [];
  for (const r of results) {
    const at = where(r.expectation.range.line);
    lines.push(`${verdictWord(r.pass, lang)}  ${at.path}:${at.line}  ${r.expectation.text}`);
    lines.push(`      ${lang === 'de' ? r.messageDe : r.message}`);
  }
  for (const l of locked) {
    lines.push(`${verdictWord(false, lang)}  ${join(exercise.dir, 'start.mqtts')}:${l.line}  ${l.text}   # locked`);
    lines.push(`      ${lang === 'de' ? l.messageDe : l.message}`);
  }
  const failed = results.filter((r) => !r.pass).length + locked.length;
  const total = results.length + locked.length;
  lines.push(summaryLine(total - failed, failed, lang));
  return lines;
}

function main(): number {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE + '\n'); // asked for: on stdout, and not an error
    return 0;
  }
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(args + '\n');
    return 2;
  }
  const files = collect(args.files);
  if (files.length === 0) {
    process.stderr.write('no *.mqtts files found\n');
    return 2;
  }
  if (args.pcap !== undefined && files.length > 1) {
    process.stderr.write(`--pcap writes the capture of one scenario; ${files.length} were given\n`);
    return 2;
  }
  let exit = 0;
  // Topics, payloads and client ids come from the file: printed escaped, never driving the terminal.
  const out = (s: string): void => void process.stdout.write((args.json ? terminalJson(s) : terminalText(s)) + '\n');
  const err = (s: string): void => void process.stderr.write(terminalText(s) + '\n');
  for (const file of files) {
    let text: string;
    try {
      text = readTextCapped(file, MAX_SCENARIO_BYTES);
    } catch (e) {
      err(CLI_TEXT[args.lang].cannotRead(file, (e as Error).message));
      exit = 2;
      continue;
    }
    if (files.length > 1 && !args.json) out(`== ${file}`);
    const exercise = exerciseOf(file, args);
    if (typeof exercise === 'string') {
      err(exercise);
      exit = 2;
      continue;
    }
    const seed = args.seed !== undefined ? { seed: args.seed } : {};
    let result: RunResult;
    let code: number;
    if (exercise) {
      if (!args.json) out(CLI_TEXT[args.lang].checkedAs(relative('.', exercise.dir) || '.'));
      const ownLines = text.split('\n').length;
      result = runScenario(`${text}\n${exercise.goal}`, { ...seed, end: exerciseEnd(exercise.start) });
      code = report(file, result, args, out, err, { exercise, ownLines, locked: lockProblems(exercise.start, text) });
    } else {
      result = runScenario(text, seed);
      code = report(file, result, args, out, err);
    }
    exit = Math.max(exit, code);
    if (args.pcap !== undefined && result.ran) {
      try {
        writeFileSync(args.pcap, traceToPcapng(result.trace, { lossText: (drop) => (drop.explain ? explainText(drop.explain, args.lang) : CLI_TEXT[args.lang].lost) }));
        err(CLI_TEXT[args.lang].captureWritten(args.pcap));
      } catch (e) {
        err(CLI_TEXT[args.lang].cannotWriteCapture(args.pcap, (e as Error).message));
        exit = 2;
      }
    }
  }
  return exit;
}

// A closed pipe (`| head`) ends the output quietly, with the exit code the run has so far.
onClosedStdout(() => process.exit());
process.exitCode = main();
