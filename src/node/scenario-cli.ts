/**
 * `npm run scenario -- FILE|FOLDER... [--seed N] [--json] [--all] [--lang de] [--pcap OUT.pcapng]`
 *
 * Runs each scenario headless to its end, prints the trace (one line a packet arrival, loss,
 * delivery to an application, command, timer and explained decision; `--all` adds sends and
 * state changes) and each expectation as PASS or FAIL. A folder runs every `*.mqtts` in it.
 *
 * Exit code: 0 when every expectation passed, 1 when one failed, 2 on a scenario error
 * (`FILE:LINE:COL: message` on stderr) or an unreadable file. `--json` prints the trace
 * entries as JSON lines (bytes as hex), then one `{"kind":"expectation",...}` line each.
 * `--pcap OUT.pcapng` (one scenario file) also writes the run's packets as a capture file for
 * Wireshark and tshark (src/sim/pcapng.ts).
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resultLines, runScenario, traceLines, type RunResult } from '../scenario/index.ts';
import { explainText } from '../sim/explain-text.ts';
import { traceToPcapng } from '../sim/pcapng.ts';
import { onClosedStdout } from './closed-pipe.ts';

interface Args {
  files: string[];
  seed?: number;
  json: boolean;
  all: boolean;
  lang: 'en' | 'de';
  pcap?: string;
}

const USAGE = 'usage: npm run scenario -- FILE|FOLDER... [--seed N] [--json] [--all] [--lang en|de] [--pcap OUT.pcapng]';

function parseArgs(argv: string[]): Args | string {
  const args: Args = { files: [], json: false, all: false, lang: 'en' };
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
    } else if (a === '--help' || a === '-h') return USAGE;
    else if (a.startsWith('--')) return `unknown option ${a}\n${USAGE}`;
    else args.files.push(a);
  }
  if (args.files.length === 0) return USAGE;
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

function report(file: string, r: RunResult, args: Args, out: (s: string) => void, err: (s: string) => void): number {
  for (const d of r.diagnostics) {
    const text = args.lang === 'de' && d.messageDe ? d.messageDe : d.message;
    err(`${file}:${d.line}:${d.column}: ${d.severity === 'error' ? '' : `${d.severity}: `}${text}`);
  }
  if (!r.ran) return 2;
  if (args.json) {
    for (const e of r.trace) out(toJson(e));
    for (const res of r.results) out(toJson({ kind: 'expectation', line: res.expectation.range.line, text: res.expectation.text, pass: res.pass, message: res.message, messageDe: res.messageDe, evidence: res.evidence }));
  } else {
    for (const line of traceLines(r.trace, args.all, args.lang)) out(line);
    if (r.truncated) err(`${file}: the run hit its step limit before its end time`);
    for (const line of resultLines(r.results, file, args.lang)) out(line);
  }
  return r.results.some((x) => !x.pass) ? 1 : 0;
}

function main(): number {
  const args = parseArgs(process.argv.slice(2));
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
  const out = (s: string): void => void process.stdout.write(s + '\n');
  const err = (s: string): void => void process.stderr.write(s + '\n');
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      err(`${file}:1:1: cannot read the file: ${(e as Error).message}`);
      exit = 2;
      continue;
    }
    if (files.length > 1 && !args.json) out(`== ${file}`);
    const result = runScenario(text, args.seed !== undefined ? { seed: args.seed } : {});
    const code = report(file, result, args, out, err);
    exit = Math.max(exit, code);
    if (args.pcap !== undefined && result.ran) {
      try {
        writeFileSync(args.pcap, traceToPcapng(result.trace, { lossText: (drop) => (drop.explain ? explainText(drop.explain, args.lang) : 'lost') }));
        err(`capture written to ${args.pcap} (open it in Wireshark, or: tshark -r ${args.pcap})`);
      } catch (e) {
        err(`${args.pcap}: cannot write the capture: ${(e as Error).message}`);
        exit = 2;
      }
    }
  }
  return exit;
}

// A closed pipe (`| head`) ends the output quietly, with the exit code the run has so far.
onClosedStdout(() => process.exit());
process.exitCode = main();
