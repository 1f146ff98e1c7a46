/**
 * The serving broker's configuration in a trace header (`npm run broker -- --live` / `--record`),
 * so the live view's replica of the broker engine (src/sim/live-world.ts) decides as the real
 * broker did: the same `allow_anonymous`, ACL, limits and user names.
 *
 * No password travels: the header lists the password_file's user names only. Whether a known
 * user's password was right is the one decision the replica cannot make itself; it takes it from
 * the real broker's trace (a `connect.bad-credentials` note, see `LiveWorld`), through the
 * verifier `replicaConfig` installs.
 */
import type { BrokerConfig, PasswordVerifier } from '../core/broker/config.ts';

/** `BrokerConfig` without secrets: the user names instead of `users`, no verifier. */
export type TraceBrokerConfig = Omit<BrokerConfig, 'users' | 'verifyPassword'> & {
  /** The password_file's user names (their passwords stay with the broker). */
  users?: string[];
};

const BOOLEANS = ['allowAnonymous', 'queueQos0Messages', 'persistence', 'retainAvailable'] as const;
const NATURALS = [
  'maxInflightMessages', 'maxQueuedMessages', 'maxQueuedBytes', 'sysIntervalSec', 'maxPacketSize',
  'maxKeepAliveSec', 'connectTimeoutSec', 'topicAliasMaximum',
] as const;

/** Most characters of an ACL and most user names a header may carry (the config's own cap is 1 MiB). */
const MAX_ACL_CHARS = 1024 * 1024;
const MAX_USERS = 100_000;

/** The configuration as a header carries it: every option, the user names, no password. */
export function traceBrokerConfig(config: BrokerConfig): TraceBrokerConfig {
  const { users, verifyPassword: _verify, ...rest } = config;
  return { ...rest, ...(users !== undefined ? { users: Object.keys(users) } : {}) };
}

/** A header's `broker` field, checked (a file may be hostile); a message saying what is wrong otherwise. */
export function readTraceBrokerConfig(raw: unknown): { ok: true; config: TraceBrokerConfig } | { ok: false; message: string } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, message: 'header: broker must be an object' };
  const o = raw as Record<string, unknown>;
  const config: TraceBrokerConfig = {};
  for (const k of BOOLEANS) {
    if (o[k] === undefined) continue;
    if (typeof o[k] !== 'boolean') return { ok: false, message: `header: broker.${k} must be true or false` };
    config[k] = o[k];
  }
  for (const k of NATURALS) {
    if (o[k] === undefined) continue;
    const v = o[k];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xffffffff) return { ok: false, message: `header: broker.${k} must be a whole number ≥ 0` };
    config[k] = v;
  }
  if (o.acl !== undefined) {
    if (typeof o.acl !== 'string' || o.acl.length > MAX_ACL_CHARS) return { ok: false, message: `header: broker.acl must be text of at most ${MAX_ACL_CHARS} characters` };
    config.acl = o.acl;
  }
  if (o.users !== undefined) {
    if (!Array.isArray(o.users) || o.users.length > MAX_USERS || !o.users.every((u) => typeof u === 'string' && u.length <= 65535)) {
      return { ok: false, message: 'header: broker.users must be a list of user names' };
    }
    config.users = o.users as string[];
  }
  if (o.protocolVersions !== undefined) {
    if (!Array.isArray(o.protocolVersions) || !o.protocolVersions.every((v) => v === 4 || v === 5)) return { ok: false, message: 'header: broker.protocolVersions must be a list of 4 and 5' };
    config.protocolVersions = o.protocolVersions as (4 | 5)[];
  }
  if (o.versionText !== undefined) {
    if (typeof o.versionText !== 'string' || o.versionText.length > 200) return { ok: false, message: 'header: broker.versionText must be short text' };
    config.versionText = o.versionText;
  }
  return { ok: true, config };
}

/** Stands for a password the replica never sees. */
const HIDDEN = '\u0000password kept by the broker';

/**
 * The replica's `BrokerConfig`: the header's options, and each user with a hidden password whose
 * check answers `passwordRight()` (what the real broker decided for the CONNECT at hand).
 */
export function replicaConfig(config: TraceBrokerConfig, passwordRight: () => boolean): BrokerConfig {
  const { users, ...rest } = config;
  if (users === undefined) return rest;
  const verifyPassword: PasswordVerifier = (stored) => (stored === HIDDEN ? passwordRight() : undefined);
  return { ...rest, users: Object.fromEntries(users.map((u) => [u, HIDDEN])), verifyPassword };
}
