/**
 * `npm run recording -- FILE [--scenario OUT.mqtts] [--pcap OUT.pcapng]`
 *
 * Reads a recording (`npm run broker -- --record FILE`, or a trace the live view saved; the one
 * trace format, src/sim/trace-json.ts) and
 * - without options: prints what it holds (its connections with their real addresses, the
 *   number of packets and decisions) and the trace as `--trace` prints it;
 * - `--scenario OUT.mqtts` (`-` for stdout): writes it as a scenario (src/scenario/from-trace.ts:
 *   the clients, their connect options, subscriptions, publishes, disconnects and crashes at the
 *   recorded times, and the broker's settings, users and ACL from the header), to replay in the
 *   simulator or the app;
 * - `--pcap OUT.pcapng`: writes its packets as a capture file for Wireshark (src/sim/pcapng.ts),
 *   with the real addresses and times of the recorded connections (IPv4).
 *
 * Exit codes: 0 on success, 2 on a usage error, a file that cannot be read (`FILE:LINE: message`
 * for each bad line on stderr) or an output file that cannot be written. What it prints is
 * terminal-safe (src/node/cli-text.ts): a recording holds real clients' topics and ids.
 */
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { traceToScenario } from '../scenario/from-trace.ts';
import { liveWorldOf, recordedEndpoints } from '../sim/live-world.ts';
import { traceToPcapng } from '../sim/pcapng.ts';
import { formatEntry } from '../sim/trace.ts';
import { readTrace } from '../sim/trace-json.ts';
import { readTextCapped, terminalText } from './cli-text.ts';
import { onClosedStdout } from './closed-pipe.ts';

/** The largest recording read: about the longest string V8 makes (a day of a class is far less). */
const MAX_RECORDING_BYTES = 512 * 1024 * 1024;

/** Output lines carry the recording's topics, client ids and title: escaped, never driving the terminal. */
const say = (line: string): void => console.log(terminalText(line));
const complain = (line: string): void => console.error(terminalText(line));

/** Writes an output file; false (and the reason on stderr) when it cannot. */
function writeOut(path: string, data: string | Uint8Array): boolean {
  try {
    writeFileSync(path, data);
    return true;
  } catch (error) {
    complain(`${path}: cannot write: ${(error as Error).message}`);
    return false;
  }
}

const USAGE = 'usage: npm run recording -- FILE [--scenario OUT.mqtts|-] [--pcap OUT.pcapng]';

interface Args {
  file: string;
  scenario?: string;
  pcap?: string;
}

function parseArgs(argv: string[]): Args | string {
  let file: string | undefined;
  let scenario: string | undefined;
  let pcap: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--scenario') {
      const v = argv[++i];
      if (v === undefined || (v.startsWith('--') && v !== '-')) return `--scenario needs the file to write (or - for the screen)\n${USAGE}`;
      scenario = v;
    } else if (a === '--pcap') {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) return `--pcap needs the file to write\n${USAGE}`;
      pcap = v;
    } else if (a === '--help' || a === '-h') return USAGE;
    else if (a.startsWith('--')) return `unknown option ${a}\n${USAGE}`;
    else if (file !== undefined) return `one recording at a time\n${USAGE}`;
    else file = a;
  }
  if (file === undefined) return USAGE;
  return { file, ...(scenario !== undefined ? { scenario } : {}), ...(pcap !== undefined ? { pcap } : {}) };
}

function main(): number {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    (args === USAGE ? say : complain)(args);
    return args === USAGE ? 0 : 2;
  }
  let text: string;
  try {
    text = readTextCapped(args.file, MAX_RECORDING_BYTES);
  } catch (error) {
    complain(`${args.file}: cannot read: ${(error as Error).message}`);
    return 2;
  }
  const trace = readTrace(text);
  if (trace.errors.length > 0 || !trace.header) {
    for (const e of trace.errors) complain(`${args.file}:${e.line}: ${e.message}`);
    if (!trace.header && trace.errors.length === 0) complain(`${args.file}:1: empty: not a recording`);
    return 2;
  }
  let outputOpen = true;
  onClosedStdout(() => (outputOpen = false));
  if (args.scenario !== undefined) {
    const started = trace.header.startedAt !== undefined ? ` started ${new Date(trace.header.startedAt).toISOString()}` : '';
    // Real clients on a loopback or LAN: 1 ms links (the simulator's default is 20 ms).
    const scenario = traceToScenario(trace.entries, { latencyMs: 1, ...(trace.header.broker ? { broker: trace.header.broker } : {}), title: `recorded by ${trace.header.title ?? trace.header.source}${started} (${basename(args.file)})` });
    if (args.scenario === '-') process.stdout.write(scenario);
    else if (!writeOut(args.scenario, scenario)) return 2;
  }
  if (args.pcap !== undefined) {
    // The capture wants each packet where it left its sender: the timeline's arrows have both ends.
    const live = liveWorldOf(trace.header, trace.conns, trace.entries);
    const first = trace.entries[0]?.atMs ?? 0;
    if (!writeOut(args.pcap, traceToPcapng(live.trace, { originMs: (trace.header.startedAt ?? 0) + first, endpoints: recordedEndpoints(trace.conns), application: 'MQTT Lab (npm run broker --record)' }))) return 2;
  }
  if (args.scenario !== undefined || args.pcap !== undefined) return 0;
  const packets = trace.entries.filter((e) => e.kind === 'deliver' || e.kind === 'send').length;
  const notes = trace.entries.filter((e) => e.kind === 'note').length;
  if (!outputOpen) return 0;
  say(`${args.file}: ${trace.header.title ?? trace.header.source}, ${trace.conns.length} connection${trace.conns.length === 1 ? '' : 's'}, ${packets} packets, ${notes} decisions`);
  for (const c of trace.conns) say(`  ${c.id}  ${c.remote} -> ${c.local} (${c.transport})`);
  for (const e of trace.entries) {
    if (!outputOpen) break;
    say(formatEntry(e));
  }
  return 0;
}

process.exitCode = main();
