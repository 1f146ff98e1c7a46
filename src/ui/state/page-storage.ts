/**
 * The page's localStorage, or null where the browser blocks it (private mode, blocked cookies):
 * then what it would keep lasts until the page closes.
 */
export function pageStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
