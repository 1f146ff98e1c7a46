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
import type { ConnectPacket } from '../core/codec/types.ts';
import type { TraceBrokerConfig } from '../sim/trace-broker-config.ts';
import type { TraceEntry } from '../sim/trace.ts';
import { formatDuration, quoteWord } from './unparse.ts';

/** The password a `user` line gets when the recording does not show it. */
export const PASSWORD_PLACEHOLDER = 'password-not-recorded';

/** What `maskSecrets` (src/sim/trace-json.ts) writes for each byte of a password. */
const MASK_BYTE = 0x2a;
const decoder = new TextDecoder();

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
export function connectPasswords(config: TraceBrokerConfig | undefined, connects: readonly RecordedConnect[], entries: readonly TraceEntry[]): { users: Map<string, string>; sent: Map<TraceEntry, Uint8Array> } {
  const users = new Map<string, string>();
  const sent = new Map<TraceEntry, Uint8Array>();
  if (config?.users === undefined) return { users, sent };
  const refusedSteps = new Set(entries.filter((e) => e.kind === 'note' && e.explain?.key === 'connect.bad-credentials').map((e) => e.step));
  const refused = (c: RecordedConnect) => refusedSteps.has(c.entry.step);
  for (const name of config.users) {
    const shown = connects.find((c) => c.packet.username === name && c.packet.password !== undefined && !masked(c.packet.password) && !refused(c));
    users.set(name, shown ? decoder.decode(shown.packet.password) : PASSWORD_PLACEHOLDER);
  }
  for (const c of connects) {
    const pw = c.packet.password;
    if (pw === undefined || !masked(pw) || refused(c) || c.packet.username === undefined || !users.has(c.packet.username)) continue;
    // Accepted: the user's password (the placeholder, unless another CONNECT showed the real one).
    // Refused: the stars stay, and they are not the placeholder, so the replay refuses it too.
    sent.set(c.entry, new TextEncoder().encode(users.get(c.packet.username)!));
  }
  return { users, sent };
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
 * The declarations for a recorded configuration: `broker` with its settings (`version=5` when a
 * client spoke 5.0), `user` and `acl` lines, and a comment for what the language cannot say.
 */
export function brokerDeclarations(config: TraceBrokerConfig, version5: boolean, users: ReadonlyMap<string, string>): string[] {
  const settings: string[] = [];
  if (version5) settings.push('version=5');
  if (config.persistence !== undefined) settings.push(`persistence=${onOff(config.persistence)}`);
  if (config.allowAnonymous !== undefined) settings.push(`anonymous=${onOff(config.allowAnonymous)}`);
  if (config.maxInflightMessages !== undefined) settings.push(`max-inflight=${config.maxInflightMessages}`);
  if (config.maxQueuedMessages !== undefined) settings.push(`max-queued=${config.maxQueuedMessages}`);
  // The real broker's default is 10 s; a scenario's is off.
  const sys = config.sysIntervalSec ?? 10;
  if (sys > 0) settings.push(`sys-interval=${formatDuration(sys * 1000)}`);
  if (config.retainAvailable !== undefined) settings.push(`retain=${onOff(config.retainAvailable)}`);
  if (config.maxPacketSize !== undefined && config.maxPacketSize > 0 && config.maxPacketSize <= 999_999_999) settings.push(`max-packet-size=${config.maxPacketSize}`);
  if (config.maxKeepAliveSec !== undefined) settings.push(`max-keepalive=${config.maxKeepAliveSec}`);
  if (config.topicAliasMaximum !== undefined) settings.push(`max-topic-alias=${Math.min(config.topicAliasMaximum, 65535)}`);
  if (config.queueQos0Messages !== undefined) settings.push(`queue-qos0=${onOff(config.queueQos0Messages)}`);
  const lines = [['broker', ...settings].join(' ')];
  const unsaid = [
    config.maxQueuedBytes ? `max_queued_bytes ${config.maxQueuedBytes}` : '',
    config.connectTimeoutSec ? `a CONNECT timeout of ${config.connectTimeoutSec} s` : '',
    config.protocolVersions && config.protocolVersions.length < 2 ? `only MQTT ${config.protocolVersions.map((v) => (v === 5 ? '5.0' : '3.1.1')).join(', ')}` : '',
  ].filter((s) => s !== '');
  if (unsaid.length > 0) lines.push(`# the recorded broker also had ${unsaid.join(', ')} (no scenario setting)`);
  for (const [name, password] of users) {
    const note = password === PASSWORD_PLACEHOLDER ? '   # not in the recording: put the real password here (the replayed CONNECTs the broker accepted send this one)' : '';
    lines.push(`user ${quoteWord(name)} ${quoteWord(password)}${note}`);
  }
  if (config.acl !== undefined) lines.push(...aclLines(config.acl));
  return lines;
}
