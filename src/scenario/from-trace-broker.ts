/**
 * The recorded broker's configuration (a trace header's `broker`, src/sim/trace-broker-config.ts)
 * as the scenario language's own declarations: one `broker` line with the settings, a `user`
 * line per password_file user and the acl_file as `acl` lines, in order. Replayed, the scenario's
 * broker then refuses and denies what the real one did.
 *
 * Passwords: a recording holds none in its header, and the CONNECT's password only with
 * `--show-secrets` (else it is masked: as many `*` as it had characters). A user gets the
 * password a CONNECT the real broker accepted showed; otherwise a placeholder, with a comment,
 * and the CONNECTs of that user are written with the placeholder when the real broker accepted
 * them and with what the recording shows when it refused them (`connectPasswords`): so each
 * replayed CONNECT is accepted or refused as the recorded one was.
 */
import { BROKER_DEFAULTS } from '../core/broker/config.ts';
import type { ConnectPacket } from '../core/codec/types.ts';
import type { TraceBrokerConfig } from '../sim/trace-broker-config.ts';
import type { TraceEntry } from '../sim/trace.ts';
import { formatDuration, payloadWords, quoteWord } from './unparse.ts';

/** The password a `user` line gets when the recording does not show it. */
export const PASSWORD_PLACEHOLDER = 'password-not-recorded';

/** What `maskSecrets` (src/sim/trace-json.ts) writes for each byte of a password. */
const MASK_BYTE = 0x2a;

function masked(password: Uint8Array): boolean {
  return password.length > 0 && password.every((b) => b === MASK_BYTE);
}

/** A CONNECT as the broker received it. */
export interface RecordedConnect {
  entry: TraceEntry;
  packet: ConnectPacket;
}

/**
 * The passwords to write: for each user, the password (or the placeholder), and for each
 * CONNECT entry whose password the scenario must change, the password to send instead.
 */
export function connectPasswords(config: TraceBrokerConfig | undefined, connects: readonly RecordedConnect[], entries: readonly TraceEntry[]): { users: Map<string, string | Uint8Array>; sent: Map<TraceEntry, Uint8Array> } {
  const users = new Map<string, string | Uint8Array>();
  const sent = new Map<TraceEntry, Uint8Array>();
  if (config?.users === undefined) return { users, sent };
  const refusedSteps = new Set(entries.filter((e) => e.kind === 'note' && e.explain?.key === 'connect.bad-credentials').map((e) => e.step));
  const refused = (c: RecordedConnect) => refusedSteps.has(c.entry.step);
  for (const name of config.users) {
    const shown = connects.find((c) => c.packet.username === name && c.packet.password !== undefined && !masked(c.packet.password) && !refused(c));
    users.set(name, shown ? passwordValue(shown.packet.password!) : PASSWORD_PLACEHOLDER);
  }
  for (const c of connects) {
    const pw = c.packet.password;
    if (pw === undefined || !masked(pw) || refused(c) || c.packet.username === undefined || !users.has(c.packet.username)) continue;
    // Accepted: the user's password (the placeholder, unless another CONNECT showed the real one).
    // Refused: the stars stay, and they are not the placeholder, so the replay refuses it too.
    const password = users.get(c.packet.username)!;
    sent.set(c.entry, typeof password === 'string' ? new TextEncoder().encode(password) : password);
  }
  return { users, sent };
}

/** A shown password as text when it reads back byte for byte as text, else its bytes (`--password-hex`). */
function passwordValue(password: Uint8Array): string | Uint8Array {
  const words = payloadWords(password);
  return words[0] === '-m' ? new TextDecoder().decode(password) : words[0] === '-n' ? '' : password;
}

/** A topic in an `acl` line: a `#` there is the wildcard, never a comment (docs/scenario-language.md). */
const aclTopic = (topic: string) => (/^[^\s'"\\]+$/.test(topic) ? topic : quoteWord(topic));

/** The `acl` lines of an acl_file text, in order; lines the broker skipped as comments. */
function aclLines(text: string): string[] {
  const out: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const m = /^(\S+)(?:\s+(.*))?$/.exec(line)!;
    const keyword = m[1]!;
    const rest = (m[2] ?? '').trim();
    if (keyword === 'user' && rest !== '') out.push(`acl user ${quoteWord(rest)}`);
    else if ((keyword === 'topic' || keyword === 'pattern') && rest !== '') {
      const sp = /^(read|write|readwrite|deny)\s+(.+)$/.exec(rest);
      out.push(`acl ${keyword} ${sp ? `${sp[1]} ${aclTopic(sp[2]!.trim())}` : `readwrite ${aclTopic(rest)}`}`);
    } else out.push(`# acl_file line ${index + 1} skipped (the broker did too): ${line.replace(/[\r\n]/g, ' ')}`);
  });
  return out;
}

const onOff = (v: boolean) => (v ? 'on' : 'off');

/**
 * What `npm run broker` puts into every header on its own, configured or not (engineConfig in
 * src/node/broker/tcp-broker-options.ts; a test keeps the two equal): limits of the real-time driver, not
 * settings a user chose, so a scenario made from its recording does not repeat them.
 */
export const DRIVER_DEFAULTS = { maxPacketSize: 16 * 1024 * 1024, connectTimeoutSec: 30, maxQueuedBytes: 1024 * 1024 } as const;

/** A recorded value worth writing: set, and neither the simulator's default nor the driver's own. */
const differs = <T>(value: T | undefined, simulator: T, driver?: T): value is T => value !== undefined && value !== simulator && value !== driver;

/**
 * The declarations for a recorded configuration: `broker` with the settings that differ from
 * the simulator's defaults (BROKER_DEFAULTS, `$SYS` off) and from what `npm run broker` adds by
 * itself (`version=5` when a client spoke 5.0), `user` and `acl` lines, and a comment for what the
 * language cannot say. A recording of a broker started without a configuration gives `broker`.
 *
 * `$SYS`: the real broker publishes every 10 s unless told otherwise, a scenario's broker never;
 * the interval is written when the configuration set one, or when a recorded client subscribed
 * to `$SYS` (`sysWatched`), so that the replay publishes what it saw.
 */
export function brokerDeclarations(config: TraceBrokerConfig, version5: boolean, users: ReadonlyMap<string, string | Uint8Array>, sysWatched = false): string[] {
  const d = BROKER_DEFAULTS;
  const settings: string[] = [];
  if (version5) settings.push('version=5');
  if (differs(config.persistence, d.persistence)) settings.push(`persistence=${onOff(config.persistence)}`);
  if (differs(config.allowAnonymous, d.allowAnonymous)) settings.push(`anonymous=${onOff(config.allowAnonymous)}`);
  if (differs(config.maxInflightMessages, d.maxInflightMessages)) settings.push(`max-inflight=${config.maxInflightMessages}`);
  if (differs(config.maxQueuedMessages, d.maxQueuedMessages)) settings.push(`max-queued=${config.maxQueuedMessages}`);
  const sys = config.sysIntervalSec ?? (sysWatched ? d.sysIntervalSec : 0);
  if (sys > 0) settings.push(`sys-interval=${formatDuration(sys * 1000)}`);
  if (differs(config.retainAvailable, d.retainAvailable)) settings.push(`retain=${onOff(config.retainAvailable)}`);
  if (differs(config.maxPacketSize, d.maxPacketSize, DRIVER_DEFAULTS.maxPacketSize) && config.maxPacketSize <= 999_999_999) settings.push(`max-packet-size=${config.maxPacketSize}`);
  if (differs(config.maxKeepAliveSec, d.maxKeepAliveSec)) settings.push(`max-keepalive=${config.maxKeepAliveSec}`);
  if (differs(config.topicAliasMaximum, d.topicAliasMaximum)) settings.push(`max-topic-alias=${Math.min(config.topicAliasMaximum, 65535)}`);
  if (differs(config.queueQos0Messages, d.queueQos0Messages)) settings.push(`queue-qos0=${onOff(config.queueQos0Messages)}`);
  const lines = [['broker', ...settings].join(' ')];
  const unsaid = [
    differs(config.maxQueuedBytes, d.maxQueuedBytes, DRIVER_DEFAULTS.maxQueuedBytes) ? `max_queued_bytes ${config.maxQueuedBytes}` : '',
    differs(config.connectTimeoutSec, d.connectTimeoutSec, DRIVER_DEFAULTS.connectTimeoutSec) ? `a CONNECT timeout of ${config.connectTimeoutSec} s` : '',
    config.protocolVersions && config.protocolVersions.length < 2 ? `only MQTT ${config.protocolVersions.map((v) => (v === 5 ? '5.0' : '3.1.1')).join(', ')}` : '',
  ].filter((s) => s !== '');
  if (unsaid.length > 0) lines.push(`# the recorded broker also had ${unsaid.join(', ')} (no scenario setting)`);
  for (const [name, password] of users) {
    const note = password === PASSWORD_PLACEHOLDER ? '   # not in the recording: put the real password here (the replayed CONNECTs the broker accepted send this one)' : '';
    lines.push(`user ${quoteWord(name)} ${typeof password !== 'string' ? `--password-hex ${payloadWords(password)[1]!}` : password === '--password-hex' ? `"${password}"` : quoteWord(password)}${note}`);
  }
  if (config.acl !== undefined) lines.push(...aclLines(config.acl));
  return lines;
}
