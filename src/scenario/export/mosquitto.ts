/**
 * From sandbox to Mosquitto (issue "Out of the sandbox", part 3): the scenario's `broker`, `user`
 * and `acl` lines as a working `mosquitto.conf`, `acl_file` and `password_file`.
 *
 * The password file uses Mosquitto's own hashed format, as `mosquitto_passwd` writes it:
 * `user:$7$ITERATIONS$SALT$HASH`, PBKDF2 with HMAC-SHA512, 101 iterations, a 12-byte salt and a
 * 64-byte key, salt and key in standard base64 (Mosquitto 2.0, src/password_mosq.c). The salt's
 * random bytes come from the caller (`crypto.getRandomValues` in the browser, Node's crypto in the
 * CLI), so this module stays pure. `verifyPasswordHash` checks a password against such a line
 * (and against the older `$6$` salted SHA-512), which `npm run broker` uses to read hashed files.
 *
 * Settings the sandbox has and Mosquitto spells differently are translated (`sys-interval=10s`
 * → `sys_interval 10`); `allow_anonymous` is always written, because Mosquitto 2.0 defaults it
 * to false once a listener is configured while the sandbox defaults it to true.
 */
import { pbkdf2 } from '@noble/hashes/pbkdf2.js';
import { sha512 } from '@noble/hashes/sha2.js';
import type { BrokerDecl } from '../ast.ts';
import type { NoteLang } from './device-notes.ts';

export interface MosquittoFiles {
  /** mosquitto.conf */
  conf: string;
  /** The acl_file, or undefined when the scenario has no ACL. */
  acl?: string;
  /** The password_file, or undefined when the scenario has no users. */
  passwd?: string;
}

export interface MosquittoExportOptions {
  /** Port of the listener (default 1883). */
  port?: number;
  /** Address to bind (default: every address, as Mosquitto does without one). */
  host?: string;
  /** Paths written into mosquitto.conf (default `/etc/mosquitto/mqtt-lab.acl` and `.passwd`). */
  aclPath?: string;
  passwdPath?: string;
  /** `n` random bytes for each password's salt. */
  randomBytes: (n: number) => Uint8Array;
  /** The language of the comments in the files (default English), as the device export's `--lang`. */
  language?: NoteLang;
}

/** The sentences the files carry as comments (and the CLI's messages), in English and German. */
export interface MosquittoNotes {
  confMadeBy: string;
  startIt: string;
  anonymousDefault: string;
  clientsSpeak311: string;
  aclMadeBy: string;
  /** The CLI: the files written, and how to start Mosquitto with them. */
  wrote: (files: string, conf: string) => string;
  /** The CLI: how to narrow the password file's permissions on a real installation. */
  narrowPasswd: (passwd: string) => string;
}

const EN: MosquittoNotes = {
  confMadeBy: "mosquitto.conf made by MQTT Lab from the scenario's broker line (Mosquitto 2.0).",
  startIt: 'Start it: mosquitto -c mosquitto.conf   (put the files at the paths below, readable by the mosquitto user)',
  anonymousDefault: 'the sandbox lets anonymous clients in unless told otherwise; Mosquitto 2.0 does not once a listener is set',
  clientsSpeak311: "the scenario's clients speak MQTT 3.1.1 by default; Mosquitto accepts 3.1, 3.1.1 and 5.0",
  aclMadeBy: "acl_file made by MQTT Lab (Mosquitto's format, as in the scenario's acl lines)",
  wrote: (files, conf) => `wrote ${files}\nstart it: mosquitto -c ${conf}`,
  narrowPasswd: (passwd) => `for a real installation: chown mosquitto: ${passwd} && chmod 600 ${passwd}`,
};

const DE: MosquittoNotes = {
  confMadeBy: 'mosquitto.conf, von MQTT Lab aus der broker-Zeile des Szenarios erzeugt (Mosquitto 2.0).',
  startIt: 'Starten: mosquitto -c mosquitto.conf   (die Dateien an die Pfade unten legen, lesbar für den Benutzer mosquitto)',
  anonymousDefault: 'die Sandbox lässt anonyme Clients herein, wenn nichts anderes gesagt ist; Mosquitto 2.0 nicht mehr, sobald ein Listener gesetzt ist',
  clientsSpeak311: 'die Clients des Szenarios sprechen ohne Angabe MQTT 3.1.1; Mosquitto nimmt 3.1, 3.1.1 und 5.0 an',
  aclMadeBy: 'acl_file, von MQTT Lab erzeugt (im Format von Mosquitto, wie in den acl-Zeilen des Szenarios)',
  wrote: (files, conf) => `geschrieben: ${files}\nstarten: mosquitto -c ${conf}`,
  narrowPasswd: (passwd) => `für eine echte Installation: chown mosquitto: ${passwd} && chmod 600 ${passwd}`,
};

/** The notes in `lang`. */
export function mosquittoNotes(lang: NoteLang = 'en'): MosquittoNotes {
  return lang === 'de' ? DE : EN;
}

const ITERATIONS = 101;
const SALT_BYTES = 12;
const KEY_BYTES = 64;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array | undefined {
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/** `$7$101$SALT$HASH` for `password` (text, as UTF-8, or bytes), as `mosquitto_passwd` writes it. */
export function hashPassword(password: string | Uint8Array, salt: Uint8Array, iterations = ITERATIONS): string {
  const key = pbkdf2(sha512, typeof password === 'string' ? new TextEncoder().encode(password) : password, salt, { c: iterations, dkLen: KEY_BYTES });
  return `$7$${iterations}$${toBase64(salt)}$${toBase64(key)}`;
}

/** Timing-independent comparison of two byte strings. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** Most PBKDF2 iterations accepted from a password file (a hostile file must not stall the broker). */
export const MAX_ITERATIONS = 1_000_000;

/**
 * Whether `password` matches a stored `$7$` (PBKDF2-SHA512) or `$6$` (salted SHA-512) hash;
 * undefined when `stored` is not such a hash.
 */
export function verifyPasswordHash(stored: string, password: Uint8Array): boolean | undefined {
  const v7 = /^\$7\$(\d{1,7})\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/.exec(stored);
  if (v7) {
    const iterations = Number(v7[1]);
    const salt = fromBase64(v7[2]!);
    const hash = fromBase64(v7[3]!);
    if (!salt || !hash || iterations < 1 || iterations > MAX_ITERATIONS || hash.length === 0) return undefined;
    return sameBytes(pbkdf2(sha512, password, salt, { c: iterations, dkLen: hash.length }), hash);
  }
  const v6 = /^\$6\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/.exec(stored);
  if (v6) {
    const salt = fromBase64(v6[1]!);
    const hash = fromBase64(v6[2]!);
    if (!salt || !hash) return undefined;
    const input = new Uint8Array(password.length + salt.length);
    input.set(password, 0);
    input.set(salt, password.length);
    return sameBytes(sha512(input), hash);
  }
  return undefined;
}

/** The scenario's broker as Mosquitto's configuration files. */
export function brokerToMosquitto(broker: BrokerDecl, options: MosquittoExportOptions): MosquittoFiles {
  const aclPath = options.aclPath ?? '/etc/mosquitto/mqtt-lab.acl';
  const passwdPath = options.passwdPath ?? '/etc/mosquitto/mqtt-lab.passwd';
  const notes = mosquittoNotes(options.language);
  const lines = [
    `# ${notes.confMadeBy}`,
    `# ${notes.startIt}`,
    `listener ${options.port ?? 1883}${options.host ? ` ${options.host}` : ''}`,
    ...(broker.anonymous === undefined ? [`# ${notes.anonymousDefault}`] : []),
    `allow_anonymous ${broker.anonymous ?? true}`,
  ];
  let passwd: string | undefined;
  if (broker.users.length > 0) {
    lines.push(`password_file ${passwdPath}`);
    passwd = broker.users.map((u) => `${u.name}:${hashPassword(u.password, options.randomBytes(SALT_BYTES))}\n`).join('');
  }
  let acl: string | undefined;
  if (broker.aclLines.length > 0) {
    lines.push(`acl_file ${aclPath}`);
    acl = `# ${notes.aclMadeBy}\n${broker.aclLines.join('\n')}\n`;
  }
  if (broker.persistence !== undefined) lines.push(`persistence ${broker.persistence}`);
  if (broker.maxInflight !== undefined) lines.push(`max_inflight_messages ${broker.maxInflight}`);
  if (broker.maxQueued !== undefined) lines.push(`max_queued_messages ${broker.maxQueued}`);
  lines.push(`sys_interval ${broker.sysIntervalMs === undefined ? 0 : Math.round(broker.sysIntervalMs / 1000)}`);
  if (broker.retain === false) lines.push('retain_available false');
  if (broker.maxPacketSize !== undefined) lines.push(`max_packet_size ${broker.maxPacketSize}`);
  if (broker.maxKeepalive !== undefined) lines.push(`max_keepalive ${broker.maxKeepalive}`);
  if (broker.maxTopicAlias !== undefined) lines.push(`max_topic_alias ${broker.maxTopicAlias}`);
  if (broker.version === 4) lines.push(`# ${notes.clientsSpeak311}`);
  return { conf: `${lines.join('\n')}\n`, ...(acl !== undefined ? { acl } : {}), ...(passwd !== undefined ? { passwd } : {}) };
}
