/**
 * `expect topics clean` (issue #23, the design task of lesson 4): every topic a client published
 * and every filter it subscribed passes the topic design linter, and no two differ only in
 * case; a failure names the topic, who used it and when, and the rule, in English and German.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario, runScenario } from '../../src/scenario/index.ts';

const run = (lines: string) => runScenario(`broker\nclient a\nclient b\nat 0s a connect\nat 0s b connect\n${lines}\nexpect topics clean\n`).results.at(-1)!;

describe('expect topics clean', () => {
  it('passes when every topic and filter follows the design rules', () => {
    const r = run('at 100ms b subscribe -t plant/hall2/+/temp\nat 1s a publish -t plant/hall2/oven1/temp -m 182');
    expect(r.pass).toBe(true);
    expect(r.message).toBe('all 2 topics and filters follow the design rules');
  });

  it('fails on the first topic with a finding, naming it, its sender, the time and the rule', () => {
    const r = run('at 1s a publish -t plant/hall2/oven1/temp -m 1\nat 2s a publish -t "plant/hall2/oven1/Tür" -m closed');
    expect(r.pass).toBe(false);
    expect(r.message).toMatch(/^"plant\/hall2\/oven1\/Tür" \(a, 2\.0\d\ds\) breaks a design rule: The character `ü` is not ASCII/);
    expect(r.messageDe).toMatch(/^"plant\/hall2\/oven1\/Tür" \(a, 2,0\d\d ?s\) verletzt eine Entwurfsregel: /);
    expect(r.evidence).toHaveLength(1);
  });

  it('checks subscribed filters too, and topics that differ only in case', () => {
    expect(run('at 100ms b subscribe -t /plant/#').pass).toBe(false);
    const twins = run('at 1s a publish -t plant/hall2/temp -m 1\nat 2s b publish -t Plant/hall2/temp -m 2');
    expect(twins.pass).toBe(false);
    expect(twins.message).toMatch(/Plant/);
  });

  it('fails when no client used a topic at all (nothing to judge is not clean)', () => {
    expect(run('').pass).toBe(false);
  });

  it('is an error with its position when the word after `topics` is not `clean`', () => {
    const r = parseScenario('broker\nexpect topics tidy\n');
    expect(r.diagnostics.map((d) => `${d.severity} ${d.line}:${d.column}`)).toEqual(['error 2:15']);
  });
});
