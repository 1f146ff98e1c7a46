#!/usr/bin/env node
/**
 * `npm test`: every check the project has, in one run, ending with the plain line
 * `N passed, N failed` that CI reads.
 *
 * 1. System packages the tests need (Chromium for browser tests, Mosquitto for the broker
 *    comparisons). Missing ones are installed with apt-get when we are root; otherwise we stop
 *    with the exact command to run. Nothing is skipped silently.
 * 2. Type checks (svelte-check) and lint (ESLint with the layer rule) count as one test each.
 *    Each is single-threaded, so they run at the same time (each one's output is printed whole,
 *    in this order, when both are done): on 2 cores about 30 s less than one after the other.
 * 3. vitest: unit, component and browser tests; its summary reporter hands us the counts.
 *
 * Arguments after `--` go to vitest (`npm test -- tests/codec`).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const REQUIRED = [
  { pkg: 'chromium', path: '/usr/bin/chromium', why: 'browser tests' },
  { pkg: 'mosquitto', path: '/usr/sbin/mosquitto', why: 'comparisons with a real broker' },
  { pkg: 'tshark', path: '/usr/bin/tshark', why: 'reading exported pcapng captures with Wireshark\'s dissector' },
  { pkg: 'mosquitto-clients', path: '/usr/bin/mosquitto_pub', why: 'running exported mosquitto_pub/sub command lines' },
  { pkg: 'python3-paho-mqtt', path: '/usr/lib/python3/dist-packages/paho/mqtt/__init__.py', why: 'running exported Python programs' },
  { pkg: 'openssl', path: '/usr/bin/openssl', why: 'test certificates for the TLS listeners' },
];

function run(cmd, args, env = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function ensureSystemPackages() {
  const missing = REQUIRED.filter((r) => !existsSync(r.path));
  if (missing.length === 0) return;
  const names = missing.map((m) => m.pkg).join(' ');
  const command = `apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${names}`;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log(`npm test: installing ${names} (${missing.map((m) => m.why).join(', ')}) ...`);
    if (run('sh', ['-c', `${command} >/dev/null`]) && missing.every((m) => existsSync(m.path))) return;
  }
  console.error(`npm test needs ${names} (${missing.map((m) => m.why).join(', ')}). Install it with:\n\n  sudo sh -c '${command}'\n`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const vitestArgs = process.argv.slice(2);
ensureSystemPackages();

let passed = 0;
let failed = 0;
const failures = [];
/** Runs a check with its output (stdout and stderr, as they came) kept for later. */
function check(name, cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks = [];
    child.stdout.on('data', (d) => chunks.push(d));
    child.stderr.on('data', (d) => chunks.push(d));
    child.once('error', (err) => chunks.push(Buffer.from(`${err.message}\n`)));
    child.once('close', (code) => resolve({ name, ok: code === 0, output: Buffer.concat(chunks) }));
  });
}

if (vitestArgs.length === 0) {
  const checks = await Promise.all([
    check('type check (svelte-check)', 'npx', ['svelte-check', '--tsconfig', './tsconfig.json', '--fail-on-warnings', '--output', 'human']),
    check('lint (eslint, layer rule)', 'npx', ['eslint', '.']),
  ]);
  for (const { name, ok, output } of checks) {
    console.log(`\n── ${name} ──`);
    process.stdout.write(output);
    if (ok) passed++;
    else {
      failed++;
      failures.push(name);
    }
  }
}

console.log('\n── vitest ──');
const dir = mkdtempSync(path.join(tmpdir(), 'mqttlab-test-'));
const summaryFile = path.join(dir, 'summary.json');
const ok = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=./tests/summary-reporter.ts', ...vitestArgs], {
  MQTTLAB_SUMMARY_FILE: summaryFile,
});
if (existsSync(summaryFile)) {
  const counts = JSON.parse(readFileSync(summaryFile, 'utf8'));
  passed += counts.passed;
  failed += counts.failed;
  if (counts.failed > 0) failures.push(`${counts.failed} vitest test(s)`);
  if (!ok && counts.failed === 0) {
    failed++;
    failures.push('vitest run (errors outside tests)');
  }
} else {
  failed++;
  failures.push('vitest did not report');
}
rmSync(dir, { recursive: true, force: true });

if (failures.length) console.log(`\nfailed: ${failures.join('; ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
