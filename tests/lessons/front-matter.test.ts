import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../src/lessons/index.ts';

describe('parseFrontMatter', () => {
  it('reads key: value lines and returns the body after the closing line', () => {
    const fm = parseFrontMatter('---\nid: 01-why-mqtt\ntitle: "Why MQTT: a first look"\norder: 1\n---\n# Hello\n\ntext');
    expect(fm.data).toEqual({ id: '01-why-mqtt', title: 'Why MQTT: a first look', order: '1' });
    expect(fm.body).toBe('# Hello\n\ntext');
    expect(fm.bodyLine).toBe(6);
    expect(fm.problems).toEqual([]);
  });

  it('keeps colons inside values and strips single quotes', () => {
    expect(parseFrontMatter("---\ntitle: 'QoS 1: at least once'\nx: a:b\n---\n").data).toEqual({ title: 'QoS 1: at least once', x: 'a:b' });
  });

  it('skips blank and comment lines, handles CRLF and a BOM', () => {
    const fm = parseFrontMatter('\uFEFF---\r\n# note\r\n\r\ntitle: T\r\n---\r\nbody');
    expect(fm.data).toEqual({ title: 'T' });
    expect(fm.body).toBe('body');
  });

  it('reports a missing front matter, an unclosed one, bad lines and duplicates without throwing', () => {
    expect(parseFrontMatter('# no front matter').present).toBe(false);
    expect(parseFrontMatter('# no front matter').problems[0]?.message).toMatch(/must start with/);
    expect(parseFrontMatter('---\ntitle: x\n').problems[0]?.message).toMatch(/no closing/);
    const bad = parseFrontMatter('---\njust text\ntitle: a\ntitle: b\n---\n');
    expect(bad.problems.map((p) => p.line)).toEqual([2, 4]);
    expect(bad.data.title).toBe('b');
  });
});
