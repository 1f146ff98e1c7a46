/**
 * Virtual time as the transport shows it: seconds with millisecond precision, in the UI
 * locale's digits ("12.345 s" in English, "12,345 s" in German).
 */
const formatters = new Map<string, Intl.NumberFormat>();

export function formatVirtualTime(ms: number, locale: string): string {
  let format = formatters.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3, useGrouping: false });
    formatters.set(locale, format);
  }
  return `${format.format(ms / 1000)} s`;
}
