/**
 * The lessons' practical steps really work: every shell and config block of the lessons
 * (practical-blocks.ts lists them all, with the human-only steps of the prose) runs here, for
 * real, in a temporary folder, against `npm run broker` and Debian's Mosquitto 2.0.11, and the
 * test checks what the lesson says happens. The English block runs; the German one must be the
 * same (or differ only as TRANSLATED_BLOCKS says).
 *
 * What changes before a block runs, and nothing else (see `rewrite` in practical-blocks.ts):
 * ports 1883/8883/9001 become free ports (mosquitto_pub/sub without `-p` get one), `npm run
 * broker|export -- ` the program npm would start, end-of-line comments go; mosquitto_sub gets
 * `-W` (and `-C`) so that it ends by itself, Mosquitto `-v` where the test must see a SUBACK,
 * tshark `-l -V -d` (practical-capture.ts); the password typed into mosquitto_passwd comes through
 * a pipe; Ctrl+Z and a closed window are the signals they send (SIGSTOP, SIGHUP); node -e runs in
 * the project folder (mqtt.js from its node_modules). A block line naming a system path (/etc/...)
 * is refused, never run. The temporary folder is made readable for the mosquitto user (Mosquitto
 * started as root reads its files as that user, as the teacher notes of lesson 21 say). Probes
 * that go beyond a block (a marker message at the end, a wrong CA, mqtt.js reading the retain
 * flag) are named `probe` below.
 *
 * CLAIMS quotes the lessons' sentences about what happens; each quote must stand in its lesson,
 * in both languages, and the labs check it.
 */
import { chmodSync, copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, MOSQUITTO, requireMosquitto } from '../fidelity/brokers.ts';
import { LESSONS_DIR, ROOT } from './helpers.ts';
import { sniff, stopSniffing } from './practical-capture.ts';
import { BLOCKS, block, commandLines, HUMAN_ONLY, inlineCommands, lessonBlocks, PROSE_RUN, rewrite, rewriteConfig, step, stopSteps, TRANSLATED_BLOCKS } from './practical-blocks.ts';

const blocks = lessonBlocks();
const folders: string[] = [];
afterAll(() => {
  stopSteps();
  for (const d of folders) rmSync(d, { recursive: true, force: true });
});

/** A temporary folder that the mosquitto user can read. */
function folder(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `mqtt-lab-practice-${name}-`));
  folders.push(dir);
  chmodSync(dir, 0o755);
  return dir;
}
const readable = (dir: string) => {
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' })) chmodSync(join(dir, f), f.includes('.') ? 0o644 : 0o755);
};
/** Free ports for 1883, 8883 and 9001; never one twice in this file (the labs run side by side). */
const handedOut = new Set<number>();
async function unique(): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (!handedOut.has(port)) return handedOut.add(port) && port;
  }
}
const ports = async (): Promise<Record<number, number>> => ({ 1883: await unique(), 8883: await unique(), 9001: await unique() });

/** The lesson's sentences the labs check, in both languages. */
const CLAIMS: { lesson: string; en: string; de: string }[] = [
  { lesson: '15-websockets', en: 'The subscriber prints `hall1/press3/temp 64.8`', de: 'Der Abonnent gibt `hall1/press3/temp 64.8` aus' },
  { lesson: '15-websockets', en: 'the subscriber asked for QoS 0, so it receives QoS 0', de: 'der Abonnent hat aber QoS 0 verlangt, also bekommt er QoS 0' },
  { lesson: '15-websockets', en: 'The same file starts a real Mosquitto too, with all three listeners', de: 'Mit derselben Datei startet auch ein echter Mosquitto, mit allen drei Listenern' },
  { lesson: '18-security', en: 'The HMI receives `hall1/press1/temp 64.8`, and nothing else.', de: 'Das HMI bekommt `hall1/press1/temp 64.8` und sonst nichts.' },
  { lesson: '18-security', en: '`mosquitto_pub` reports a lost connection', de: '`mosquitto_pub` meldet eine verlorene Verbindung' },
  { lesson: '18-security', en: 'press 1 sends with QoS 1 (`-q 1`), so the broker answers with a PUBACK', de: 'Presse 1 sendet mit QoS 1 (`-q 1`), also antwortet der Broker mit einem PUBACK' },
  { lesson: '21-into-the-real-world', en: 'the export makes the folder `hall` if it is not there yet', de: 'den Ordner `halle` legt der Export an, falls es ihn noch nicht gibt' },
  { lesson: '18-security', en: 'Mosquitto answers **5** both for a wrong password and for a missing username', de: 'Mosquitto antwortet sowohl bei falschem Passwort als auch bei fehlendem Benutzernamen mit **5**' },
  { lesson: '18-security', en: 'Mosquitto, and the simulator, answer **0x87**', de: 'Mosquitto und der Simulator antworten mit **0x87**' },
  { lesson: '18-security', en: 'The first two stop with `Connection error: Connection Refused: not authorised.` (return code 5); the third gets through', de: 'Die ersten beiden brechen mit `Connection error: Connection Refused: not authorised.` ab (Rückgabecode 5); der dritte kommt durch' },
  { lesson: '18-security', en: 'With `-V 5` added, the refusal reads `Connection error: Not authorized` (0x87).', de: 'Mit zusätzlichem `-V 5` lautet die Ablehnung `Connection error: Not authorized` (0x87).' },
  { lesson: '18-security', en: 'The file holds a hash, never the password itself.', de: 'In der Datei steht ein Hash, nie das Passwort selbst.' },
  { lesson: '18-security', en: 'A subscription to `#` is accepted, but only messages the user may read arrive.', de: 'Ein Abonnement auf `#` wird angenommen, aber es kommen nur die Nachrichten an, die der Benutzer lesen darf.' },
  { lesson: '15-websockets', en: 'it holds port 1883 and neither broker starts (`address already in use`)', de: 'belegt er Port 1883, und keiner der beiden Broker startet (`address already in use`)' },
  { lesson: '19-production-hall', en: 'it holds port 1883 and terminal 1 stops with `address already in use`', de: 'belegt er Port 1883, und Terminal 1 bricht mit `address already in use` ab' },
  { lesson: '19-production-hall', en: '`pattern write hall1/%u/#` lets every press write only below its own name', de: '`pattern write hall1/%u/#` lässt jede Presse nur unterhalb ihres eigenen Namens schreiben' },
  { lesson: '19-production-hall', en: 'After about 1.5 × 5 s terminal 2 shows `offline`', de: 'Nach etwa 1,5 × 5 s zeigt Terminal 2 `offline`' },
  { lesson: '19-production-hall', en: 'A new `mosquitto_sub` started afterwards still gets `offline` at once, with the retain flag.', de: 'Ein neues `mosquitto_sub`, das du danach startest, bekommt `offline` sofort, mit Retain-Flag.' },
  { lesson: '21-into-the-real-world', en: 'The password file never holds a password in clear text', de: 'Die Passwortdatei enthält nie ein Passwort im Klartext' },
  { lesson: '21-into-the-real-world', en: 'the device even names the broker in clear text at the start of the TLS handshake', de: 'den Namen des Brokers nennt das Gerät zu Beginn des TLS-Handshakes sogar im Klartext' },
  { lesson: '18-security', en: "The first ones can be read: the handshake's Client Hello, which names the broker (`localhost`), and the Server Hello.", de: 'Die ersten sind lesbar: das Client Hello des Handshakes, das den Broker nennt (`localhost`), und das Server Hello.' },
  { lesson: '18-security', en: 'Try the same on a plain listener on 1883 and Wireshark shows every MQTT field.', de: 'Versuche dasselbe mit einem einfachen Listener auf 1883, und Wireshark zeigt jedes MQTT-Feld.' },
  { lesson: '18-security', en: '51 = the 34 bytes of the CONNECT + 1 hidden type byte + a 16-byte tag', de: '51 = die 34 Bytes des CONNECT + 1 verstecktes Typ-Byte + ein 16-Byte-Tag' },
];

describe('the lessons\' shell and config blocks', () => {
  it('are all listed: run by a lab below, written as a config file, or an illustration (with why)', () => {
    const listed = Object.keys(BLOCKS);
    const found = [...new Set(blocks.filter((b) => !b.key.includes('/exercises/')).map((b) => b.key))];
    expect(found.sort()).toEqual(listed.sort());
    for (const b of blocks.filter((x) => x.lang === 'en')) expect(b.text.startsWith(BLOCKS[b.key]!.first), b.key).toBe(true);
    expect(blocks.some((b) => b.key.includes('/exercises/') || b.key.includes('/teacher')), 'exercise and teacher pages have no blocks today').toBe(false);
    const tabled = [...HUMAN_ONLY.flatMap((h) => h.steps), ...PROSE_RUN.map((r) => r.step)];
    expect(inlineCommands().filter((c) => !tabled.includes(c)), 'inline commands in no table').toEqual([]);
  });

  it('are the same in English and German (shell comments aside), or differ only as listed', () => {
    const differ: string[] = [];
    for (const en of blocks.filter((b) => b.lang === 'en')) {
      const de = blocks.find((b) => b.key === en.key && b.lang === 'de');
      const bare = (t: string) => t.replace(/\s+#[^'"\n]*$/gm, '');
      if (!de || bare(de.text) !== bare(en.text)) differ.push(en.key);
    }
    expect(differ.sort()).toEqual(Object.keys(TRANSLATED_BLOCKS).sort());
  });

  it('the sentences the labs check stand in the lessons, in both languages', () => {
    for (const c of CLAIMS) {
      for (const lang of ['en', 'de'] as const) {
        const text = readFileSync(join(LESSONS_DIR, c.lesson, `lesson.${lang}.md`), 'utf8').replace(/\s+/g, ' ');
        expect(text.includes(c[lang]), `${c.lesson} (${lang}) does not say: ${c[lang]}`).toBe(true);
      }
    }
  });
});

/** Starts `npm run broker` (rewritten) in `dir` and waits until it listens `count` times. */
async function ourBroker(line: string, dir: string, p: Record<number, number>, count: number) {
  const broker = step(rewrite(line, p), dir, 30_000);
  await broker.waitFor(new RegExp(`(listening on [^\\n]*\\n[^]*){${count}}`), 60_000);
  return broker;
}
async function mosquitto(conf: string, dir: string) {
  const m = step(`${MOSQUITTO} -v -c ${conf}`, dir, 30_000);
  await m.waitFor(/running/);
  return m;
}

/** Lesson 15's npm run broker (plain MQTT and TLS), for the capture. */
const ours15 = (() => {
  let resolve!: (v: { here: string; p: Record<number, number> }) => void;
  const promise = new Promise<{ here: string; p: Record<number, number> }>((r) => (resolve = r));
  return { promise, resolve };
})();

describe.concurrent('the practical steps, run for real', () => {
  it('lesson 15: a TLS subscriber receives what a WebSocket client publishes, from npm run broker and from Mosquitto', async () => {
    requireMosquitto();
    const dir = folder('15');
    expect((await step(block(blocks, '15-websockets/lesson#0'), dir).exited)).toBe(0);
    const [sub] = commandLines(block(blocks, '15-websockets/lesson#3'));
    const [ws] = commandLines(block(blocks, '15-websockets/lesson#4'));
    const conf = block(blocks, '15-websockets/lesson#1');
    // The same steps in a second folder against Mosquitto ("The same file starts a real Mosquitto too").
    const run = async (which: 'ours' | 'mosquitto') => {
      const here = which === 'ours' ? dir : folder('15-mosquitto');
      if (which === 'mosquitto') for (const f of ['ca.crt', 'server.crt', 'server.key']) copyFileSync(join(dir, f), join(here, f));
      const p = await ports();
      writeFileSync(join(here, 'lab.conf'), rewriteConfig(conf, p));
      readable(here);
      const broker = which === 'ours' ? await ourBroker(commandLines(block(blocks, '15-websockets/lesson#2'))[0]!, here, p, 3) : await mosquitto('lab.conf', here);
      if (which === 'ours') ours15.resolve({ here, p });
      if (which === 'mosquitto') expect(broker.output()).toMatch(/Opening websockets listen socket/);
      const subscriber = step(rewrite(sub!, p, '-C 1 -W 15'), here);
      await broker.waitFor(/SUBACK id=1|Sending SUBACK/);
      expect(await step(rewrite(ws!, p), ROOT).exited).toBe(0); // mqtt.js from the project's node_modules
      expect(await subscriber.exited, subscriber.output()).toBe(0);
      expect(subscriber.output()).toBe('hall1/press3/temp 64.8\n');
      // probe: with another file than ca.crt as the CA the subscriber does not trust the broker
      const wrongCa = step(rewrite(sub!.replace('ca.crt', 'server.crt'), p, '-C 1 -W 5'), here);
      expect(await wrongCa.exited).not.toBe(0);
      expect(wrongCa.output()).toMatch(/TLS error/);
      if (which === 'mosquitto') {
        // the teacher notes of lesson 6, against Mosquitto: its version at once
        const sys = step(rewrite("mosquitto_sub -t '$SYS/#' -v", p, '-C 1 -W 5'), here);
        expect(await sys.exited).toBe(0);
        expect(sys.output()).toBe('$SYS/broker/version mosquitto version 2.0.11\n');
      }
      if (which === 'mosquitto') expect(broker.output()).toMatch(/Sending PUBLISH to [^\n]*\(d0, q0, r0, m0, 'hall1\/press3\/temp'/);
      return broker;
    };
    const [ours] = await Promise.all([run('ours'), run('mosquitto')]);
    const trace = ours.output();
    expect(trace).toMatch(/, mqtts\) established/);
    expect(trace).toMatch(/, ws\) established/);
    expect(trace).toMatch(/PUBLISH q1 id=\d+ hall1\/press3\/temp "64.8"[^]*delivered with QoS 0[^]*PUBLISH q0 hall1\/press3\/temp "64.8"/);
  }, 120_000);
  it('lessons 15 and 19: a Mosquitto service on 1883 keeps npm run broker and Mosquitto from starting (address already in use)', async () => {
    requireMosquitto();
    const dir = folder('held');
    const p = await ports();
    writeFileSync(join(dir, 'service.conf'), `listener ${p[1883]}\n`); // the service: Debian's Mosquitto on 1883
    writeFileSync(join(dir, 'lab.conf'), rewriteConfig(block(blocks, '15-websockets/lesson#1'), p));
    readable(dir);
    await mosquitto('service.conf', dir);
    const tries = [
      commandLines(block(blocks, '19-production-hall/lesson#0'))[0]!, // terminal 1 of lesson 19
      commandLines(block(blocks, '15-websockets/lesson#2'))[0]!,
      'mosquitto -c lab.conf', // lesson 15's "in place of npm run broker"
    ].map((line) => step(rewrite(line, p), dir, 60_000));
    for (const t of tries) {
      expect(await t.exited).not.toBe(0);
      expect(t.output()).toMatch(/address already in use/i);
    }
  }, 120_000);
  it('lesson 18: client certificates and the ACL, in npm run broker and in Mosquitto with the same files', async () => {
    requireMosquitto();
    const dir = folder('18');
    expect(await step(block(blocks, '18-security/lesson#3'), dir).exited).toBe(0);
    const [brokerLine, hmi, temp, stop, noCert] = commandLines(block(blocks, '18-security/lesson#6'));
    expect(noCert).not.toContain('--cert');
    const run = async (which: 'ours' | 'mosquitto') => {
      const here = which === 'ours' ? dir : folder('18-mosquitto');
      if (which === 'mosquitto') for (const f of readdirSync(dir).filter((n) => /\.(crt|key)$/.test(n))) copyFileSync(join(dir, f), join(here, f));
      const p = await ports();
      writeFileSync(join(here, 'lab.acl'), block(blocks, '18-security/lesson#4'));
      writeFileSync(join(here, 'secure.conf'), rewriteConfig(block(blocks, '18-security/lesson#5'), p));
      readable(here);
      const broker = which === 'ours' ? await ourBroker(brokerLine!, here, p, 1) : await mosquitto('secure.conf', here);
      const subscriber = step(rewrite(hmi!, p, '-C 2 -W 15'), here);
      await broker.waitFor(/SUBACK id=1|Sending SUBACK/);
      const pubs = [];
      for (const line of [temp!, stop!, noCert!]) {
        const pub = step(rewrite(line, p), here);
        pubs.push({ code: await pub.exited, out: pub.output() });
      }
      // probe: press 1 sends a last message of its own, so that "nothing else" has an end
      expect(await step(rewrite(temp!.replace('-m 64.8', '-m end'), p), here).exited).toBe(0);
      expect(await subscriber.exited, subscriber.output()).toBe(0);
      expect(subscriber.output()).toBe('hall1/press1/temp 64.8\nhall1/press1/temp end\n');
      expect(pubs.map((x) => x.code)).toEqual([0, 0, expect.not.toSatisfy((c: number) => c === 0)]);
      expect(pubs[2]!.out).toMatch(/^Error: (The connection was lost\.|Protocol error)$/m);
      return broker.output();
    };
    const [trace, mosquittoLog] = await Promise.all([run('ours'), run('mosquitto')]);
    expect(trace).toContain('is user "press1": the common name (CN) of its client certificate');
    // "The stop for press 2 is dropped by the ACL (and still acknowledged, as above)."
    expect(trace).toMatch(/PUBLISH q1 id=1 hall1\/press2\/cmd "stop" \(arrived\)\n.*The ACL does not allow .* to write to hall1\/press2\/cmd.*\n.*PUBACK id=1/);
    expect(trace).toContain('the client sent no certificate');
    expect(mosquittoLog).toMatch(/Denied PUBLISH from .* \(d0, q1, r0, m1, 'hall1\/press2\/cmd'/);
    expect(mosquittoLog).toMatch(/Sending PUBACK to .* \(m1, rc135\)/);
    expect(mosquittoLog).toMatch(/peer did not return a certificate/);
  }, 120_000);
  it('lesson 19: the status pattern by hand: the retained "online", then the frozen press\'s will', async () => {
    const dir = folder('19');
    const p = await ports();
    const [brokerLine, panelLine, pressLine] = commandLines(block(blocks, '19-production-hall/lesson#0'));
    const [willLine] = commandLines(block(blocks, '19-production-hall/lesson#1'));
    const broker = await ourBroker(brokerLine!, dir, p, 1);
    const sys = step(rewrite("mosquitto_sub -t '$SYS/#' -v", p, '-C 1 -W 20'), dir); // the teacher notes of lesson 6
    const panel = step(rewrite(panelLine!, p, '-C 2 -W 25'), dir, 30_000);
    await broker.waitFor(/SUBACK id=1/);
    expect(await step(rewrite(pressLine!, p), dir).exited).toBe(0);
    await panel.waitFor(/hall1\/press1\/status online\n/);
    const press = step(rewrite(willLine!, p, '-W 30'), dir, 30_000);
    await broker.waitFor(/press-1 subscribed to hall1\/press1\/cmd/);
    const frozenAt = Date.now();
    press.kill('SIGSTOP'); // what Ctrl+Z does
    expect(await panel.exited, panel.output()).toBe(0);
    const seconds = (Date.now() - frozenAt) / 1000;
    press.kill('SIGKILL');
    expect(panel.output()).toBe('hall1/press1/status online\nhall1/press1/status offline\n');
    expect(seconds).toBeGreaterThan(5);
    expect(seconds).toBeLessThan(10);
    expect(broker.output().slice(broker.output().indexOf('press-1 subscribed'))).toMatch(/keep.alive[^]*will/i);
    // "A new mosquitto_sub started afterwards still gets offline at once": the panel's line again
    const later = step(rewrite(panelLine!, p, '-C 1 -W 5'), dir);
    expect(await later.exited).toBe(0);
    expect(later.output()).toBe('hall1/press1/status offline\n');
    // probe: "with the retain flag", read by mqtt.js
    const probe = await mqtt.connectAsync(`mqtt://127.0.0.1:${p[1883]}`, { reconnectPeriod: 0 });
    const retained = new Promise<boolean>((r) => probe.on('message', (_t, m, packet) => r(m.toString() === 'offline' && packet.retain)));
    await probe.subscribeAsync('hall1/press1/status');
    expect(await retained).toBe(true);
    await probe.endAsync();
    // "Closing the window instead ends the connection without DISCONNECT: the will comes at once."
    // A closed terminal sends SIGHUP; the press is online again first (terminal 3's line).
    expect(await step(rewrite(pressLine!, p), dir).exited).toBe(0);
    const panel2 = step(rewrite(panelLine!, p, '-C 2 -W 10'), dir);
    await panel2.waitFor(/online\n/);
    const press2 = step(rewrite(willLine!, p, '-W 30'), dir);
    await broker.waitFor(/press-1 subscribed to hall1\/press1\/cmd[^]*press-1 subscribed to hall1\/press1\/cmd/);
    const closedAt = Date.now();
    press2.kill('SIGHUP');
    expect(await panel2.exited).toBe(0);
    expect(panel2.output()).toBe('hall1/press1/status online\nhall1/press1/status offline\n');
    expect(Date.now() - closedAt).toBeLessThan(3000);
    expect(await sys.exited).toBe(0);
    expect(sys.output()).toMatch(/^\$SYS\/broker\/\S+ \S/);
  }, 120_000);

  it('lesson 21: a scenario exported as Mosquitto\'s files starts Mosquitto and npm run broker, with hashed passwords', async () => {
    requireMosquitto();
    const dir = folder('21');
    // The learner's own scenario: here the start of lesson 21's exercise (broker, user and acl lines).
    copyFileSync(join(LESSONS_DIR, '21-into-the-real-world/exercises/1-ready-for-the-hall/start.mqtts'), join(dir, 'my-hall.mqtts'));
    const [exportLine, mosquittoLine] = commandLines(block(blocks, '21-into-the-real-world/lesson#0'));
    const exported = step(rewrite(exportLine!, {}), dir, 60_000);
    expect(await exported.exited, exported.output()).toBe(0);
    expect(readdirSync(join(dir, 'hall')).sort()).toEqual(['mosquitto.conf', 'mqtt-lab.acl', 'mqtt-lab.passwd']);
    const passwd = readFileSync(join(dir, 'hall/mqtt-lab.passwd'), 'utf8');
    expect(passwd).not.toMatch(/secret/);
    expect(passwd).toMatch(/^s1:\$7\$101\$[^\n]+\ndash:\$7\$101\$/);
    const p = await ports();
    writeFileSync(join(dir, 'hall/mosquitto.conf'), rewriteConfig(readFileSync(join(dir, 'hall/mosquitto.conf'), 'utf8'), p));
    readable(dir);
    const probes = async () => {
      const dash = await mqtt.connectAsync(`mqtt://127.0.0.1:${p[1883]}`, { username: 'dash', password: 'dash-secret', reconnectPeriod: 0 });
      const got = new Promise<string>((r) => dash.on('message', (t, m) => r(`${t} ${m.toString()}`)));
      await dash.subscribeAsync('hall1/#');
      const pub = (pw: string) => step(`mosquitto_pub -p ${p[1883]} -u s1 -P ${pw} -t hall1/s1/status -m online -q 1`, dir);
      const wrong = pub('guess');
      expect(await wrong.exited).not.toBe(0);
      expect(wrong.output()).toMatch(/Connection Refused: not authori[sz]ed/);
      expect(await pub('s1-secret').exited).toBe(0);
      expect(await got).toBe('hall1/s1/status online');
      await dash.endAsync();
    };
    const real = step(rewrite(mosquittoLine!, p), dir, 60_000);
    await real.waitFor(/running/);
    await probes();
    real.kill('SIGTERM');
    await real.exited;
    // "npm run broker reads the same files"
    const ours = step(rewrite(`npm run broker -- --config ${join(dir, 'hall/mosquitto.conf')}`, p), dir, 60_000);
    await ours.waitFor(/listening on/, 60_000);
    await probes();
  }, 120_000);

  it('lesson 18: a password file from mosquitto_passwd; a wrong password and no user are refused, the right one gets through', async () => {
    requireMosquitto();
    const dir = folder('18-passwd');
    const p = await ports();
    const [passwdLine] = commandLines(block(blocks, '18-security/lesson#0'));
    // "It asks for the password twice (type Hmi-2024)": the typing comes through a pipe.
    expect(await step(`printf 'Hmi-2024\\nHmi-2024\\n' | ${rewrite(passwdLine!, p)}`, dir).exited).toBe(0);
    const passwd = readFileSync(join(dir, 'lab.passwd'), 'utf8');
    expect(passwd).toMatch(/^hmi:\$7\$101\$\S+\n$/);
    expect(passwd).not.toContain('Hmi-2024');
    writeFileSync(join(dir, 'passwd.conf'), rewriteConfig(block(blocks, '18-security/lesson#1'), p));
    readable(dir);
    const [mosquittoLine, wrong, none, right] = commandLines(block(blocks, '18-security/lesson#2'));
    const broker = step(rewrite(mosquittoLine!, p), dir);
    await broker.waitFor(/running/);
    const said = await Promise.all([wrong!, none!, right!, `${wrong} -V 5`, `${none} -V 5`].map(async (line) => {
      const s = step(rewrite(line, p), dir);
      return { code: await s.exited, out: s.output().split('\n')[0] };
    }));
    const refused = { code: 5, out: 'Connection error: Connection Refused: not authorised.' };
    const refused5 = { code: 135, out: 'Connection error: Not authorized' };
    expect(said).toEqual([refused, refused, { code: 0, out: '' }, refused5, refused5]);
  }, 120_000);

  it('lessons 18 and 19 in prose: ACL patterns and refused messages on Mosquitto', async () => {
    requireMosquitto();
    const dir = folder('18-passwords');
    const p = await ports();
    // The password file as mosquitto_passwd makes it: -c creates the file, without -c a user is added.
    expect(await step(`printf 'Hmi-2024\\nHmi-2024\\n' | mosquitto_passwd -c lab.passwd hmi`, dir).exited).toBe(0);
    for (const u of ['press1', 'press2']) expect(await step(`printf 'x\\nx\\n' | mosquitto_passwd lab.passwd ${u}`, dir).exited).toBe(0);
    writeFileSync(join(dir, 'lab.acl'), 'user hmi\ntopic read hall1/+/temp\n\npattern write hall1/%u/#\n');
    writeFileSync(join(dir, 'lab.conf'), `listener ${p[1883]}\nallow_anonymous false\npassword_file lab.passwd\nacl_file lab.acl\n`);
    readable(dir);
    const broker = await mosquitto('lab.conf', dir);
    const pub = (args: string) => step(`mosquitto_pub -p ${p[1883]} ${args}`, dir);
    const hmi = step(`mosquitto_sub -p ${p[1883]} -u hmi -P Hmi-2024 -t '#' -v -d -C 1 -W 10`, dir);
    await broker.waitFor(/Sending SUBACK/);
    const press1 = (a: string) => pub(`-u press1 -P x -q 1 -d ${a}`);
    const denied = [press1('-t hall1/press2/temp -m 99'), press1('-V 5 -t hall1/press2/temp -m 99'), press1('-t hall1/press1/cmd -m not-readable')];
    await Promise.all(denied.map((d) => d.exited));
    expect(denied[0]!.output()).toMatch(/received PUBACK \(Mid: 1, RC:0\)/);
    expect(denied[1]!.output()).toMatch(/received PUBACK \(Mid: 1, RC:135\)/);
    expect(await press1('-t hall1/press1/temp -m 64.8').exited).toBe(0);
    expect(await hmi.exited).toBe(0);
    expect(hmi.output()).toMatch(/Subscribed \(mid: 1\): 0\n/);
    expect(hmi.output().split('\n').filter((l) => l.startsWith('hall1/'))).toEqual(['hall1/press1/temp 64.8']);
    expect(broker.output()).toMatch(/Denied PUBLISH from [^\n]*'hall1\/press2\/temp'/);
  }, 120_000);
  it('lessons 18 and 21: what a sniffer sees on 1883 and on 8883 (tshark on the loopback, lesson 15\'s broker)', async () => {
    const { here, p } = await ours15.promise;
    const [plain, tls] = await Promise.all([sniff(1883, p, here), sniff(8883, p, here)]);
    // The HMI's CONNECT of lesson 18 (client ID hmi-1, user hmi, password Hmi-2024), once on each listener.
    const hmi = (port: number, ca: string) => step(`mosquitto_pub -h localhost -p ${port} ${ca} -i hmi-1 -u hmi -P Hmi-2024 -t hall1/hmi/status -m online`, here);
    expect(await hmi(p[1883]!, '').exited).toBe(0);
    expect(await hmi(p[8883]!, '--cafile ca.crt').exited).toBe(0);
    await plain.waitFor(/Disconnect Req/);
    await tls.waitFor(/Length: 51\n[^]*Flags: 0x0\w\w \((FIN|RST)/); // the HMI's CONNECT, then the end of its connection
    const [seenPlain, seenTls] = await Promise.all([stopSniffing(plain), stopSniffing(tls)]);
    // "Try the same on a plain listener on 1883 and Wireshark shows every MQTT field."
    expect(seenPlain).toMatch(/Client ID: hmi-1[^]*User Name: hmi[^]*Password: Hmi-2024[^]*Topic: hall1\/hmi\/status[^]*Message: 6f6e6c696e65/);
    // With TLS: no MQTT field and no password; the handshake's first messages are readable, with the broker's name.
    expect(seenTls).not.toMatch(/MQ Telemetry Transport|Hmi-2024|hall1|hmi-1/);
    expect(seenTls).toMatch(/Handshake Type: Client Hello[^]*Server Name: localhost[^]*Handshake Type: Server Hello/);
    expect(seenTls).toMatch(/Opaque Type: Application Data \(23\)/);
    // "51 = the 34 bytes of the CONNECT + 1 hidden type byte + a 16-byte tag"
    expect(seenTls).toMatch(/Opaque Type: Application Data \(23\)\n\s+Version: TLS 1\.2 \(0x0303\)\n\s+Length: 51\n/);
  }, 120_000);
});
