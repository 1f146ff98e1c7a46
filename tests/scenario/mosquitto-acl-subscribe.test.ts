/**
 * A SUBSCRIBE to a filter the ACL does not let the client read (acl_file, password_file), with
 * the real mosquitto_sub -d against Mosquitto 2.0.11 and `npm run broker`, and in the simulation.
 * Believed by some to get SUBACK 0x80 (3.1.1) / 0x87 Not authorized (5.0); Mosquitto 2.0.11
 * grants it (its acl_file check lets every SUBSCRIBE through) and checks read access per message,
 * so nothing on the topic arrives. The spec allows either answer (3.1.1 section 3.9.3; 5.0
 * section 3.9.3), so ours does what Mosquitto does, and the trace says why, in both languages.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../src/scenario/index.ts';
import { explainText } from '../../src/sim/explain-text.ts';
import { requireMosquitto, startBoth, type RunningBroker } from '../fidelity/brokers.ts';

const ACL = 'topic read public/#\n\nuser alice\ntopic readwrite alice/#\n\nuser carol\ntopic write #\n';
let brokers: { mosquitto: RunningBroker; ours: RunningBroker; stop(): Promise<void> } | undefined;

beforeAll(async () => {
  requireMosquitto();
  brokers = await startBoth({ allowAnonymous: true, users: { alice: 'secret', carol: 'pw' }, acl: ACL });
}, 30_000);
afterAll(async () => brokers?.stop(), 15_000);

/** Runs a mosquitto client to its end (bounded): its stdout and stderr, and a wait for a text in them. */
function start(cmd: string, args: string[], ms = 10_000): { done: Promise<string>; saw(text: string): Promise<void> } {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const waiting: (() => void)[] = [];
  const add = (d: Buffer) => {
    out += d.toString();
    for (const w of waiting.splice(0)) w();
  };
  child.stdout.on('data', add);
  child.stderr.on('data', add);
  const kill = setTimeout(() => child.kill('SIGKILL'), ms);
  const done = new Promise<string>((resolve) => child.on('close', () => (clearTimeout(kill), resolve(out))));
  const saw = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => (out.includes(text) ? resolve() : child.exitCode !== null ? reject(new Error(`${cmd} ended without "${text}":\n${out}`)) : waiting.push(check));
      check();
      void done.then(check);
    });
  return { done, saw };
}
const tool = (cmd: string, args: string[]) => start(cmd, args).done;

describe('SUBSCRIBE to a filter the ACL does not let the client read', () => {
  it.each(['mqttv311', 'mqttv5'])('mosquitto_sub -V %s: both brokers grant QoS 1; the message there never arrives, the readable one does', async (version) => {
    for (const broker of [brokers!.mosquitto, brokers!.ours]) {
      const hidden = `alice/secret-${version}-${broker.name}`;
      const shown = `public/acl-${version}-${broker.name}`;
      const port = String(broker.port);
      const common = ['-h', '127.0.0.1', '-p', port, '-V', version, '-q', '1'];
      // An anonymous subscriber may read public/# only; it stops after the first message.
      // Line-buffered, so that "Subscribed" shows while it runs (a pipe is block-buffered).
      const sub = start('stdbuf', ['-oL', 'mosquitto_sub', ...common, '-d', '-v', '-t', hidden, '-t', shown, '-C', '1', '-W', '8']);
      await sub.saw('Subscribed (mid: 1)');
      for (const [topic, text] of [[hidden, 'hidden'], [shown, 'shown']]) {
        const pub = await tool('mosquitto_pub', [...common, '-u', 'carol', '-P', 'pw', '-t', topic!, '-m', text!, '-d']);
        expect(pub, `${broker.name}: carol may write`).toMatch(/received PUBACK/);
      }
      const out = await sub.done;
      expect(out, `${broker.name}: the SUBACK`).toContain('Subscribed (mid: 1): 1, 1');
      expect(out, `${broker.name}: the readable message arrives`).toContain(`${shown} shown`);
      expect(out, `${broker.name}: the unreadable one does not`).not.toContain('hidden');
    }
  }, 40_000);
});

describe('the simulation: granted, explained, nothing delivered', () => {
  const scenario = (v: '311' | '5') => `broker version=${v} anonymous=on
user carol pw
acl topic read public/#
acl user carol
acl topic write #
client anon
client carol
at 0s    anon connect
at 0s    carol connect -u carol -P pw
at 100ms anon subscribe -t alice/secret -t 'public/#' -q 1
at 1s    carol publish -t alice/secret -m hidden -q 1
at 1s    carol publish -t public/news -m shown -q 1
expect anon suback 1
expect anon never-receives alice/secret
expect anon receives public/news "shown"
`;
  it.each(['311', '5'] as const)('version %s: SUBACK grants QoS 1 to both filters; the unreadable one is said so', (v) => {
    const r = runScenario(scenario(v));
    expect(r.results.map((x) => [x.pass, x.message])).toEqual(r.results.map((x) => [true, x.message]));
    const suback = r.trace.find((e) => e.kind === 'send' && e.from === 'broker' && e.packet?.type === 'suback')!.packet as { reasonCodes: number[] };
    expect(suback.reasonCodes).toEqual([1, 1]);
    const notes = r.trace.filter((e) => e.explain?.ref === 'mosquitto:acl_file').map((e) => e.explain!);
    const unreadable = notes.find((e) => e.key === 'acl.subscribe-unreadable')!;
    expect(unreadable.params).toMatchObject({ clientId: 'anon', filter: 'alice/secret' });
    expect(explainText(unreadable, 'en')).toContain('no message on alice/secret will arrive');
    expect(explainText(unreadable, 'de')).toContain('daher kommt keine Nachricht auf alice/secret an');
    expect(notes.find((e) => e.key === 'acl.subscribe-per-message')?.params).toMatchObject({ filter: 'public/#' });
    expect(notes.filter((e) => e.key === 'acl.read-denied').map((e) => e.params?.topic)).toEqual(['alice/secret']);
  });
});
