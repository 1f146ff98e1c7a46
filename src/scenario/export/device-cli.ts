/**
 * A scenario client as `mosquitto_sub` / `mosquitto_pub` command lines in a POSIX shell script.
 *
 * The two tools cannot be one client: `mosquitto_sub` holds one connection with its
 * subscriptions, `mosquitto_pub` opens a connection per message. So a client's subscriptions run
 * as one `mosquitto_sub` in the background (with the client's id and connect options) from its
 * first subscribe until its disconnect, and each publish is one `mosquitto_pub`; when the client
 * also subscribes, the publishes use the id `ID-pub` so that they do not take over the
 * subscriber's session (a comment says so). Everything else is named in comments.
 */
import type { QoS } from '../../core/codec/types.ts';
import type { ConnectOptions } from '../ast.ts';
import { byQos, commentSafe, connectExtras, payloadText, seconds, subscriptionExtras, type Generator, type GeneratorInput } from './device-helpers.ts';
import type { DeviceNotes } from './device-notes.ts';

/** A shell word: single-quoted, with `'` written as `'\''`. */
export function sh(word: string): string {
  return /^[A-Za-z0-9_./:-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** Whether `bytes` cannot be one shell argument as they are: not valid UTF-8 text, or a zero byte (which ends a C string). */
function notAnArgument(bytes: Uint8Array): boolean {
  return bytes.includes(0) || payloadText(bytes) === undefined;
}

/** A password a shell argument cannot carry: a zero byte, or bytes ending in a line feed (`$(...)` drops it). */
function passwordNotAnArgument(bytes: Uint8Array): boolean {
  return bytes.includes(0) || (payloadText(bytes) === undefined && bytes[bytes.length - 1] === 0x0a);
}

/** A `printf` format that writes exactly `bytes`: every byte as an octal escape (POSIX printf, dash and bash alike). */
function printfBytes(bytes: Uint8Array): string {
  return `'${Array.from(bytes, (b) => `\\${b.toString(8).padStart(3, '0')}`).join('')}'`;
}

/** The smallest `-k` that mosquitto_pub and mosquitto_sub (2.0) accept. */
const MIN_TOOL_KEEPALIVE_SEC = 5;

function connectArgs(o: ConnectOptions, id: string, say: GeneratorInput['unsupported'], withWill: boolean, n: DeviceNotes): string[] {
  // mosquitto_pub/sub refuse a keep alive below 5 s ("Invalid keepalive given"), 0 (off) included: noted at the connect step.
  // Without -i the tools send an empty client id (`-i ''` is "Invalid id"), and -c needs an id; both noted at the connect step.
  const args = [...(id !== '' ? ['-i', sh(id)] : []), '-k', String(Math.max(MIN_TOOL_KEEPALIVE_SEC, o.keepAliveSec)), '-V', o.protocolVersion === 5 ? 'mqttv5' : 'mqttv311'];
  if (!o.clean && id !== '') args.push('-c');
  if (o.username !== undefined) args.push('-u', sh(o.username));
  // The tools send a password only with a user name ("Problem setting username and/or password").
  // A password that is bytes through printf; one with a zero byte (or a last line feed, which
  // `$(...)` drops) cannot be an argument: noted at the connect step.
  if (o.password !== undefined && o.username !== undefined && !passwordNotAnArgument(o.password)) {
    args.push('-P', payloadText(o.password) !== undefined ? sh(decoder.decode(o.password)) : `"$(printf ${printfBytes(o.password)})"`);
  }
  if (o.sessionExpiryIntervalSec !== undefined) args.push('-x', o.sessionExpiryIntervalSec === 0xffffffff ? '-1' : String(o.sessionExpiryIntervalSec));
  // A will payload that is bytes is left out: noted at the connect step.
  if (withWill && o.will && !notAnArgument(o.will.payload)) {
    args.push('--will-topic', sh(o.will.topic), '--will-payload', sh(decoder.decode(o.will.payload)), '--will-qos', String(o.will.qos));
    if (o.will.retain) args.push('--will-retain');
  }
  const extras = connectExtras(o).filter((e) => !e.startsWith('session-expiry'));
  for (const e of extras) say(n.connectOption(e));
  return args;
}

export const CLI_TARGET: Generator = {
  extension: '.sh',
  generate({ client, steps, host, port, notes: n, unsupported }) {
    const lines: string[] = [];
    const subscribes = steps.some((s) => s.action.kind === 'subscribe');
    let connect: ConnectOptions | undefined;
    let subRunning = false;
    let now = 0;
    const waitUntil = (ms: number): void => {
      if (ms > now) lines.push(`sleep ${seconds(ms - now)}`);
      now = Math.max(now, ms);
    };
    for (const { atMs, action: a } of steps) {
      waitUntil(atMs);
      switch (a.kind) {
        case 'connect':
          connect = a.options;
          if (!subscribes) lines.push(`# ${n.cliConnects(client)}`);
          if (a.options.keepAliveSec < MIN_TOOL_KEEPALIVE_SEC) lines.push(`# ${unsupported(n.cliKeepAlive(a.options.keepAliveSec, MIN_TOOL_KEEPALIVE_SEC))}`);
          if (a.options.clientId === '' && !a.options.clean) lines.push(`# ${unsupported(n.cliEmptyIdKeepSession)}`);
          if (a.options.password !== undefined && a.options.username === undefined) lines.push(`# ${unsupported(n.passwordWithoutUser)}`);
          if (a.options.will && notAnArgument(a.options.will.payload)) lines.push(`# ${unsupported(n.cliBinaryWill)}`);
          if (a.options.password !== undefined && a.options.username !== undefined && passwordNotAnArgument(a.options.password)) lines.push(`# ${unsupported(n.cliPasswordNotArgument)}`);
          break;
        case 'subscribe': {
          if (!connect) break;
          if (subRunning) {
            lines.push(`# ${unsupported(n.cliSecondSubscribe(atMs))}`);
            break;
          }
          const groups = byQos(a.subscriptions);
          const qos = Math.max(...groups.keys()) as QoS;
          if (groups.size > 1) lines.push(`# ${unsupported(n.cliQosPerFilter(qos))}`);
          for (const s of a.subscriptions) for (const e of subscriptionExtras(s)) lines.push(`# ${unsupported(n.subscriptionOption(e, s.topicFilter))}`);
          const all = a.subscriptions.map((s) => s.topicFilter);
          const args = [...connectArgs(connect, connect.clientId, unsupported, true, n), '-q', String(qos), ...all.flatMap((f) => ['-t', sh(f)]), '-v'];
          if (a.subscriptions.some((s) => s.retainHandling === 2)) args.push('-R');
          lines.push(`mosquitto_sub -h "$HOST" -p "$PORT" ${args.join(' ')} &`, 'SUB_PID=$!');
          subRunning = true;
          break;
        }
        case 'publish': {
          if (!connect) break;
          const id = subscribes && connect.clientId !== '' ? `${connect.clientId}-pub` : connect.clientId;
          if (subscribes) lines.push(`# ${commentSafe(n.cliAlsoSubscribes(client, id))}`);
          const binary = notAnArgument(a.payload);
          const payload = a.payload.length === 0 ? '-n' : binary ? '-s' : `-m ${sh(decoder.decode(a.payload))}`;
          const args = [...connectArgs(connect, id, () => '', !subscribes, n), '-t', sh(a.topic), payload, '-q', String(a.qos)];
          if (a.retain) args.push('-r');
          for (const p of Object.keys(a.properties ?? {})) lines.push(`# ${unsupported(n.cliPublishProperty(p))}`);
          if (binary) lines.push(`# ${n.cliBinaryPayload}`);
          lines.push(`${binary ? `printf ${printfBytes(a.payload)} | ` : ''}mosquitto_pub -h "$HOST" -p "$PORT" ${args.join(' ')}`);
          break;
        }
        case 'unsubscribe':
          lines.push(`# ${unsupported(n.cliUnsubscribe(a.topicFilters.join(', '), atMs))}`);
          break;
        case 'disconnect':
          if (subRunning) lines.push(`kill -INT "$SUB_PID"  # ${n.cliSubDisconnects}`, 'wait "$SUB_PID" 2>/dev/null');
          subRunning = false;
          break;
        case 'crash':
        case 'cable-cut':
          if (subRunning) lines.push(`# ${a.kind === 'crash' ? n.cliProcessDies : unsupported(n.cliCableCutKill(atMs))}: ${n.cliNoDisconnect}`, 'kill -KILL "$SUB_PID"', 'wait "$SUB_PID" 2>/dev/null');
          else lines.push(`# ${unsupported(n.cliNoConnection(a.kind, atMs))}`);
          subRunning = false;
          break;
        case 'cable-restore':
        case 'link':
          lines.push(`# ${unsupported(n.verbAt(a.kind, atMs))}`);
          break;
        case 'raw':
          lines.push(`# ${unsupported(n.rawPacket(a.verb, atMs, 'mosquitto_pub'))}`);
          break;
      }
    }
    if (subRunning) lines.push(`wait "$SUB_PID"  # ${n.cliSubscriberRuns}`);
    return [
      '#!/bin/sh',
      `# ${n.header(client.replace(/[\r\n]/g, ' '), n.kindCli)}`,
      `# ${n.runIt} sh this-file.sh [HOST [PORT]]   (Debian: apt-get install mosquitto-clients)`,
      'set -e',
      `HOST="\${1:-${host.replace(/[^A-Za-z0-9_.:-]/g, '')}}"`,
      `PORT="\${2:-${port}}"`,
      '',
      ...lines,
      '',
    ].join('\n');
  },
};
