/**
 * `npm run export -- FILE CLIENT TARGET [--host HOST] [--port PORT] [--lang en|de]`
 * `npm run export -- FILE broker mosquitto [--out DIR] [--port PORT] [--lang en|de]`
 *
 * The second form writes the scenario's broker as Mosquitto's files into DIR (default `.`, made if missing):
 * `mosquitto.conf`, and `mqtt-lab.acl` / `mqtt-lab.passwd` (hashed as mosquitto_passwd does) when
 * the scenario has ACL lines / users (src/scenario/export/mosquitto.ts); `--lang de` writes their
 * comments and this command's messages in German.
 *
 * Prints one client of a scenario as a program for a real broker (src/scenario/export/device.ts):
 * TARGET is `mosquitto-cli` (a shell script of mosquitto_sub/mosquitto_pub lines), `mqttjs`,
 * `python` (paho-mqtt 1.6) or `arduino` (ESP32/ESP8266 with PubSubClient). What the target cannot
 * express is listed on stderr and written as comments into the program. `--lang de` writes the
 * comments and those notes in German (src/scenario/export/device-notes.ts; default English).
 *
 * Exit code: 0 on success, 2 on a usage or scenario error (`FILE:LINE:COL: message` on stderr).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseScenario } from '../scenario/index.ts';
import { DEVICE_TARGETS, exportClient, type DeviceTarget } from '../scenario/export/device.ts';
import type { NoteLang } from '../scenario/export/device-notes.ts';
import { brokerToMosquitto, mosquittoNotes } from '../scenario/export/mosquitto.ts';
import { readTextCapped, terminalText } from './cli-text.ts';
import { onClosedStdout } from './closed-pipe.ts';

const USAGE = `usage: npm run export -- FILE CLIENT ${DEVICE_TARGETS.join('|')} [--host HOST] [--port PORT] [--lang en|de]\n       npm run export -- FILE broker mosquitto [--out DIR] [--port PORT] [--lang en|de]`;

function main(argv: string[]): number {
  const positional: string[] = [];
  let host: string | undefined;
  let port: number | undefined;
  let outDir = '.';
  let language: NoteLang = 'en';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--host' || a === '--out') {
      const v = argv[++i];
      if (v === undefined || v === '' || v.startsWith('--')) return fail(`${a} needs a value: ${a === '--host' ? 'the broker\'s host name or address' : 'the folder to write the files into'}\n${USAGE}`);
      if (a === '--host') host = v;
      else outDir = v;
    }
    else if (a === '--lang') {
      const v = argv[++i];
      if (v !== 'en' && v !== 'de') return fail(`--lang needs en or de${v === undefined ? '' : `, not ${v}`}\n${USAGE}`);
      language = v;
    }
    else if (a === '--port') {
      const v = argv[++i] ?? '';
      if (!/^\d{1,5}$/.test(v) || Number(v) > 65535) return fail(`--port needs a port number from 0 to 65535\n${USAGE}`);
      port = Number(v);
    } else if (a === '--help' || a === '-h') {
      process.stdout.write(USAGE + '\n'); // asked for: on stdout, and not an error
      return 0;
    }
    else if (a.startsWith('--')) return fail(`unknown option ${a}\n${USAGE}`);
    else positional.push(a);
  }
  const [file, client, target] = positional;
  if (file === undefined || client === undefined || target === undefined || positional.length > 3) return fail(USAGE);
  const forBroker = client === 'broker' && target === 'mosquitto';
  if (!forBroker && !(DEVICE_TARGETS as readonly string[]).includes(target)) return fail(`unknown target ${target}; one of ${DEVICE_TARGETS.join(', ')}, or: broker mosquitto`);
  let text: string;
  try {
    text = readTextCapped(file, 16 * 1024 * 1024);
  } catch (e) {
    return fail(`${file}:1:1: cannot read the file: ${(e as Error).message}`);
  }
  const { scenario, diagnostics } = parseScenario(text);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  for (const d of errors) process.stderr.write(`${terminalText(`${file}:${d.line}:${d.column}: ${language === 'de' && d.messageDe ? d.messageDe : d.message}`)}\n`);
  if (errors.length > 0) return 2;
  if (forBroker) {
    const files = brokerToMosquitto(scenario.broker, {
      ...(port !== undefined ? { port } : {}),
      ...(host !== undefined ? { host } : {}),
      aclPath: resolve(outDir, 'mqtt-lab.acl'),
      passwdPath: resolve(outDir, 'mqtt-lab.passwd'),
      randomBytes: (n) => new Uint8Array(randomBytes(n)),
      language,
    });
    const notes = mosquittoNotes(language);
    try {
      const written = [['mosquitto.conf', files.conf], ['mqtt-lab.acl', files.acl], ['mqtt-lab.passwd', files.passwd]].filter((f): f is [string, string] => f[1] !== undefined);
      mkdirSync(outDir, { recursive: true }); // --out hall: the folder is made when it is missing, as the lesson expects
      for (const [name, text] of written) writeFileSync(resolve(outDir, name), text, { mode: 0o644 });
      process.stderr.write(`${notes.wrote(written.map(([n]) => resolve(outDir, n)).join(', '), resolve(outDir, 'mosquitto.conf'))}\n`);
      // Mosquitto started as root reads its files as the user mosquitto: readable by all until the admin narrows it.
      if (files.passwd !== undefined) process.stderr.write(`${notes.narrowPasswd(resolve(outDir, 'mqtt-lab.passwd'))}\n`);
    } catch (e) {
      return fail(`cannot write to ${outDir}: ${(e as Error).message}`);
    }
    return 0;
  }
  if (!scenario.clients.some((c) => c.name === client)) return fail(`${file}: no client named ${client}; the scenario has ${scenario.clients.map((c) => c.name).join(', ') || 'none'}`);
  const out = exportClient(scenario, client, target as DeviceTarget, { language, ...(host !== undefined ? { host } : {}), ...(port !== undefined ? { port } : {}) });
  process.stdout.write(out.text);
  for (const u of out.unsupported) process.stderr.write(`${terminalText(language === 'de' ? `Hinweis: in ${target} nicht ausdrückbar: ${u}` : `note: not expressible in ${target}: ${u}`)}\n`);
  return 0;
}

function fail(message: string): number {
  process.stderr.write(message.split('\n').map(terminalText).join('\n') + '\n');
  return 2;
}

onClosedStdout(() => process.exit());
process.exitCode = main(process.argv.slice(2));
