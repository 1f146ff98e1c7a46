/**
 * Lazily loaded chunks (`import()`) that may fail to arrive: a dropped connection, a server
 * restarted mid-deploy, a proxy that timed out. `loadChunk` tries again before it gives up, so a
 * short hiccup never shows; when every try failed, the caller says so in the UI (see
 * src/ui/chunks/start-failure.ts for the languages themselves, and the kernel, editor and
 * lessons messages in en.ts / de.ts).
 *
 * Theory of operation: a failed `import()` of a URL used to be cached in the module map for the
 * rest of the page's life (HTML spec; whatwg/html#6768), so importing the same URL again failed
 * at once without a request. whatwg/html#10327 stopped caching fetch failures, and Chromium
 * follows it (checked on Chromium 156: a second `import()` of the same URL fetches it again,
 * also when one of its static imports failed). For browsers that still cache the failure, the
 * last try imports the chunk's URL with a query (`?retry=N`): a new URL is a new module-map
 * entry. Chrome and Firefox name the URL in the error's message ("Failed to fetch dynamically
 * imported module: URL"); when it is not named (Safari), the last try is a plain one too. The
 * module that failed was never evaluated, so the query never makes a second instance of a module
 * that already ran. A chunk whose stylesheet failed (Vite's CSS preload) gets that stylesheet
 * loaded again before its next try (./load-stylesheet.ts): Vite itself never asks for it twice.
 */
import { failedStylesheetUrl, loadStylesheet } from './load-stylesheet.ts';

/** The waits before the second and third tries (a short backoff). */
export const RETRY_DELAYS_MS: readonly number[] = [300, 1200];

export interface LoadChunkOptions {
  /** The waits before each retry (its length is the number of retries). */
  delaysMs?: readonly number[];
  /** How a wait is done (tests pass one that does not wait). */
  wait?: (ms: number) => Promise<void>;
  /** How a chunk's stylesheet that failed is loaded again (tests pass one without a document). */
  stylesheet?: (url: string) => Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The URL of the module whose fetch failed, if the browser's message names one. */
export function failedModuleUrl(error: unknown): string | null {
  const message = error instanceof Error ? error.message : String(error);
  return /\b(https?:\/\/\S+?\.m?js)(?:\?\S*)?\s*$/.exec(message)?.[1] ?? null;
}

/**
 * `load()` (an `import()` of a chunk), tried again after each of `delaysMs` when it fails; the
 * last try imports the failed URL with a cache-busting query when the error names it, and a try
 * after a failed stylesheet loads that stylesheet first. Rejects with the last error when every
 * try failed.
 */
export async function loadChunk<M>(load: () => Promise<M>, { delaysMs = RETRY_DELAYS_MS, wait = sleep, stylesheet = loadStylesheet }: LoadChunkOptions = {}): Promise<M> {
  let lastError: unknown;
  for (let attempt = 0; attempt <= delaysMs.length; attempt++) {
    if (attempt > 0) await wait(delaysMs[attempt - 1] ?? 0);
    const url = attempt === delaysMs.length && attempt > 0 ? failedModuleUrl(lastError) : null;
    const css = attempt > 0 ? failedStylesheetUrl(lastError) : null;
    try {
      if (css) await stylesheet(css);
      return url ? ((await import(/* @vite-ignore */ `${url}?retry=${attempt}`)) as M) : await load();
    } catch (error) {
      lastError = error;
      console.warn(`A part of the app could not be loaded (try ${attempt + 1} of ${delaysMs.length + 1})`, error);
    }
  }
  throw lastError;
}

/**
 * `load` through `loadChunk`, kept once it arrived (every later call gives the same promise); a
 * load that failed every try is forgotten, so the next call (opening the part again) tries anew.
 * For the parts a component shows with `{#await part()}`.
 */
export function lazyChunk<M>(load: () => Promise<M>, options?: LoadChunkOptions): () => Promise<M> {
  let pending: Promise<M> | null = null;
  return () =>
    (pending ??= loadChunk(load, options).catch((error: unknown) => {
      pending = null;
      throw error;
    }));
}
