import { deflateSync } from 'fflate';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SCENARIO, simulationKernel } from '../../src/ui/default-scenario.ts';
import { commentsIn } from '../../src/scenario/comment-language.ts';
import { EXAMPLE_IDS, loadExample, titleOf } from '../../src/ui/scenario/examples.ts';
import { MAX_SCENARIO_BYTES, decodeScenario, encodeScenario, shareUrl, toBase64Url } from '../../src/ui/scenario/share-link.ts';
import { expectationStatus } from '../../src/ui/state/expectation-status.ts';
import type { DocumentWindow } from '../../src/ui/state/scenario-links.ts';
import { AUTOSAVE_KEY, PREVIOUS_KEY, type ScenarioStorage } from '../../src/ui/state/scenario-storage.ts';
import { ScenarioDocument } from '../../src/ui/state/scenario.svelte.ts';
import { Simulation, provideSimulationKernel } from '../../src/ui/state/simulation.svelte.ts';

beforeAll(() => provideSimulationKernel(simulationKernel));

class MemoryStorage implements ScenarioStorage {
  readonly data = new Map<string, string>();
  failWrites = false;
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    if (this.failWrites) throw new DOMException('full', 'QuotaExceededError');
    this.data.set(key, value);
  }
  removeItem(key: string) {
    this.data.delete(key);
  }
}

/** A window with a given address; records replaceState and lets tests fire its events. */
function fakeWindow(href: string) {
  const url = new URL(href);
  const listeners = new Map<string, (() => void)[]>();
  const win: DocumentWindow & { fire(type: string): void; replaced: string[] } = {
    location: {
      get href() {
        return url.href;
      },
      get hash() {
        return url.hash;
      },
      get search() {
        return url.search;
      },
    },
    history: {
      replaceState: (_data: unknown, _unused: string, next?: string | URL | null) => {
        const to = new URL(String(next), url);
        url.href = to.href;
        win.replaced.push(to.href);
      },
    },
    addEventListener: (type, listener) => listeners.set(type, [...(listeners.get(type) ?? []), listener]),
    fire: (type) => listeners.get(type)?.forEach((l) => l()),
    replaced: [],
  };
  return { win, setHash: (hash: string) => (url.hash = hash) };
}

const docs: ScenarioDocument[] = [];
async function openDoc(options: { storage?: MemoryStorage; window?: DocumentWindow; text?: string } = {}) {
  const storage = options.storage ?? new MemoryStorage();
  const simulation = new Simulation({ onManualCommand: (manual) => doc.recordAction(manual) });
  const doc = ScenarioDocument.open({ simulation, storage, defaultText: options.text ?? DEFAULT_SCENARIO, ...(options.window ? { window: options.window } : {}) });
  docs.push(doc);
  await doc.languageLoaded;
  return { doc, simulation, storage };
}

afterEach(() => {
  for (const d of docs.splice(0)) d.dispose();
  vi.useRealTimers();
});

describe('share links', () => {
  it('round-trips any text, including non-ASCII and quotes, through the URL fragment', () => {
    const text = `${DEFAULT_SCENARIO}# Grüße, "quotes", 'single', emoji 🚀, tab\there\n`;
    const value = encodeScenario(text);
    expect(value).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeScenario(value)).toEqual({ ok: true, text });
    const link = shareUrl('https://lab.example/app/?play=0#old', text);
    expect(link.startsWith('https://lab.example/app/?play=0#s=')).toBe(true);
    expect(link.length).toBeLessThan(text.length); // compressed
  });

  it('opens a share link into the document, keeps the previous text, cleans the address bar and runs it', async () => {
    const storage = new MemoryStorage();
    storage.setItem(AUTOSAVE_KEY, JSON.stringify({ text: '# my own work\nclient a\n', line: 2, column: 3 }));
    const shared = commentsIn((await loadExample('qos2-lost-pubrec'))!.text, 'en');
    const { win } = fakeWindow(`https://lab.example/?play=0#s=${encodeScenario(shared)}`);
    const { doc, simulation } = await openDoc({ storage, window: win });
    await doc.start();
    await expect(doc.linkLoaded).resolves.toBe(true);
    expect(doc.text).toBe(shared);
    expect(doc.notice?.key).toBe('linkOpened');
    expect(JSON.parse(storage.getItem(PREVIOUS_KEY)!).text).toBe('# my own work\nclient a\n');
    expect(JSON.parse(storage.getItem(AUTOSAVE_KEY)!).text).toBe(shared);
    expect(win.location.href).toBe('https://lab.example/?play=0');
    expect(simulation.loaded).toBe(true);
    expect(doc.compiled?.expectations).toHaveLength(3);
    // Undo brings the learner's own text back.
    expect(doc.restorePrevious()).toBe(true);
    expect(doc.text).toBe('# my own work\nclient a\n');
  });

  it('makes a link of the current text and says whether it reached the clipboard', async () => {
    const { doc } = await openDoc();
    doc.edit('# to share\nclient a\n');
    const copied: string[] = [];
    const link = await doc.shareLink('https://lab.example/?play=0#old', async (l) => void copied.push(l));
    expect(link).toMatch(/^https:\/\/lab\.example\/\?play=0#s=[A-Za-z0-9_-]+$/);
    expect(copied).toEqual([link]);
    expect(doc.notice).toMatchObject({ key: 'shareReady', link });
    await doc.shareLink('https://lab.example/', async () => {
      throw new Error('denied');
    });
    expect(doc.notice?.key).toBe('shareCopy');
    expect(decodeScenario(doc.notice!.link!.split('#s=')[1]!)).toEqual({ ok: true, text: '# to share\nclient a\n' });
  });

  it('opens a link pasted into the address bar later (hashchange)', async () => {
    const { win, setHash } = fakeWindow('https://lab.example/');
    const { doc } = await openDoc({ window: win });
    await doc.start();
    setHash(`#s=${encodeScenario('# pasted\nclient x\n')}`);
    win.fire('hashchange');
    await vi.waitFor(() => expect(doc.text).toBe('# pasted\nclient x\n'));
  });

  const bomb = toBase64Url(deflateSync(new Uint8Array(20_000_000).fill(0x41), { level: 9 }));
  const binary = toBase64Url(deflateSync(new Uint8Array([0xff, 0xfe, 0x00, 0x80, 0xc3]), { level: 9 }));
  const valid = encodeScenario(DEFAULT_SCENARIO);
  const hostile: [string, string, string][] = [
    ['garbage', 'x!!@@##', 'not-base64'],
    ['a javascript: URL', 'javascript:alert(document.cookie)', 'not-base64'],
    ['HTML', '<img src=x onerror=alert(1)><script>alert(1)</script>', 'not-base64'],
    ['percent-encoded HTML', '%3Cscript%3Ealert(1)%3C%2Fscript%3E', 'not-base64'],
    ['base64 that is not DEFLATE', 'SGVsbG8gd29ybGQsIHRoaXMgaXMgbm90IGRlZmxhdGU', 'corrupt'],
    ['a truncated link', valid.slice(0, (valid.length >> 3) << 2), 'corrupt'],
    ['a huge link', 'A'.repeat(300_000), 'too-long'],
    ['a zip bomb (20 MB of "A")', bomb, 'too-large'],
    ['binary data', binary, 'not-text'],
    ['an empty link', '', 'empty'],
  ];

  it.each(hostile)('refuses %s with a clear reason', (_name, value, problem) => {
    expect(decodeScenario(value)).toEqual({ ok: false, problem });
  });

  it('decodes a zip bomb without unpacking it (bounded time)', () => {
    const t0 = performance.now();
    decodeScenario(bomb);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it.each(hostile)('a link with %s leaves the text, the simulation and the app as they were', async (_name, value, problem) => {
    const { win } = fakeWindow(`https://lab.example/#s=${value}`);
    const { doc, simulation } = await openDoc({ window: win, text: DEFAULT_SCENARIO });
    await doc.start();
    await expect(doc.linkLoaded).resolves.toBe(false);
    expect(doc.text).toBe(DEFAULT_SCENARIO);
    expect(doc.notice).toMatchObject({ key: 'linkCorrupt', tone: 'error', problem });
    expect(win.location.href).toBe('https://lab.example/');
    // Still usable: it runs, and another run keeps working.
    expect(simulation.loaded).toBe(true);
    expect(doc.run()).toEqual({ ok: true });
  });

  it('caps a decoded scenario at 100 kB', () => {
    const big = '# big\n' + 'x'.repeat(MAX_SCENARIO_BYTES);
    expect(decodeScenario(encodeScenario(big))).toEqual({ ok: false, problem: 'too-large' });
    const fits = '# fits\n' + 'client a\n'.repeat(10_000);
    expect(decodeScenario(encodeScenario(fits))).toEqual({ ok: true, text: fits });
  });
});

describe('autosave', () => {
  it('saves text and cursor after a pause and restores them exactly', async () => {
    const storage = new MemoryStorage();
    const { doc } = await openDoc({ storage });
    vi.useFakeTimers();
    const text = `${DEFAULT_SCENARIO}\n# a note with trailing spaces   \n\n`;
    doc.edit(text);
    doc.moveCursor(19, 12);
    expect(storage.getItem(AUTOSAVE_KEY)).toBeNull(); // debounced
    vi.advanceTimersByTime(1000);
    vi.useRealTimers();
    const again = await openDoc({ storage });
    expect(again.doc.text).toBe(text);
    expect(again.doc.cursor).toEqual({ line: 19, column: 12 });
  });

  it('saves at once on pagehide', async () => {
    const storage = new MemoryStorage();
    const { win } = fakeWindow('https://lab.example/');
    const { doc } = await openDoc({ storage, window: win });
    doc.edit('# quick\n');
    win.fire('pagehide');
    expect(JSON.parse(storage.getItem(AUTOSAVE_KEY)!).text).toBe('# quick\n');
  });

  it('says so when storage is full, and keeps the text', async () => {
    const storage = new MemoryStorage();
    const { doc } = await openDoc({ storage });
    storage.failWrites = true;
    doc.edit('# unsaved\n');
    doc.flushSave();
    expect(doc.notice?.key).toBe('saveFailed');
    expect(doc.text).toBe('# unsaved\n');
  });

  it('ignores an autosave that is not its JSON', async () => {
    const storage = new MemoryStorage();
    storage.setItem(AUTOSAVE_KEY, '<script>alert(1)</script>');
    const { doc } = await openDoc({ storage });
    expect(doc.text).toBe(DEFAULT_SCENARIO);
  });

  it('takes `?scenario=` text over the autosave (which stays recoverable)', async () => {
    const storage = new MemoryStorage();
    storage.setItem(AUTOSAVE_KEY, JSON.stringify({ text: '# mine\n', line: 1, column: 1 }));
    const { win } = fakeWindow(`https://lab.example/?play=0&scenario=${encodeURIComponent('# from the url\nclient a\n')}`);
    const { doc } = await openDoc({ storage, window: win });
    expect(doc.text).toBe('# from the url\nclient a\n');
    expect(win.location.href).toBe('https://lab.example/?play=0');
    expect(doc.restorePrevious()).toBe(true);
    expect(doc.text).toBe('# mine\n');
  });
});

describe('run and re-run', () => {
  it('keeps the step position (same virtual time, same entries) on a re-run', async () => {
    const { doc, simulation } = await openDoc();
    expect((await doc.start()).ok).toBe(true);
    simulation.seekTime(1_000);
    simulation.stepForward(); // between the events at 1 s: the PUBLISH has left, its PUBACK not yet back
    const before = { position: simulation.position, nowMs: simulation.world!.nowMs, entries: simulation.trace.length };
    doc.edit(`${DEFAULT_SCENARIO}# a comment changes nothing\n`);
    expect(doc.run()).toEqual({ ok: true });
    expect({ position: simulation.position, nowMs: simulation.world!.nowMs, entries: simulation.trace.length }).toEqual(before);
    // An edit that changes the run still lands at (or just before) the same virtual time.
    doc.edit(DEFAULT_SCENARIO.replace('at 1s    sensor publish', 'at 2s    sensor publish'));
    expect(doc.run()).toEqual({ ok: true });
    expect(simulation.world!.nowMs).toBeLessThanOrEqual(before.nowMs);
    expect(simulation.world!.nowMs).toBeGreaterThanOrEqual(100);
    // Later in the run: the same virtual time again.
    simulation.seekTime(17_000);
    const late = simulation.world!.nowMs;
    expect(doc.run()).toEqual({ ok: true });
    expect(simulation.world!.nowMs).toBe(late);
  });

  it('writes a direct action into the scenario, so a re-run keeps it', async () => {
    const { doc, simulation } = await openDoc();
    expect((await doc.start()).ok).toBe(true);
    simulation.seekTime(2_000);
    const atMs = simulation.world!.nowMs;
    simulation.apply({ type: 'client.event', client: 'dashboard', event: { type: 'APP.DISCONNECT' } });
    expect(doc.text).toContain(`at ${atMs % 1000 === 0 ? `${atMs / 1000}s` : `${atMs}ms`}`);
    expect(doc.text).toMatch(/dashboard disconnect {3}# added by hand/);
    expect(doc.text.indexOf('dashboard disconnect')).toBeLessThan(doc.text.indexOf('sensor cable-cut'));
    // The re-run from the new text gives the same timeline: the dashboard's DISCONNECT is in it.
    simulation.seekTime(22_000);
    const before = simulation.trace.filter((e) => e.kind === 'send').map((e) => e.summary);
    expect(doc.run()).toEqual({ ok: true });
    simulation.seekTime(22_000);
    expect(simulation.trace.filter((e) => e.kind === 'send').map((e) => e.summary)).toEqual(before);
    expect(before).toContain('DISCONNECT');
  });

  it('stays at the start when the run was at the start', async () => {
    const { doc, simulation } = await openDoc();
    await doc.start();
    doc.run();
    expect(simulation.position).toBe(0);
  });

  it('blocks a run with errors, names the first with line:column, and changes nothing', async () => {
    const { doc, simulation } = await openDoc();
    await doc.start();
    simulation.seekTime(3_000);
    const world = simulation.world;
    const broken = DEFAULT_SCENARIO.replace('-q 1 -r', '--qso 1 -r').replace('client dashboard', 'client dashboard\nclinet extra');
    doc.edit(broken);
    const outcome = doc.run();
    expect(outcome.ok).toBe(false);
    expect(doc.text).toBe(broken);
    expect(simulation.world).toBe(world);
    const notice = doc.notice!;
    expect(notice.key).toBe('runBlocked');
    expect(notice.params).toMatchObject({ count: 2, line: 7, column: 1 });
    expect(notice.diagnostic?.message).toContain('clinet');
    expect(doc.diagnostics.some((d) => d.code === 'option.unknown-suggest' && d.fix?.text === '--qos')).toBe(true);
    // Fixing the text and running again clears the notice.
    doc.edit(DEFAULT_SCENARIO);
    expect(doc.run()).toEqual({ ok: true });
    expect(doc.notice).toBeNull();
  });

  it('lints after a short pause as the text changes', async () => {
    const { doc } = await openDoc();
    vi.useFakeTimers();
    const line = 'at 30s sensor publish -t a/b -m x --qso 1';
    doc.edit(`${DEFAULT_SCENARIO}${line}\n`);
    expect(doc.errorCount).toBe(0);
    vi.advanceTimersByTime(100);
    expect(doc.errorCount).toBe(0);
    vi.advanceTimersByTime(100);
    expect(doc.errorCount).toBe(1);
    expect(doc.diagnostics[0]).toMatchObject({ line: DEFAULT_SCENARIO.split('\n').length, column: line.indexOf('--qso') + 1, severity: 'error' });
    expect(doc.diagnostics[0]?.fix?.text).toBe('--qos');
  });
});

describe('expectations while the simulation plays', () => {
  it('turn from met later in the run to met by now as the cursor passes their moments', async () => {
    const { doc, simulation } = await openDoc();
    await doc.start();
    expect(doc.expectations.map((e) => e.status)).toEqual(['upcoming', 'upcoming', 'upcoming']);
    simulation.seekTime(2_000);
    expect(doc.expectations.map((e) => e.status)).toEqual(['pass', 'upcoming', 'upcoming']);
    simulation.seekTime(simulation.endMs);
    expect(simulation.atEnd).toBe(true);
    expect(doc.expectations.map((e) => e.status)).toEqual(['pass', 'pass', 'pass']);
    const will = doc.expectations[2]!.result.evidence[0]!;
    expect(simulation.fullTrace.find((e) => e.seq === will.seq)?.explain?.key).toMatch(/^will\.published/);
  });

  it('fail when they cannot be met any more, with the message in both languages', async () => {
    const { doc, simulation } = await openDoc({ text: DEFAULT_SCENARIO.replace('by 20s', 'by 3s') });
    await doc.start();
    simulation.seekTime(4_000);
    const late = doc.expectations[1]!;
    expect(late.status).toBe('fail');
    expect(late.result.message).toContain('plant/s17/status');
    expect(late.result.messageDe).toContain('empfangen');
  });

  it('status rules: final results at the end, monotonic ones before', () => {
    const range = { line: 1, column: 1, endLine: 1, endColumn: 2 };
    const result = (pass: boolean, n = 0) => ({ pass, message: '', messageDe: '', evidence: Array.from({ length: n }, (_, i) => ({ seq: i, atMs: 0 })) }) as never;
    const receives = { kind: 'receives', client: 'a', topic: 't', range, text: '' } as const;
    expect(expectationStatus(receives, result(false), 1000, false)).toBe('pending');
    expect(expectationStatus(receives, result(true, 1), 1000, false)).toBe('pass');
    expect(expectationStatus(receives, result(false), 1000, true)).toBe('fail');
    expect(expectationStatus({ ...receives, byMs: 500 }, result(false), 1000, false)).toBe('fail');
    expect(expectationStatus({ ...receives, times: 1 }, result(true, 1), 1000, false)).toBe('pending');
    expect(expectationStatus({ ...receives, times: 1 }, result(false, 2), 1000, false)).toBe('fail');
    const never = { kind: 'never-receives', client: 'a', topic: 't', range, text: '' } as const;
    expect(expectationStatus(never, result(true), 1000, false)).toBe('pending');
    expect(expectationStatus(never, result(false, 1), 1000, false)).toBe('fail');
    expect(expectationStatus(never, result(true), 1000, true)).toBe('pass');
    const session = { kind: 'session', client: 'a', exists: true, range, text: '' } as const;
    expect(expectationStatus(session, result(true), 1000, false)).toBe('pending');
  });

  it('are cheap enough to check once per step', async () => {
    const { doc, simulation } = await openDoc({ text: (await loadExample('sys-and-wildcards'))!.text });
    await doc.start();
    simulation.seekTime(simulation.endMs);
    const t0 = performance.now();
    const language = await doc.languageLoaded;
    for (let i = 0; i < 100; i++) language.checkExpectations(doc.compiled!.expectations, simulation.trace, simulation.world!);
    const perCheckMs = (performance.now() - t0) / 100;
    expect(perCheckMs).toBeLessThan(5);
  });
});

describe('examples, files and undo', () => {
  it('lists every example with its first comment line as the title', async () => {
    expect(EXAMPLE_IDS).toEqual(['acl-refusal', 'clean-start', 'disconnect-properties', 'offline-queueing', 'order-across-reconnect', 'qos2-lost-pubrec', 'raw-alias-only-publish', 'raw-disallowed-property', 'raw-empty-client-id', 'raw-password-without-username', 'raw-payload-not-utf8', 'raw-protocol-level-6', 'raw-reserved-flags', 'raw-second-connect', 'raw-send-hex-segments', 'raw-wildcard-in-topic-name', 'raw-will-qos-3', 'session-expiry', 'session-takeover', 'sys-and-wildcards', 'will-on-cable-cut']);
    const will = await loadExample('will-on-cable-cut');
    expect(will?.title).toBe("Last Will: the sensor's cable is pulled");
    expect(titleOf('\n  # Hello.\n# more')).toBe('Hello');
    expect(titleOf('client a')).toBe('');
  });

  it('opens an example, runs it, and keeps the previous text one Undo away', async () => {
    const { doc, simulation } = await openDoc();
    await doc.start();
    doc.edit(`${DEFAULT_SCENARIO}# my edit\n`);
    const example = (await loadExample('offline-queueing'))!;
    const replacedBefore = doc.replaced;
    doc.openExample(example.text, example.title);
    // The example's comments in the document's comment language (English here), the marks gone.
    const english = commentsIn(example.text, 'en');
    expect(english).toContain('# Offline queueing: a persistent session keeps the QoS 1 messages');
    expect(doc.text).toBe(english);
    expect(doc.replaced).toBe(replacedBefore + 1);
    expect(doc.notice).toMatchObject({ key: 'exampleOpened', undo: true, params: { title: example.title } });
    expect(doc.ranText).toBe(english);
    // Switching the UI to German swaps the unchanged example's comments.
    doc.setCommentLanguage('de');
    expect(doc.text).toBe(commentsIn(example.text, 'de'));
    expect(doc.text).toContain('# Warteschlange im Offline-Zustand: Eine dauerhafte Sitzung');
    doc.setCommentLanguage('en');
    expect(simulation.loaded).toBe(true);
    doc.restorePrevious();
    expect(doc.text).toBe(`${DEFAULT_SCENARIO}# my edit\n`);
  });

  it('imports a text file and refuses binary or oversized ones', async () => {
    const { doc } = await openDoc();
    const file = (name: string, bytes: Uint8Array) => ({ name, size: bytes.length, arrayBuffer: async () => bytes.slice().buffer });
    expect(await doc.importFile(file('mine.mqtts', new TextEncoder().encode('\uFEFF# imported\nclient z\n')))).toBe(true);
    expect(doc.text).toBe('# imported\nclient z\n');
    expect(await doc.importFile(file('photo.jpg', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])))).toBe(false);
    expect(doc.notice).toMatchObject({ key: 'importFailed', problem: 'not-text' });
    expect(await doc.importFile({ name: 'huge.mqtts', size: 5_000_000, arrayBuffer: async () => new ArrayBuffer(0) })).toBe(false);
    expect(doc.notice).toMatchObject({ key: 'importFailed', problem: 'too-large' });
    expect(doc.text).toBe('# imported\nclient z\n');
  });

  it('exports with a file name from the first comment line', async () => {
    const { doc } = await openDoc();
    expect(doc.exportFile()).toEqual({ name: 'last-will-the-sensor-s-cable-is-pulled.mqtts', text: DEFAULT_SCENARIO });
    doc.edit('client a\n');
    expect(doc.exportFile().name).toBe('scenario.mqtts');
  });
});

describe('comments in the UI language', () => {
  const START = ['# en: The dashboard is switched on late', '# de: Das Dashboard wird spät eingeschaltet', 'broker', 'client a', 'at 0s a connect   # en: now # de: jetzt', 'at 1s end'].join('\n');

  it('opens a bilingual exercise start with the German comments in a German UI, and swaps them on a language switch', async () => {
    const { doc } = await openDoc();
    doc.setCommentLanguage('de');
    doc.openExample(START, 'start');
    expect(doc.text).toBe(['# Das Dashboard wird spät eingeschaltet', 'broker', 'client a', 'at 0s a connect   # jetzt', 'at 1s end'].join('\n'));
    doc.run();
    const replaced = doc.replaced;
    doc.setCommentLanguage('en');
    expect(doc.text).toBe(['# The dashboard is switched on late', 'broker', 'client a', 'at 0s a connect   # now', 'at 1s end'].join('\n'));
    expect(doc.replaced).toBe(replaced + 1);
    // Only the comments changed: what ran is still what is shown, nothing is stale or unsaved.
    expect(doc.stale).toBe(false);
    expect(doc.dirty).toBe(false);
  });

  it('leaves a text the learner has edited in its language', async () => {
    const { doc } = await openDoc();
    doc.openExample(START, 'start');
    doc.edit(`${doc.text}\n# mine`);
    const edited = doc.text;
    doc.setCommentLanguage('de');
    expect(doc.text).toBe(edited);
  });

  it('starts with the default scenario in the UI language and follows a later switch', async () => {
    const { DEFAULT_SCENARIO_SOURCE, DEFAULT_SCENARIO_DE } = await import('../../src/ui/default-scenario.ts');
    const simulation = new Simulation();
    const doc = ScenarioDocument.open({ simulation, storage: new MemoryStorage() });
    docs.push(doc);
    doc.setCommentLanguage('de');
    await doc.start({ defaultText: DEFAULT_SCENARIO_SOURCE });
    expect(doc.text).toBe(DEFAULT_SCENARIO_DE);
    doc.setCommentLanguage('en');
    expect(doc.text).toBe(DEFAULT_SCENARIO);
    // An autosaved, unchanged default scenario from an earlier visit follows the language too.
    const storage = new MemoryStorage();
    storage.setItem(AUTOSAVE_KEY, JSON.stringify({ text: DEFAULT_SCENARIO, cursor: { line: 1, column: 1 } }));
    const again = ScenarioDocument.open({ simulation: new Simulation(), storage });
    docs.push(again);
    await again.start({ defaultText: DEFAULT_SCENARIO_SOURCE });
    expect(again.text).toBe(DEFAULT_SCENARIO);
    again.setCommentLanguage('de');
    expect(again.text).toBe(DEFAULT_SCENARIO_DE);
  });
});
