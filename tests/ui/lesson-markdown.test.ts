/**
 * The lesson Markdown renderer: the subset the lessons use becomes elements, raw HTML in a text
 * stays text (never markup), special links behave, and progress import refuses corrupt files.
 */
import { fireEvent, render } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { emptyProgress, markSolved, serializeProgress } from '../../src/lessons/progress.ts';
import { setupI18n } from '../../src/ui/i18n/bundled.ts';
import Markdown from '../../src/ui/lessons/Markdown.svelte';
import { linkTarget, parseInline, parseMarkdown } from '../../src/ui/lessons/markdown.ts';
import { LessonsState, PROGRESS_KEY } from '../../src/ui/state/lessons.svelte.ts';

setupI18n('en');

describe('parseMarkdown', () => {
  it('reads headings, lists, fenced blocks and tables', () => {
    const blocks = parseMarkdown('# Title\n\nA *b* **c** `d`.\n\n- one\n- two\n\n1. x\n2. y\n\n```mqtts\nbroker\n```\n\n| A | B |\n| --- | ---: |\n| 1 | `a|b` |\n');
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'list', 'list', 'code', 'table']);
    expect(blocks[4]).toMatchObject({ lang: 'mqtts', text: 'broker' });
    expect(blocks[5]).toMatchObject({ align: [null, 'right'] });
  });

  it('keeps snake_case and links with code in their text', () => {
    expect(parseInline('a_b_c')).toEqual([{ kind: 'text', text: 'a_b_c' }]);
    expect(parseInline('[`x`](glossary:topic)')).toEqual([{ kind: 'link', href: 'glossary:topic', children: [{ kind: 'code', text: 'x' }] }]);
  });

  it('classifies links; javascript: is never a link', () => {
    expect(linkTarget('spec:MQTT-4.3.1-1')).toMatchObject({ kind: 'spec', id: 'MQTT-4.3.1-1' });
    expect(linkTarget('lesson:08-qos1/1-lost-puback')).toEqual({ kind: 'lesson', id: '08-qos1', exercise: '1-lost-puback' });
    expect(linkTarget('javascript:alert(1)')).toEqual({ kind: 'none' });
  });
});

describe('Markdown.svelte', () => {
  it('shows raw HTML as text: <img onerror> is not an element', () => {
    const { container } = render(Markdown, { props: { source: 'Hi <img src=x onerror="window.pwned=1"> **there**\n\n<script>alert(1)</script>', lang: 'en' } });
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect(container.textContent).toContain('<img src=x onerror="window.pwned=1">');
    expect(container.querySelector('strong')?.textContent).toBe('there');
  });

  it('renders special links: spec in a new tab (noopener), glossary inline, lesson via callback, Try it', async () => {
    const onlesson = vi.fn();
    const ontry = vi.fn();
    const glossary = () => ({ id: 'broker', en: { term: 'Broker', definition: 'The server in the middle.' }, de: { term: 'Broker', definition: 'Der Server.' } });
    const { container, getByRole, getByText } = render(Markdown, {
      props: { source: 'A [broker](glossary:broker), [MQTT-4.3.1-1](spec:MQTT-4.3.1-1), [next](lesson:02-publish-subscribe), [bad](javascript:alert(1)).\n\n```mqtts\nbroker\n```', lang: 'en', glossary, onlesson, ontry },
    });
    const spec = getByRole('link', { name: 'MQTT-4.3.1-1' });
    expect(spec.getAttribute('target')).toBe('_blank');
    expect(spec.getAttribute('rel')).toContain('noopener');
    expect(spec.getAttribute('href')).toContain('docs.oasis-open.org');
    expect(container.querySelectorAll('a')).toHaveLength(2);
    await fireEvent.click(getByRole('button', { name: 'broker' }));
    expect(getByText(/The server in the middle/)).toBeTruthy();
    await fireEvent.click(getByRole('link', { name: 'next' }));
    expect(onlesson).toHaveBeenCalledWith('02-publish-subscribe', undefined);
    await fireEvent.click(getByRole('button', { name: 'Try it' }));
    expect(ontry).toHaveBeenCalledWith('broker');
  });
});

describe('a scenario block in a lesson', () => {
  // Lesson 20's request line: 145 characters, far wider than the 320 px lesson column.
  const SCENARIO = 'broker version=5\nclient hmi\n\nat 1s    hmi publish -t hall1/press1/requests -m "counter?" -q 1 -D publish response-topic hall1/replies/hmi-1 -D publish correlation-data req-42';

  it('wraps like a command: one line block per scenario line, breaking between words, and Try it loads the lines as written', async () => {
    const ontry = vi.fn();
    const { container, getByRole } = render(Markdown, { props: { source: `\`\`\`mqtts\n${SCENARIO}\n\`\`\``, lang: 'en', ontry } });
    const pre = container.querySelector('pre')!;
    // The wrapping block (white-space: pre-wrap, a hanging indent per line) as for commands and config files.
    expect(pre.classList.contains('wrap')).toBe(true);
    const lines = [...pre.querySelectorAll('.line')].map((line) => line.textContent);
    expect(lines).toEqual(SCENARIO.split('\n'));
    // A wrap never falls inside an option or a topic: each is one unbreakable word.
    const words = [...pre.querySelectorAll('.line')[3]!.querySelectorAll('.word')].map((w) => w.textContent);
    expect(words).toContain('hall1/replies/hmi-1');
    expect(words).toContain('-D');
    await fireEvent.click(getByRole('button', { name: 'Try it' }));
    expect(ontry).toHaveBeenCalledWith(SCENARIO);
  });
});

describe('LessonsState progress', () => {
  it('restores from localStorage; a corrupt import changes nothing and says why', () => {
    localStorage.setItem(PROGRESS_KEY, serializeProgress(markSolved(emptyProgress(), '01-why-mqtt/1-first-message')));
    const state = new LessonsState(localStorage);
    expect(state.progress.solved['01-why-mqtt/1-first-message']).toBeDefined();
    expect(state.importText('{not json')).toBe(false);
    expect(state.importError?.en).toContain('not valid JSON');
    expect(state.importError?.de).toContain('kein gültiges JSON');
    expect(state.progress.solved['01-why-mqtt/1-first-message']).toBeDefined();
    expect(state.importText(serializeProgress(markSolved(emptyProgress(), '02-publish-subscribe/1-x')))).toBe(true);
    expect(Object.keys(state.progress.solved).sort()).toEqual(['01-why-mqtt/1-first-message', '02-publish-subscribe/1-x']);
    expect(JSON.parse(localStorage.getItem(PROGRESS_KEY) ?? '{}').solved).toHaveProperty('02-publish-subscribe/1-x');
  });
});
