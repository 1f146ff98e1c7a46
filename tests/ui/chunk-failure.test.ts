/**
 * A lazily loaded chunk that does not arrive (src/ui/chunks/load-chunk.ts): tried again after
 * each of its waits, the last error kept when every try failed; the failed module's URL read
 * from the browsers' messages (for the cache-busting last try); a chunk whose stylesheet failed
 * gets the stylesheet loaded again before its next try (Vite's preload never asks twice). And the scenario document when
 * the simulation's code never arrives: it says so (with Reload), says it again on Run, and keeps
 * saving what the learner types.
 */
import { describe, expect, it } from 'vitest';
import { failedModuleUrl, lazyChunk, loadChunk } from '../../src/ui/chunks/load-chunk.ts';
import { failedStylesheetUrl } from '../../src/ui/chunks/load-stylesheet.ts';
import { AUTOSAVE_KEY, type ScenarioStorage } from '../../src/ui/state/scenario-storage.ts';
import { ScenarioDocument } from '../../src/ui/state/scenario.svelte.ts';
import { Simulation } from '../../src/ui/state/simulation.svelte.ts';

/** A loader that fails `failures` times (a network error, as Safari words it), then gives `value`. */
function flaky<T>(failures: number, value: T): { load: () => Promise<T>; calls: () => number } {
  let calls = 0;
  return {
    load: () => (++calls <= failures ? Promise.reject(new TypeError('Importing a module script failed.')) : Promise.resolve(value)),
    calls: () => calls,
  };
}

describe('loadChunk', () => {
  it('tries again after a short wait, then a longer one, and gives the module of the try that worked', async () => {
    const waits: number[] = [];
    const chunk = flaky(2, { en: 'messages' });
    await expect(loadChunk(chunk.load, { wait: async (ms) => void waits.push(ms) })).resolves.toEqual({ en: 'messages' });
    expect(chunk.calls()).toBe(3);
    expect(waits).toEqual([300, 1200]);
  });

  it('gives up after the last retry with the last error (nothing named a URL: no cache-busting try)', async () => {
    const chunk = flaky(5, 'never');
    await expect(loadChunk(chunk.load, { delaysMs: [1, 1], wait: async () => {} })).rejects.toThrow('Importing a module script failed.');
    expect(chunk.calls()).toBe(3);
  });

  it('does not wait when the first try works', async () => {
    const waits: number[] = [];
    await loadChunk(flaky(0, 1).load, { wait: async (ms) => void waits.push(ms) });
    expect(waits).toEqual([]);
  });
});

describe('lazyChunk (a part a component shows with {#await})', () => {
  const noWait = { delaysMs: [1, 1], wait: async () => {} };

  it('keeps a part that arrived: opening it again asks for nothing', async () => {
    const chunk = flaky(1, 'PacketInspector');
    const part = lazyChunk(chunk.load, noWait);
    await expect(part()).resolves.toBe('PacketInspector');
    await expect(part()).resolves.toBe('PacketInspector');
    expect(chunk.calls()).toBe(2);
  });

  it('forgets a part that never arrived, so opening it again tries anew (and can work then)', async () => {
    const chunk = flaky(3, 'ExportView');
    const part = lazyChunk(chunk.load, noWait);
    await expect(part()).rejects.toThrow('Importing a module script failed.');
    expect(chunk.calls()).toBe(3);
    await expect(part()).resolves.toBe('ExportView');
    expect(chunk.calls()).toBe(4);
  });
});

describe('loadChunk when the chunk’s stylesheet fails', () => {
  const CSS = 'http://127.0.0.1:4173/assets/LessonTab-PCfKy_oF.css';
  /** Vite's preload: the stylesheet fails on the first import; later imports skip it (Vite never asks twice) and give the module. */
  function viteChunk() {
    let calls = 0;
    return { load: () => (++calls === 1 ? Promise.reject(new Error(`Unable to preload CSS for ${CSS}`)) : Promise.resolve('LessonTab')), calls: () => calls };
  }

  it('loads the stylesheet again before the next try, so the chunk never runs without it', async () => {
    const chunk = viteChunk();
    const loaded: string[] = [];
    await expect(loadChunk(chunk.load, { wait: async () => {}, stylesheet: async (url) => void loaded.push(url) })).resolves.toBe('LessonTab');
    expect(loaded).toEqual([CSS]);
    expect(chunk.calls()).toBe(2);
  });

  it('gives up with the stylesheet’s error when it never arrives (the same failure as a chunk that never arrives)', async () => {
    const chunk = viteChunk();
    const tries: string[] = [];
    const stylesheet = (url: string) => (tries.push(url), Promise.reject(new Error(`Unable to preload CSS for ${url}`)));
    await expect(loadChunk(chunk.load, { wait: async () => {}, stylesheet })).rejects.toThrow(`Unable to preload CSS for ${CSS}`);
    expect(tries).toEqual([CSS, CSS]);
    expect(chunk.calls()).toBe(1); // never run unstyled
  });
});

describe('failedStylesheetUrl', () => {
  it('reads the URL from Vite’s CSS preload message, not from a module’s', () => {
    expect(failedStylesheetUrl(new Error('Unable to preload CSS for https://lab.example/sub/assets/Worksheet-N19alrEH.css'))).toBe('https://lab.example/sub/assets/Worksheet-N19alrEH.css');
    expect(failedStylesheetUrl(new TypeError('Failed to fetch dynamically imported module: http://x/assets/en-DJ1o3gXU.js'))).toBeNull();
  });
});

describe('failedModuleUrl', () => {
  it("reads the URL from Chromium's and Firefox's messages, not from Safari's or a CSS preload's", () => {
    expect(failedModuleUrl(new TypeError('Failed to fetch dynamically imported module: http://127.0.0.1:4173/assets/en-DJ1o3gXU.js'))).toBe('http://127.0.0.1:4173/assets/en-DJ1o3gXU.js');
    expect(failedModuleUrl(new TypeError('error loading dynamically imported module: https://lab.example/sub/assets/monaco-C5slFK3t.js?retry=2'))).toBe('https://lab.example/sub/assets/monaco-C5slFK3t.js');
    expect(failedModuleUrl(new TypeError('Importing a module script failed.'))).toBeNull();
    expect(failedModuleUrl(new Error('Unable to preload CSS for http://127.0.0.1:4173/assets/LessonTab-DUrtshwn.css'))).toBeNull();
  });
});

class MemoryStorage implements ScenarioStorage {
  readonly data = new Map<string, string>();
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.data.set(key, value);
  }
  removeItem(key: string) {
    this.data.delete(key);
  }
}

describe('the scenario document without the simulation', () => {
  it('says the simulation did not load (with Reload), says it again on Run, and keeps saving the text', async () => {
    const storage = new MemoryStorage();
    const doc = ScenarioDocument.open({ simulation: new Simulation(), storage, loadLanguage: () => Promise.reject(new TypeError('Failed to fetch dynamically imported module: http://x/assets/language-kernel-Dh9nGLX1.js')) });
    await expect(doc.start({ defaultText: 'client a\n' })).resolves.toEqual({ ok: false, errors: [] });
    expect(doc.kernelUnavailable).toBe(true);
    expect(doc.notice).toMatchObject({ key: 'kernelFailed', tone: 'error', reload: true });

    doc.dismissNotice();
    expect(doc.notice).toBeNull();
    expect(doc.run().ok).toBe(false);
    expect(doc.notice?.key).toBe('kernelFailed');

    doc.edit('client a\n# mine\n');
    doc.flushSave();
    expect(storage.getItem(AUTOSAVE_KEY)).toContain('# mine');
  });
});
