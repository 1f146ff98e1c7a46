/**
 * Recordings become scenarios (issue "Out of the sandbox", part 2): a trace — recorded from real
 * traffic, or simulated — as a `.mqtts` scenario whose replay sends the same packets.
 *
 * Theory of operation
 * -------------------
 * What the clients did is in the packets they sent to the broker: CONNECT (with its options),
 * SUBSCRIBE, UNSUBSCRIBE, PUBLISH, DISCONNECT. Each becomes the scenario line that makes the
 * simulated client send that packet (the option names of mosquitto_pub/sub, through
 * `commandStatement`, the same unparser the stage's direct actions use; a payload or will that is
 * no text — not valid UTF-8, or holding control characters — is written in hex, `--payload-hex` /
 * `--will-payload-hex`, so the replay sends the same bytes), at the time the client
 * sent it: for a recorded trace that is the time the broker received it less the link latency
 * (`latencyMs`, the simulator's default 20 ms), for a simulated trace the `send` time; a CONNECT
 * goes out after the TCP handshake, one round trip (2 × latency) after the `connect` command. A client
 * is named after the client id of its first CONNECT (cleaned to a scenario name); later
 * connections with the same id are the same client reconnecting. A connection that ended without
 * the client's DISCONNECT becomes `crash` (the peer closed: the broker heard it at once) or
 * `cable-cut` (the broker gave up after 1.5 × keep-alive), at the time of the client's last
 * packet on it; simulated traces carry these as commands and are taken as they are.
 * Real clients wait for the broker's answer before they go on (mosquitto_pub sends its PUBLISH
 * after the CONNACK, its DISCONNECT after the PUBACK), and on a real network that answer can
 * arrive within the same millisecond: so a recorded client's packet is never sent before the
 * broker's last packet to that connection has reached it in the replay (its send time, moved as
 * much as the client packet that caused it was, plus the latency, plus 1 ms). With a `latencyMs` other than the default, the clients are declared with
 * that latency (`client NAME latency=1ms`: `npm run recording` uses 1 ms, a loopback or LAN).
 * The broker's settings, users and ACL come from the recording's header (`broker`, see
 * src/scenario/from-trace-broker.ts for the passwords it does not hold) or from `brokerLines`. Acknowledgements and pings are the machines' own doing and are not written.
 */
import type { ConnectPacket, Packet } from '../core/codec/types.ts';
import type { TraceBrokerConfig } from '../sim/trace-broker-config.ts';
import type { TraceEntry } from '../sim/trace.ts';
import { brokerDeclarations, connectPasswords } from './from-trace-broker.ts';
import { commandStatement, formatAt, visibleText } from './unparse.ts';

export interface TraceToScenarioOptions {
  /** The first lines (broker settings, users, ACL); default: from `broker`, else a `broker` line with the version seen. */
  brokerLines?: readonly string[];
  /** The recorded broker's configuration (a trace header's `broker`): written as `broker`, `user` and `acl` lines. */
  broker?: TraceBrokerConfig;
  /** Subtracted from a received packet's time to get its send time (default 20, the simulator's link). */
  latencyMs?: number;
  /** A comment for the top of the file. */
  title?: string;
}

interface Line {
  atMs: number;
  order: number;
  statement: string;
}

const NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const RESERVED = new Set(['broker', 'client', 'link', 'user', 'acl', 'at', 'after', 'expect', 'seed', 'end', 'world', 'next', 'restart', 'drop', 'duplicate', 'delay']);

/** A scenario client name for a client id: letters, digits, `_` and `-`, starting with a letter. */
function clientName(clientId: string, taken: Set<string>): string {
  let base = clientId.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 60);
  if (!/^[A-Za-z]/.test(base)) base = `c${base}`;
  if (RESERVED.has(base) || !NAME.test(base)) base = `client_${base}`.slice(0, 60);
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}-${i}`;
  taken.add(name);
  return name;
}

function statementFor(client: string, p: Packet): string | undefined {
  switch (p.type) {
    case 'connect':
      return commandStatement({ type: 'client.event', client, event: { type: 'APP.CONNECT', options: connectOptions(p) } });
    case 'publish':
      return commandStatement({ type: 'client.event', client, event: { type: 'APP.PUBLISH', topic: p.topic, payload: p.payload, qos: p.qos, retain: p.retain, properties: p.properties } });
    case 'subscribe':
      return commandStatement({ type: 'client.event', client, event: { type: 'APP.SUBSCRIBE', subscriptions: p.subscriptions } });
    case 'unsubscribe':
      return commandStatement({ type: 'client.event', client, event: { type: 'APP.UNSUBSCRIBE', topicFilters: p.topicFilters } });
    case 'disconnect':
      return `${client} disconnect`;
    default:
      return undefined;
  }
}

function connectOptions(p: ConnectPacket): Record<string, unknown> {
  return {
    clientId: p.clientId,
    protocolVersion: p.protocolVersion,
    clean: p.clean,
    keepAliveSec: p.keepAliveSec,
    ...(p.properties?.sessionExpiryIntervalSec !== undefined ? { sessionExpiryIntervalSec: p.properties.sessionExpiryIntervalSec } : {}),
    ...(p.username !== undefined ? { username: p.username } : {}),
    ...(p.password !== undefined ? { password: p.password } : {}),
    ...(p.will ? { will: p.will } : {}),
  };
}

/** Whether a client subscribed to `$SYS` topics (the replay then needs the broker to publish them). */
function sysWatched(fromClients: readonly TraceEntry[]): boolean {
  return fromClients.some((e) => e.packet?.type === 'subscribe' && e.packet.subscriptions.some((s) => s.topicFilter.startsWith('$SYS')));
}

/** The trace as scenario text. */
export function traceToScenario(entries: readonly TraceEntry[], options: TraceToScenarioOptions = {}): string {
  const simulated = entries.some((e) => e.kind === 'send' && e.from !== 'broker');
  const latencyMs = options.latencyMs ?? 20;
  // Packets the clients sent: `send` entries of a simulated trace, else what the broker received.
  const fromClients = entries.filter((e) => e.to === 'broker' && e.packet && e.connId && (simulated ? e.kind === 'send' : e.kind === 'deliver'));
  const taken = new Set<string>();
  const nameOfId = new Map<string, string>();
  const nameOfConn = new Map<string, string>();
  const lastAt = new Map<string, number>();
  const ended = new Set<string>();
  const versions = new Set<number>();
  const lines: Line[] = [];
  let order = 0;
  // When the broker's latest packet to each connection reaches its client in the replay
  // (recordings only). A packet the broker sent is where its cause, the client packet just
  // before it, moved in the replay: `shift` is how much later than recorded that one is sent.
  const answeredAt = new Map<string, number>();
  const isFromClient = new Set(fromClients);
  const connects = fromClients.flatMap((e) => (e.packet?.type === 'connect' ? [{ entry: e, packet: e.packet }] : []));
  const passwords = connectPasswords(options.broker, connects, entries);
  let shift = 0;
  for (const e of entries) {
    if (!simulated && e.kind === 'send' && e.from === 'broker' && e.connId !== undefined) answeredAt.set(e.connId, e.atMs + shift + latencyMs + 1);
    if (!isFromClient.has(e)) continue;
    const recorded = e.packet!;
    const password = passwords.sent.get(e);
    const p = password !== undefined && recorded.type === 'connect' ? { ...recorded, password } : recorded;
    const connId = e.connId!;
    if (p.type === 'connect') {
      versions.add(p.protocolVersion);
      const name = nameOfId.get(p.clientId) ?? clientName(p.clientId || (simulated ? e.from : 'anonymous'), taken);
      nameOfId.set(p.clientId, name);
      nameOfConn.set(connId, name);
    }
    const client = nameOfConn.get(connId);
    if (client === undefined) continue; // a packet before CONNECT: the broker refused it anyway
    const handshakeMs = p.type === 'connect' ? 2 * latencyMs : 0;
    const recordedAt = Math.max(0, (simulated ? e.atMs : e.atMs - latencyMs) - handshakeMs);
    const atMs = Math.max(recordedAt, answeredAt.get(connId) ?? 0);
    shift = atMs - recordedAt;
    lastAt.set(connId, atMs);
    if (p.type === 'disconnect') ended.add(connId);
    const statement = statementFor(client, p);
    if (statement !== undefined) lines.push({ atMs, order: order++, statement });
  }
  if (simulated) {
    // Faults of the clients, as the simulation recorded them.
    // Their command words are the scenario's verbs (src/sim/command-text.ts).
    const verbs: ReadonlySet<string> = new Set(['cable-cut', 'cable-restore', 'crash']);
    for (const e of entries) {
      if (e.kind !== 'command' || e.to === undefined) continue;
      const verb = e.command && verbs.has(e.command.key) ? e.command.key : undefined;
      const client = [...nameOfConn.entries()].find(([conn]) => conn.startsWith(`${e.to}#`))?.[1];
      if (verb && client) lines.push({ atMs: e.atMs, order: order++, statement: `${client} ${verb}` });
    }
  } else {
    // Connections that ended without DISCONNECT: silent (keep-alive expired) or closed by the peer.
    const expired = new Set(entries.filter((e) => e.kind === 'note' && e.explain?.key === 'keepalive.expired').map((e) => String(e.explain?.params?.clientId)));
    for (const [connId, client] of nameOfConn) {
      if (ended.has(connId)) continue;
      const closed = entries.find((e) => e.connId === connId && e.kind === 'note' && /closed|reset|lost|expired/.test(e.explain?.key ?? ''));
      if (!closed) continue;
      const id = [...nameOfId.entries()].find(([, n]) => n === client)?.[0] ?? '';
      const cut = expired.has(id);
      // A crash when the broker heard the connection close (a trace with real times); a cut cable
      // when the client was last heard of (the broker gives up on it by itself).
      const atMs = Math.max((lastAt.get(connId) ?? 0) + 1, cut ? 0 : closed.atMs - latencyMs);
      lines.push({ atMs, order: order++, statement: `${client} ${cut ? 'cable-cut' : 'crash'}` });
    }
  }
  lines.sort((a, b) => a.atMs - b.atMs || a.order - b.order);

  const head = [
    `# ${visibleText((options.title ?? (simulated ? 'a simulated run, as a scenario' : 'a recording, as a scenario')).replace(/[\r\n]+/g, ' '))}`,
    ...(options.brokerLines ?? (options.broker ? brokerDeclarations(options.broker, versions.has(5), passwords.users, sysWatched(fromClients)) : [versions.has(5) ? 'broker version=5' : 'broker'])),
    ...[...new Set(nameOfConn.values())].map((n) => `client ${n}${latencyMs !== 20 ? ` latency=${latencyMs}ms` : ''}`),
    '',
  ];
  return [...head, ...lines.map((l) => `at ${formatAt(l.atMs).padEnd(7)} ${l.statement}`), ''].join('\n');
}
