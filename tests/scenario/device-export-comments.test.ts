/**
 * A scenario's strings end up in the comments of an exported program ("not expressible here:
 * unsubscribe from TOPIC", "... with the id ID"). A topic or client id with a line break must not
 * end the comment and become code: a shared scenario exported to a device is run there.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/index.ts';
import { DEVICE_TARGETS, exportClient } from '../../src/scenario/export/device.ts';

describe('device export: scenario strings inside comments', () => {
  it('a line break in a topic or client id never turns the rest of a comment into code (the shell script really runs)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mqttlab-comment-'));
    try {
      const marker = join(dir, 'injected');
      const scenario = [
        'broker version=5',
        'client a',
        `at 0s a connect -i "id\\ntouch ${marker}\\n#"`,
        'at 0s a subscribe -t x --nl',
        `at 0s a publish -t y -m z -D publish user-property "k\\ntouch ${marker}\\n#" v`,
        `at 0s a unsubscribe -t "s/\\ntouch ${marker}\\n/#"`,
      ].join('\n');
      const parsed = parseScenario(scenario);
      expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const script = exportClient(parsed.scenario, 'a', 'mosquitto-cli').text;
      writeFileSync(join(dir, 'a.sh'), script);
      // Port 1: no broker there, so mosquitto_sub and mosquitto_pub fail at once; set -e stops at mosquitto_pub.
      spawnSync('sh', [join(dir, 'a.sh'), '127.0.0.1', '1'], { encoding: 'utf8', timeout: 20_000 });
      expect(existsSync(marker), script).toBe(false);
      // Every target: each note about a hostile string stays on its comment line, the line break written as \\n.
      for (const target of DEVICE_TARGETS) {
        const out = exportClient(parsed.scenario, 'a', target);
        const hostile = out.unsupported.filter((u) => u.includes('touch'));
        const noteLines = out.text.split('\n').filter((l) => /not expressible here: /.test(l) && l.includes('touch'));
        expect(noteLines.length, target).toBe(hostile.length);
        for (const l of noteLines) expect(l, target).toMatch(/(#|\/\/) not expressible here: .*\\ntouch /);
      }
      expect(script).toContain(`# not expressible here: unsubscribe from s/\\ntouch ${marker}\\n/#`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
