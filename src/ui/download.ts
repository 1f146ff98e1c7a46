/**
 * Saves `data` as a file named `name` through the browser's download: one helper for every
 * export (scenario, progress, SVG, pcapng, device programs). The link is attached while it is
 * clicked (some browsers ignore a detached one) and its object URL released a moment later.
 */
export function downloadFile(name: string, data: string | Uint8Array<ArrayBuffer>, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
