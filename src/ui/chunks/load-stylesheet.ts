/**
 * A lazily loaded chunk's stylesheet that failed to arrive. Vite loads a chunk's CSS before the
 * chunk (its preload helper adds a `<link rel="stylesheet">` and waits for it); when that link
 * fails, the `import()` rejects with "Unable to preload CSS for URL". Vite then remembers the URL
 * as handled for the rest of the page's life, so a plain second `import()` skips the stylesheet
 * and the chunk runs unstyled (a lesson list with bullets and no layout). `loadChunk` therefore
 * loads the named stylesheet itself before it tries the chunk again (`loadStylesheet`): the failed
 * link is replaced by a new one, which the browser fetches anew.
 */

/** The stylesheet whose preload failed, when the error is Vite's "Unable to preload CSS for URL". */
export function failedStylesheetUrl(error: unknown): string | null {
  const message = error instanceof Error ? error.message : String(error);
  return /^Unable to preload CSS for (\S+\.css(?:\?\S*)?)$/.exec(message)?.[1] ?? null;
}

/** Each document's stylesheets being loaded again, or loaded: chunks that share one (LessonTab's and the lessons' own) wait for the same link. */
const loading = new WeakMap<Document, Map<string, Promise<void>>>();

/**
 * Load the stylesheet at `url` into `doc` again, after it failed: the links to it (the failed
 * preload's, an earlier failed try's: Vite asks for a URL once, so no other link to it can have
 * loaded) are replaced by a new `<link rel="stylesheet">`; resolves once it has loaded. A failed
 * link cannot be told by its `sheet` (Chromium gives it an empty one). Chunks that share the
 * stylesheet fail together and retry together: they wait for one link (a second one would remove
 * the first, whose load would then never be told). Rejects with the same words as Vite (so the
 * next try loads it again, and the last error reads as Vite's) when it fails.
 */
export function loadStylesheet(url: string, doc: Document = document): Promise<void> {
  const pending = loading.get(doc) ?? new Map<string, Promise<void>>();
  loading.set(doc, pending);
  const known = pending.get(url);
  if (known) return known;
  for (const link of doc.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')) if (link.href === url) link.remove();
  const link = doc.createElement('link');
  link.rel = 'stylesheet';
  link.crossOrigin = '';
  link.href = url;
  const loaded = new Promise<void>((resolve, reject) => {
    link.addEventListener('load', () => resolve(), { once: true });
    link.addEventListener(
      'error',
      () => {
        pending.delete(url);
        reject(new Error(`Unable to preload CSS for ${url}`));
      },
      { once: true },
    );
    doc.head.append(link);
  });
  pending.set(url, loaded);
  return loaded;
}
