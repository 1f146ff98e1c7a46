/**
 * `user` and `acl` lines become lines of Mosquitto's password and ACL files (the export writes
 * them, the simulated broker reads the same text). A value that cannot be one such line is an
 * error at its place, never a second line smuggled into the file.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/index.ts';
import { brokerToMosquitto } from '../../src/scenario/export/mosquitto.ts';

const errors = (text: string): string[] =>
  parseScenario(text).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.line}:${d.column}-${d.endColumn}`);

describe('user and acl values that cannot be a line of a Mosquitto file', () => {
  it('a line break in an ACL user or topic is an error, so it cannot add a rule to the exported ACL file', () => {
    const text = ['broker anonymous=off', 'user alice pw', 'acl user "alice\\nuser admin"', 'acl topic readwrite "a/\\ntopic readwrite #"', 'acl pattern write "x\\ty"'].join('\n');
    expect(errors(text)).toEqual(['value.control 3:10-29', 'value.control 4:21-44', 'value.control 5:19-25']);
    const d = parseScenario(text).diagnostics.find((x) => x.line === 3)!;
    expect(d.message).toContain('U+000A');
    expect(d.messageDe).toContain('Steuerzeichen U+000A');
    // What reached the broker's ACL: no rule from inside a quoted value.
    const acl = brokerToMosquitto(parseScenario(text).scenario.broker, { randomBytes: (n) => new Uint8Array(n) }).acl ?? '';
    expect(acl).not.toMatch(/^user admin$/m);
    expect(acl).not.toMatch(/^topic readwrite #$/m);
  });

  it('a user name with a line break or a `:` is an error, as mosquitto_passwd refuses `:`', () => {
    expect(errors('user "bob\\nmallory" pw')).toEqual(['value.control 1:6-20']);
    expect(errors('user a:b pw')).toEqual(['user.colon 1:6-9']);
    expect(errors('user alice "pass:word\\n"')).toEqual([]); // a password is hashed, never a line of its own
    const dir = mkdtempSync(join(tmpdir(), 'mqttlab-passwd-'));
    try {
      const run = spawnSync('/usr/bin/mosquitto_passwd', ['-c', '-b', join(dir, 'passwd'), 'a:b', 'pw'], { encoding: 'utf8' });
      expect(run.status).not.toBe(0);
      expect(run.stdout + run.stderr).toContain("must not contain the ':' character");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
