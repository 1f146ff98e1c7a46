/**
 * Scenario texts that come from outside the editor or leave it: `?scenario=` parameters and
 * `#s=` share links (decoded by src/ui/scenario/share-link.ts, loaded on first use), `.mqtts`
 * files, and the address bar they are cleaned from. Each function answers with a text or with
 * the notice that says why not; the scenario document decides what to do with either. Link
 * content is only ever text: nothing in it runs as code.
 */
import { loadChunk } from '../chunks/load-chunk.ts';
import type { Notice } from './scenario-notice.ts';

/** URL fragment prefix of a share link. */
export const SHARE_PREFIX = '#s=';
/**
 * The value of a share link's fragment, or null for another fragment. `#s%3D…` counts too: mail
 * filters and chat apps that rewrite links percent-encode the `=` (the value is cleaned when decoded).
 */
export function shareLinkValue(hash: string): string | null {
  if (hash.startsWith(SHARE_PREFIX)) return hash.slice(SHARE_PREFIX.length);
  return /^#s%3d/i.test(hash) ? hash.slice(5) : null;
}

/** Query parameter with plain scenario text (used by tests and simple links). */
export const TEXT_PARAM = 'scenario';
/** Largest text accepted from a `?scenario=` parameter or a file (UTF-16 code units / bytes). */
export const MAX_TEXT_LENGTH = 100_000;

/** The window parts the document listens to (a fake in tests, or none). */
export interface DocumentWindow {
  location: Pick<Location, 'hash' | 'search' | 'href'>;
  history: Pick<History, 'replaceState'>;
  addEventListener(type: 'hashchange' | 'pagehide', listener: () => void): void;
}

/** A text from outside, or the notice that says why there is none. */
export type TextOrNotice = { ok: true; text: string } | { ok: false; notice: Notice };

/** The plain-text scenario in a URL's `?scenario=` parameter, capped. */
export function textParam(search: string): string | null {
  const value = new URLSearchParams(search).get(TEXT_PARAM);
  return value === null ? null : value.slice(0, MAX_TEXT_LENGTH);
}

/** Drop `?scenario=` (and the fragment) from the address bar, so a reload shows the autosave. */
export function cleanUrl(win: DocumentWindow): void {
  try {
    const { pathname, search } = new URL(win.location.href);
    const params = new URLSearchParams(search);
    params.delete(TEXT_PARAM);
    const query = params.toString();
    win.history.replaceState(null, '', pathname + (query ? `?${query}` : ''));
  } catch {
    // a sandboxed or odd location: leave the address bar alone
  }
}

/**
 * The text of a `#s=` link's value (after the prefix). Never throws. When the link's decoder did
 * not arrive (after `loadChunk`'s retries) the link is not at fault: the notice says that a part
 * of the app did not load and offers Reload, and `keepLink` asks the caller to leave the link in
 * the address bar, so the reload opens it.
 */
export async function decodeLink(value: string): Promise<TextOrNotice & { keepLink?: true }> {
  let codec;
  try {
    codec = await loadChunk(() => import('../scenario/share-link.ts'));
  } catch {
    return { ok: false, notice: { key: 'linkUnloaded', tone: 'error', params: {}, reload: true }, keepLink: true };
  }
  let decoded;
  try {
    decoded = codec.decodeScenario(value);
  } catch {
    decoded = { ok: false as const, problem: 'corrupt' as const };
  }
  if (decoded.ok) return { ok: true, text: decoded.text };
  return { ok: false, notice: { key: 'linkCorrupt', tone: 'error', params: { max: MAX_TEXT_LENGTH / 1000 }, problem: decoded.problem } };
}

/**
 * A link that carries `text`, and the notice that shows it; `copy` (the clipboard) is tried and
 * the notice says whether it worked.
 */
export async function makeShareLink(base: string, text: string, copy?: (link: string) => Promise<void>): Promise<{ link: string | null; notice: Notice }> {
  let link: string;
  try {
    const { shareUrl } = await loadChunk(() => import('../scenario/share-link.ts'));
    link = shareUrl(base, text);
  } catch (error) {
    return { link: null, notice: { key: 'shareFailed', tone: 'error', params: { message: String(error) } } };
  }
  let copied = false;
  try {
    if (copy) {
      await copy(link);
      copied = true;
    }
  } catch {
    copied = false; // no clipboard permission: the learner copies it from the notice
  }
  return { link, notice: { key: copied ? 'shareReady' : 'shareCopy', tone: copied ? 'success' : 'info', params: { length: link.length }, link } };
}

/** The text of a `.mqtts` file (up to MAX_TEXT_LENGTH bytes of UTF-8, a byte order mark dropped). */
export async function readFileText(file: Pick<File, 'name' | 'size' | 'arrayBuffer'>): Promise<TextOrNotice> {
  const name = file.name;
  if (file.size > MAX_TEXT_LENGTH) {
    return { ok: false, notice: { key: 'importFailed', tone: 'error', params: { name, max: MAX_TEXT_LENGTH / 1000 }, problem: 'too-large' } };
  }
  let text: string | undefined;
  try {
    const { decodeText } = await loadChunk(() => import('../scenario/share-link.ts'));
    text = decodeText(new Uint8Array(await file.arrayBuffer()));
  } catch {
    text = undefined;
  }
  if (text === undefined) {
    return { ok: false, notice: { key: 'importFailed', tone: 'error', params: { name, max: MAX_TEXT_LENGTH / 1000 }, problem: 'not-text' } };
  }
  return { ok: true, text: text.replace(/^\uFEFF/, '') };
}

/** A file name for `text`: a slug of its first comment line, `.mqtts`. */
export function exportFileName(text: string): string {
  const title = /^\s*#+\s*([^\n]*)/.exec(text)?.[1] ?? '';
  const slug = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  return `${slug || 'scenario'}.mqtts`;
}
