/**
 * Authentication and authorisation as Mosquitto 2.0 does it with `password_file` and
 * `acl_file` (src/security_default.c, `mosquitto_acl_check_default`, `aclfile__parse`).
 *
 * ACL semantics, as in Mosquitto:
 * - No ACL configured: everything is allowed.
 * - `topic [read|write|readwrite|deny] <topic>` lines before the first `user` line apply to
 *   anonymous clients; after `user <name>` they apply to that user. The access word may be
 *   omitted (= readwrite). `pattern ...` lines apply to every client, with `%c` (client ID) and
 *   `%u` (username) substituted; a pattern with `%u` is skipped for a client without username.
 * - A client's own rules are checked first, then the patterns; within each list `deny` rules
 *   come first (Mosquitto puts them at the front), then the first matching rule that grants
 *   the access wins. Nothing matched: denied.
 * - A rule whose topic does not start with `$` never matches a `$` topic.
 * - Pattern rules deny clients whose username or client ID contains `+` or `#`.
 * - Subscribing is always allowed by the acl_file check (Mosquitto: "FIXME - implement ACL
 *   subscription strings"); `read` is checked for every message at delivery time instead.
 */
import { matches } from '../mqtt/index.ts';

export type AclAccess = 'read' | 'write';

export interface AclRule {
  /** 1-based line in the acl_file text. */
  line: number;
  kind: 'topic' | 'pattern';
  /** Null for anonymous rules (before the first `user` line) and for patterns. */
  user: string | null;
  access: 'read' | 'write' | 'readwrite' | 'deny';
  topic: string;
}

export interface AclParseError {
  line: number;
  message: string;
}

/** A parsed acl_file: rules in file order, deny rules first per list (as Mosquitto). */
export interface Acl {
  /** Username ('' key = anonymous) to that user's rules, deny first. */
  users: ReadonlyMap<string, readonly AclRule[]>;
  patterns: readonly AclRule[];
  errors: readonly AclParseError[];
}

const ACCESS_WORDS = new Set(['read', 'write', 'readwrite', 'deny']);

/** Parses Mosquitto's acl_file format. Bad lines are reported and skipped. */
export function parseAcl(text: string): Acl {
  const users = new Map<string, AclRule[]>();
  const patterns: AclRule[] = [];
  const errors: AclParseError[] = [];
  let user: string | null = null;
  const lines = text.split(/\r?\n/);
  const push = (list: AclRule[], rule: AclRule) => {
    if (rule.access === 'deny') {
      // Mosquitto add__acl: "Put deny acls at front of the list" (newest deny first).
      list.unshift(rule);
    } else list.push(rule);
  };
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const line = raw.replace(/\s+$/, '');
    if (line.length === 0 || line.startsWith('#')) return;
    const m = /^(\S+)(?:\s+(.*))?$/.exec(line.trimStart());
    if (!m) return;
    const keyword = m[1]!;
    const rest = (m[2] ?? '').trim();
    if (keyword === 'user') {
      if (rest.length === 0) {
        errors.push({ line: lineNo, message: 'missing username' });
        return;
      }
      user = rest;
      return;
    }
    if (keyword === 'topic' || keyword === 'pattern') {
      if (rest.length === 0) {
        errors.push({ line: lineNo, message: 'empty topic' });
        return;
      }
      const sp = /^(\S+)(?:\s+(.*))?$/.exec(rest)!;
      let access: AclRule['access'] = 'readwrite';
      let topic = rest;
      if (sp[2] !== undefined && sp[2].trim().length > 0) {
        if (!ACCESS_WORDS.has(sp[1]!)) {
          errors.push({ line: lineNo, message: `invalid topic access type "${sp[1]}"` });
          return;
        }
        access = sp[1] as AclRule['access'];
        topic = sp[2].trim();
      }
      const rule: AclRule = { line: lineNo, kind: keyword, user: keyword === 'topic' ? user : null, access, topic };
      if (keyword === 'pattern') push(patterns, rule);
      else {
        const key = user ?? '';
        const list = users.get(key) ?? [];
        push(list, rule);
        users.set(key, list);
      }
      return;
    }
    errors.push({ line: lineNo, message: `invalid line "${line}"` });
  });
  return { users, patterns, errors };
}

/** Who is asking: the client's ID and username (absent for anonymous clients). */
export interface AclClient {
  clientId: string;
  username?: string;
}

/** The result of an ACL check: allowed or not, and the rule that decided (for explanations). */
export interface AclDecision {
  allowed: boolean;
  rule?: AclRule;
}

function substitute(pattern: string, client: AclClient): string {
  // Mosquitto 2.0 (mosquitto_topic_matches_sub_with_pattern) substitutes whole levels only.
  return pattern
    .split('/')
    .map((level) => (level === '%c' ? client.clientId : level === '%u' ? (client.username ?? '') : level))
    .join('/');
}

function ruleMatches(ruleTopic: string, topic: string): boolean {
  if (topic.startsWith('$') && !ruleTopic.startsWith('$')) return false;
  return matches(ruleTopic, topic);
}

function grants(rule: AclRule, access: AclAccess): boolean {
  return rule.access === 'readwrite' || rule.access === access;
}

/** Mosquitto's `mosquitto_acl_check_default` for read (deliver) or write (publish). */
export function checkAcl(acl: Acl | undefined, client: AclClient, topic: string, access: AclAccess): AclDecision {
  if (!acl) return { allowed: true };
  const own = acl.users.get(client.username ?? '');
  if (!own && acl.patterns.length === 0) return { allowed: false };
  for (const rule of own ?? []) {
    if (!ruleMatches(rule.topic, topic)) continue;
    if (rule.access === 'deny') return { allowed: false, rule };
    if (grants(rule, access)) return { allowed: true, rule };
  }
  if (acl.patterns.length > 0) {
    if (client.username !== undefined && /[+#]/.test(client.username)) return { allowed: false };
    if (/[+#]/.test(client.clientId)) return { allowed: false };
  }
  for (const rule of acl.patterns) {
    if (rule.topic.includes('%u') && client.username === undefined) continue;
    if (!ruleMatches(substitute(rule.topic, client), topic)) continue;
    if (rule.access === 'deny') return { allowed: false, rule };
    if (grants(rule, access)) return { allowed: true, rule };
  }
  return { allowed: false };
}

/** Result of checking CONNECT credentials. */
export type CredentialCheck = 'ok' | 'anonymous-denied' | 'bad-credentials' | 'no-password-file';

const encoder = new TextEncoder();

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Mosquitto 2.0.11's basic auth, as probed (tests/fidelity/auth-matrix.test.ts): a client without
 * a username, or with an empty one, is anonymous and needs `allowAnonymous`. A named client
 * needs the `password_file`'s user and password; without a password file nothing can check the
 * name, so it gets in only where anonymous clients do (otherwise `allow_anonymous false` plus
 * an `acl_file` would let any name in with that name's rights).
 */
export function checkCredentials(
  users: Readonly<Record<string, string | Uint8Array>> | undefined,
  allowAnonymous: boolean,
  username: string | undefined,
  password: Uint8Array | undefined,
  verifyPassword?: (stored: string, given: Uint8Array) => boolean | undefined,
): CredentialCheck {
  if (username === undefined || username === '') return allowAnonymous ? 'ok' : 'anonymous-denied';
  if (!users) return allowAnonymous ? 'ok' : 'no-password-file';
  if (!Object.prototype.hasOwnProperty.call(users, username)) return 'bad-credentials';
  if (password === undefined) return 'bad-credentials';
  const stored = users[username]!;
  // The Password is Binary Data (3.1.1 section 3.1.3.5, 5.0 section 3.1.3.6): compared byte for
  // byte, as Mosquitto hashes the bytes; a password that is no UTF-8 never matches a text one.
  if (typeof stored !== 'string') return sameBytes(password, stored) ? 'ok' : 'bad-credentials';
  // A hashed entry (mosquitto_passwd's $7$) is checked by the driver's verifier, never as text.
  const hashed = verifyPassword?.(stored, password);
  if (hashed !== undefined) return hashed ? 'ok' : 'bad-credentials';
  return sameBytes(password, encoder.encode(stored)) ? 'ok' : 'bad-credentials';
}
