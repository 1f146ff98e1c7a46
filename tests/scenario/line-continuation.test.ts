/**
 * A line whose last word is `\` goes on on the next line (docs/scenario-language.md). The next
 * line must follow directly: a blank line, a comment-only line or the end of the text after the
 * `\` is an error at the `\` (line:column), and the line is read without it; nothing further
 * down is swallowed.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/index.ts';

const errors = (text: string) => parseScenario(text).diagnostics.filter((d) => d.severity === 'error');

describe('a trailing backslash', () => {
  it('joins a send-hex line with the line right after it', () => {
    const text = ['client sensor', 'at 0s sensor connect', 'at 1s sensor send-hex "30 0a 00 03 61 2f 62" \\', '  "68 65 6c 6c 6f"'].join('\n');
    expect(errors(text)).toEqual([]);
  });

  it('stops at a blank line with an error at the `\\`, and the line after the blank line is read on its own', () => {
    const text = ['client sensor', 'at 0s sensor connect', 'at 1s sensor publish -t a -m hi \\', '', 'at 2s sensor publish -t b -m ho'].join('\n');
    const result = parseScenario(text);
    const errs = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({ line: 3, column: 33, endLine: 3, endColumn: 34 });
    expect(errs[0]!.message).toBe('`\\` at the end of line 3 continues it on the next line, but line 4 is blank. Remove the `\\` or the blank line.');
    expect(errs[0]!.messageDe).toContain('Zeile 4 ist leer');
    // Both publishes are there, each from its own line.
    expect(result.scenario.steps.map((s) => [s.atMs, s.range.line])).toEqual([[0, 2], [1000, 3], [2000, 5]]);
  });

  it('says so when a comment-only line or the end of the text follows the `\\`', () => {
    const comment = errors(['client sensor', 'at 0s sensor connect \\', '# later', 'at 1s sensor disconnect'].join('\n'));
    expect(comment.map((d) => [d.line, d.column, d.message])).toEqual([[2, 22, '`\\` at the end of line 2 continues it on the next line, but line 3 holds only a comment. Remove the `\\` or the comment.']]);
    const last = errors(['client sensor', 'at 0s sensor connect \\'].join('\n'));
    expect(last.map((d) => [d.line, d.column, d.message])).toEqual([[2, 22, '`\\` at the end of the last line continues nothing. Remove it.']]);
  });
});
