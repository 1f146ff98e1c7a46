/**
 * Proof of solving without a server: when a learner solves a shared exercise, the app shows a
 * completion code; the teacher's view of the same exercise checks pasted codes.
 *
 *   CODE = NNNNNN-SSSS
 *   NNNNNN = digest(exercise, learner's name, "solved")   the teacher recomputes it from the name
 *   SSSS   = digest(the solved scenario text)             the same solution gives the same SSSS
 *
 * The first part proves that this app, with this exercise, reached the goals for this name; the
 * second lets the teacher see which answers are the same text (copied, or simply the same idea).
 * It is a checksum, not a signature: someone who reads this file can make codes by hand, and the
 * UI says so. Names are compared without case, extra spaces or Unicode form differences.
 */
import { shortDigest } from './digest.ts';

/** A learner's name as compared: trimmed, single spaces, NFC, lower case. */
export function normalizeName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

function namePart(exerciseDigest: string, name: string): string {
  return shortDigest(`mqtt-lab-completion\0${exerciseDigest}\0${normalizeName(name)}\0solved`, 6);
}

function solutionPart(solved: string): string {
  return shortDigest(`mqtt-lab-solution\0${solved.replace(/\r\n?/g, '\n').trim()}`, 4);
}

/** The completion code for `name` having solved the exercise with the scenario `solved`. */
export function completionCode(exerciseDigest: string, name: string, solved: string): string {
  return `${namePart(exerciseDigest, name)}-${solutionPart(solved)}`;
}

export interface CheckedCode {
  name: string;
  code: string;
  /** The code belongs to this exercise and this name. */
  valid: boolean;
  /** The solution part (same value = same solution text), when the code has the right shape. */
  solution?: string;
  /** Other names whose valid codes carry the same solution part. */
  sameSolutionAs: string[];
}

const CODE = /^([0-9A-HJKMNP-TV-Z]{6})-([0-9A-HJKMNP-TV-Z]{4})$/;

/**
 * Reads pasted lines `NAME: CODE` (or `NAME<tab>CODE`, `NAME;CODE`, `NAME CODE`) and checks
 * each; blank lines and `#` comments are skipped. Codes are read without case and with O/I/L
 * taken as 0/1/1, as Crockford's base32 allows.
 */
export function checkCodes(exerciseDigest: string, pasted: string): CheckedCode[] {
  const rows: CheckedCode[] = [];
  for (const raw of pasted.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^(.*?)[\s:;,\t]+(\S+)$/.exec(line);
    const name = (m?.[1] ?? '').trim();
    const code = (m?.[2] ?? line).toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
    const shape = CODE.exec(code);
    const valid = !!shape && name !== '' && shape[1] === namePart(exerciseDigest, name);
    rows.push({ name: name || line, code, valid, ...(shape ? { solution: shape[2]! } : {}), sameSolutionAs: [] });
  }
  for (const row of rows) {
    if (!row.valid) continue;
    row.sameSolutionAs = rows.filter((o) => o !== row && o.valid && o.solution === row.solution).map((o) => o.name);
  }
  return rows;
}
