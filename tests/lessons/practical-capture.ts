/**
 * Lesson 18's `tshark -i lo -f 'tcp port 8883'` for practical-steps.test.ts: a live capture on
 * the loopback (root, or a member of Debian's wireshark group, may capture there), with the
 * visible additions `-l` (a line a packet, at once), `-V` (every field, as Wireshark's middle
 * pane shows it) and `-d tcp.port==PORT,tls|mqtt` (tshark knows 8883 and 1883 by number; the
 * test's free ports it must be told).
 */
import { connect } from 'node:net';
import { rewrite, step, type Step } from './practical-blocks.ts';

export const SNIFF = "tshark -i lo -f 'tcp port 8883'";

/** Starts the capture of `port` (1883 or 8883 in the lesson) and resolves once a packet of it has been seen. */
export async function sniff(lessonPort: 1883 | 8883, ports: Record<number, number>, cwd: string): Promise<Step> {
  const port = ports[lessonPort]!;
  const line = rewrite(SNIFF.replace('8883', String(lessonPort)), ports, `-l -V -d tcp.port==${port},${lessonPort === 8883 ? 'tls' : 'mqtt'}`);
  const capture = step(line, cwd, 40_000);
  await capture.waitFor(/Capturing on/, 20_000);
  // A capture starts a moment after it says so: knock (a TCP connection that sends nothing) until it sees one.
  for (let i = 0; ; i++) {
    await new Promise<void>((r) => {
      const s = connect(port, '127.0.0.1', () => s.end());
      s.on('close', () => r());
      s.on('error', () => r());
    });
    try {
      await capture.waitFor(/^Frame \d+:/m, 300);
      return capture;
    } catch (e) {
      if (i > 40) throw e;
    }
  }
}

/** Stops a capture (SIGINT, as Ctrl+C) and resolves with all it printed. */
export async function stopSniffing(capture: Step): Promise<string> {
  capture.kill('SIGINT');
  await capture.exited;
  return capture.output();
}
