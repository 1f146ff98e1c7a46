/**
 * mosquitto.conf for the subset `npm run broker` supports (see `man mosquitto.conf`).
 *
 * One option a line, `name value...` separated by spaces; a line whose first non-blank
 * character is `#` is a comment, as are blank lines. Supported:
 *
 *   listener PORT [HOST]            a listener; several are allowed (Mosquitto binds every
 *                                   address without HOST; we bind 127.0.0.1 unless HOST is given:
 *                                   a classroom tool should not open a port to the network by
 *                                   accident). The lines after it, up to the next listener, may set:
 *     protocol mqtt|websockets      MQTT over TCP (default) or over WebSockets (paths / and /mqtt)
 *     certfile PATH, keyfile PATH   PEM server certificate and key: TLS (mqtts, or wss)
 *     cafile PATH                   PEM CA that client certificates must be signed by
 *     require_certificate true|false  refuse a client without a certificate from cafile
 *     use_identity_as_username true|false  the client certificate's CN is the user name (for the
 *                                   ACL); the password_file is not used on this listener, and a
 *                                   client without certificate is refused (CONNACK 4 / 0x86)
 *   allow_anonymous true|false      default: false when a listener is configured, else true
 *                                   (Mosquitto 2.0's rule)
 *   password_file PATH              `user:password` lines: hashed by mosquitto_passwd ($7$
 *                                   PBKDF2-SHA512, or the older $6$), or plain text
 *   acl_file PATH                   Mosquitto's acl_file format
 *   persistence true|false          keeps sessions/retained over a BROKER restart in memory;
 *                                   nothing is written to disk
 *   max_inflight_messages N, max_queued_messages N, max_queued_bytes N, max_packet_size N, sys_interval N,
 *   retain_available true|false, max_keepalive N, queue_qos0_messages true|false
 *   connect_timeout SEC             not Mosquitto's: close a connection without a complete
 *                                   CONNECT this long after it opened (default 30, 0 = never;
 *                                   Mosquitto 2.0.11 waits its keep-alive default, 60 s × 1.5)
 *
 * An unknown or malformed line is an error `FILE:LINE: message` (unprintable characters
 * escaped); paths are relative to the configuration file's folder. Each file is read with a
 * cap of `MAX_CONFIG_FILE_BYTES` (1 MiB). Nothing here starts a server: `loadBrokerConfig` returns the
 * listener and the core's `BrokerConfig`.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseAcl, type BrokerConfig } from '../../core/broker/index.ts';
import type { ListenerSpec, TlsSpec } from './listeners.ts';
import { verifyPasswordHash } from '../../scenario/export/mosquitto.ts';

/** Where to listen, if the file says: a listener of src/node/broker/listeners.ts. */
export type Listener = ListenerSpec;

/** The result of reading a configuration file. */
export interface LoadedConfig {
  /** The first listener (kept for callers that serve one). */
  listener?: Listener;
  /** Every listener, in file order. */
  listeners: Listener[];
  broker: BrokerConfig;
}

const MAX_PROBLEMS = 20;
const MAX_PROBLEM_CHARS = 200;

/**
 * One or more problems, each `FILE:LINE: message`, printable: a control byte or other
 * unprintable character quoted from a (binary) file is written escaped (`\x1b`, `\u200b`);
 * at most 20 problems of at most 200 characters each.
 */
export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    // A binary file is one problem a line: the first ones, each cut short, tell enough.
    const shown = problems.slice(0, MAX_PROBLEMS).map((p) => escapeUnprintable(p.length > MAX_PROBLEM_CHARS ? `${p.slice(0, MAX_PROBLEM_CHARS)}…` : p));
    const printable = problems.length > MAX_PROBLEMS ? [...shown, `… and ${problems.length - MAX_PROBLEMS} more problems`] : shown;
    super(printable.join('\n'));
    this.problems = printable;
    this.name = 'ConfigError';
  }
}

/** C0 and C1 controls, DEL, the replacement character, format and separator characters. */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cs}\ufffd]/gu;

/** `text` with every unprintable character escaped, so a terminal shows it and is not driven by it. */
export function escapeUnprintable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => {
    const code = c.codePointAt(0)!;
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

type Reader = (path: string) => string;

/** The most bytes read from a configuration, password or ACL file (a class needs a few kB). */
export const MAX_CONFIG_FILE_BYTES = 1024 * 1024;

/**
 * Reads a text file of at most `maxBytes`, whatever it is: a larger file, or a device that never
 * ends (`/dev/zero`), is an error after reading `maxBytes + 1` bytes, not a process that grows.
 */
export function readCapped(path: string, maxBytes = MAX_CONFIG_FILE_BYTES): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    while (length < buffer.length) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > maxBytes) throw new Error(`larger than ${maxBytes} bytes`);
    return buffer.toString('utf8', 0, length);
  } finally {
    closeSync(fd);
  }
}

const defaultReader: Reader = (path) => readCapped(path);

const BOOLEAN = /^(true|false)$/;
const NATURAL = /^\d{1,10}$/;

/**
 * Parses configuration text. `file` names it in errors and anchors relative paths; `read`
 * loads the password and ACL files (injectable for tests). Throws `ConfigError`.
 */
export function parseBrokerConfig(text: string, file: string, read: Reader = defaultReader): LoadedConfig {
  const problems: string[] = [];
  const broker: BrokerConfig = {};
  const listeners: Listener[] = [];
  /** TLS keys of each listener, checked when the file is read to its end. */
  const tlsOf = new Map<Listener, { at: string; keys: Partial<TlsSpec> }>();
  let allowAnonymous: boolean | undefined;
  const base = dirname(file);

  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const at = `${file}:${index + 1}`;
    const fail = (message: string) => problems.push(`${at}: ${message}`);
    const [name, ...args] = line.split(/\s+/) as [string, ...string[]];
    const one = (): string | undefined => {
      if (args.length !== 1) {
        fail(`${name} needs exactly one value`);
        return undefined;
      }
      return args[0];
    };
    const bool = (set: (v: boolean) => void) => {
      const v = one();
      if (v === undefined) return;
      if (!BOOLEAN.test(v)) return fail(`${name} must be true or false, not "${v}"`);
      set(v === 'true');
    };
    const natural = (set: (v: number) => void, max = 0xffffffff) => {
      const v = one();
      if (v === undefined) return;
      if (!NATURAL.test(v) || Number(v) > max) return fail(`${name} must be a whole number from 0 to ${max}, not "${v}"`);
      set(Number(v));
    };
    switch (name) {
      case 'listener': {
        if (args.length < 1 || args.length > 2) return fail('listener needs PORT [HOST]');
        const port = args[0]!;
        if (!NATURAL.test(port) || Number(port) > 65535) return fail(`listener port must be from 0 to 65535, not "${port}"`);
        listeners.push(args[1] === undefined ? { port: Number(port), protocol: 'mqtt' } : { port: Number(port), host: args[1], protocol: 'mqtt' });
        return;
      }
      case 'protocol':
      case 'certfile':
      case 'keyfile':
      case 'cafile':
      case 'require_certificate':
      case 'use_identity_as_username': {
        const current = listeners[listeners.length - 1];
        if (!current) return fail(`${name} belongs to a listener: write it after a "listener PORT" line`);
        const v = one();
        if (v === undefined) return;
        if (name === 'protocol') {
          if (v !== 'mqtt' && v !== 'websockets') return fail(`protocol must be mqtt or websockets, not "${v}"`);
          current.protocol = v;
          return;
        }
        const tls = tlsOf.get(current) ?? { at, keys: {} };
        tlsOf.set(current, tls);
        if (name === 'require_certificate' || name === 'use_identity_as_username') {
          if (!BOOLEAN.test(v)) return fail(`${name} must be true or false, not "${v}"`);
          tls.keys[name === 'require_certificate' ? 'requireCertificate' : 'useIdentityAsUsername'] = v === 'true';
        } else tls.keys[name] = resolve(base, v);
        return;
      }
      case 'allow_anonymous':
        return bool((v) => (allowAnonymous = v));
      case 'persistence':
        return bool((v) => (broker.persistence = v));
      case 'retain_available':
        return bool((v) => (broker.retainAvailable = v));
      case 'queue_qos0_messages':
        return bool((v) => (broker.queueQos0Messages = v));
      case 'max_inflight_messages':
        return natural((v) => (broker.maxInflightMessages = v), 65535);
      case 'max_queued_messages':
        return natural((v) => (broker.maxQueuedMessages = v));
      case 'max_queued_bytes':
        return natural((v) => (broker.maxQueuedBytes = v));
      case 'max_packet_size':
        return natural((v) => (broker.maxPacketSize = v), 268435455);
      case 'sys_interval':
        return natural((v) => (broker.sysIntervalSec = v), 65535);
      case 'max_keepalive':
        return natural((v) => (broker.maxKeepAliveSec = v), 65535);
      case 'max_topic_alias':
        return natural((v) => (broker.topicAliasMaximum = v), 65535);
      case 'connect_timeout':
        return natural((v) => (broker.connectTimeoutSec = v), 3600);
      case 'password_file': {
        const path = one();
        if (path === undefined) return;
        const users = readPasswordFile(resolve(base, path), read, at, (m) => problems.push(m));
        if (users) {
          broker.users = users;
          broker.verifyPassword = verifyPasswordHash;
        }
        return;
      }
      case 'acl_file': {
        const path = one();
        if (path === undefined) return;
        const full = resolve(base, path);
        let aclText: string;
        try {
          aclText = read(full);
        } catch (error) {
          return fail(`cannot read acl_file ${full}: ${(error as Error).message}`);
        }
        const acl = parseAcl(aclText);
        for (const e of acl.errors) problems.push(`${full}:${e.line}: ${e.message}`);
        broker.acl = aclText;
        return;
      }
      default:
        return fail(`unknown option "${name}" (supported: listener, protocol, certfile, keyfile, cafile, require_certificate, use_identity_as_username, allow_anonymous, password_file, acl_file, persistence, max_inflight_messages, max_queued_messages, max_queued_bytes, max_packet_size, sys_interval, retain_available, max_keepalive, max_topic_alias, queue_qos0_messages, connect_timeout)`);
    }
  });

  for (const [listener, { at, keys }] of tlsOf) {
    const { certfile, keyfile } = keys;
    if (certfile === undefined || keyfile === undefined) {
      problems.push(
        keys.useIdentityAsUsername && certfile === undefined && keyfile === undefined
          ? `${at}: use_identity_as_username takes the user name from a client certificate: it needs a TLS listener (certfile, keyfile, cafile, require_certificate true) (listener ${listener.port})`
          : `${at}: a TLS listener needs both certfile and keyfile (listener ${listener.port})`,
      );
      continue;
    }
    if (keys.requireCertificate && keys.cafile === undefined) {
      problems.push(`${at}: require_certificate true needs a cafile to check client certificates against (listener ${listener.port})`);
      continue;
    }
    listener.tls = {
      certfile,
      keyfile,
      ...(keys.cafile !== undefined ? { cafile: keys.cafile } : {}),
      ...(keys.requireCertificate !== undefined ? { requireCertificate: keys.requireCertificate } : {}),
      ...(keys.useIdentityAsUsername ? { useIdentityAsUsername: true } : {}),
    };
  }
  if (problems.length > 0) throw new ConfigError(problems);
  // Mosquitto 2.0: allow_anonymous defaults to false once a listener is configured.
  broker.allowAnonymous = allowAnonymous ?? listeners.length === 0;
  return listeners.length > 0 ? { listener: listeners[0]!, listeners, broker } : { listeners, broker };
}

/** `user:password` lines; a password may be a mosquitto_passwd hash (`$7$`, `$6$`). */
function readPasswordFile(path: string, read: Reader, from: string, fail: (problem: string) => void): Record<string, string> | undefined {
  let text: string;
  try {
    text = read(path);
  } catch (error) {
    fail(`${from}: cannot read password_file ${path}: ${(error as Error).message}`);
    return undefined;
  }
  const users: Record<string, string> = {};
  let ok = true;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    const at = `${path}:${index + 1}`;
    const colon = line.indexOf(':');
    if (colon <= 0) {
      ok = false;
      fail(`${at}: expected user:password`);
      return;
    }
    const password = line.slice(colon + 1);
    if (/^\$[0-9]+\$/.test(password) && verifyPasswordHash(password, new Uint8Array(0)) === undefined) {
      ok = false;
      fail(`${at}: not a password hash this broker reads (mosquitto_passwd's $7$ and $6$ are; or write the password as plain text)`);
      return;
    }
    users[line.slice(0, colon)] = password;
  });
  return ok ? users : undefined;
}

/** Reads and parses a configuration file. Throws `ConfigError`. */
export function loadBrokerConfig(file: string, read: Reader = defaultReader): LoadedConfig {
  let text: string;
  try {
    text = read(file);
  } catch (error) {
    throw new ConfigError([`${file}: cannot read: ${(error as Error).message}`]);
  }
  return parseBrokerConfig(text, file, read);
}
