/**
 * `tls=on` on a client's link (lesson 18): the inspector shows what a sniffer sees — one TLS
 * record (header 17 03 03 + length, then opaque bytes made from the world's seed) — beside the
 * MQTT bytes inside the tunnel; a plain link shows no record.
 */
import { render, waitFor } from '@testing-library/svelte';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupI18n } from '../../src/ui/i18n/bundled.ts';
import { tlsRecordOf } from '../../src/ui/inspector/tls-view.ts';
import InspectorPanel from '../../src/ui/panels/InspectorPanel.svelte';
import Stage from '../../src/ui/stage/Stage.svelte';
import { parseScenario } from '../../src/scenario/index.ts';
import { simulationAt } from './simulation-at.ts';

const scenario = (link: string, seed = 7) => `seed ${seed}
client sensor ${link}
client dash
at 0s sensor connect -u alice -P secret
at 0s dash connect
at 0.1s dash subscribe -t hall/temp
at 0.5s sensor publish -t hall/temp -m 21.5
at 2s end
`;

/**
 * How long one inspector may take to show a packet. InspectorPanel loads PacketInspector with
 * import(): the first time, vite transforms it and its modules, seconds at load 20 on 2 cores,
 * which is how a test rendering it once passed the default 5 s. That first load happens in
 * beforeAll, bounded on its own; each test's timeout is its renders times this bound.
 */
const RENDER_MS = 15_000;

beforeAll(() => setupI18n('en'));
beforeAll(() => import('../../src/ui/inspector/PacketInspector.svelte'), 60_000);

const hexOf = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');

describe('the TLS record view', () => {
  it('wraps the bytes in a TLS 1.3 application-data record whose length says how big the packet is', () => {
    const mqtt = new TextEncoder().encode('\x30\x0ehall/temp21.5');
    const record = tlsRecordOf(mqtt, 7, 12);
    expect(hexOf(record.bytes.subarray(0, 5))).toBe(`17 03 03 00 ${(mqtt.length + 17).toString(16)}`);
    expect(record.bytes.length).toBe(5 + mqtt.length + 1 + 16);
    // Neither the topic nor the payload can be read on the wire.
    expect(new TextDecoder('latin1').decode(record.bytes)).not.toContain('hall/temp');
    // The same seed and position give the same bytes; another seed others.
    expect(tlsRecordOf(mqtt, 7, 12).bytes).toEqual(record.bytes);
    expect(tlsRecordOf(mqtt, 8, 12).bytes).not.toEqual(record.bytes);
    expect(tlsRecordOf(mqtt, 7, 13).bytes).not.toEqual(record.bytes);
  });

  it('is read from `tls=on` in the scenario, and a bad value is an error at its position', () => {
    const ok = parseScenario('client sensor tls=on latency=5ms\nclient dash\nlink dash tls=off\n');
    expect(ok.diagnostics).toEqual([]);
    expect(ok.scenario.clients.map((c) => c.link)).toEqual([{ tls: true, latencyMs: 5 }, { tls: false }]);
    const bad = parseScenario('client sensor tls=maybe\n');
    expect(bad.diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual(['setting.bad-value 1:19']);
  });

  async function inspect(link: string, seed = 7) {
    const simulation = simulationAt(scenario(link, seed), 2000);
    const connect = simulation.trace.find((e) => e.kind === 'send' && e.packet?.type === 'connect' && e.from === 'sensor')!;
    simulation.select({ kind: 'entry', seq: connect.seq });
    const { container } = render(InspectorPanel, { props: { simulation } });
    await waitFor(() => expect(container.querySelector('.packet')).not.toBeNull(), { timeout: RENDER_MS });
    return { container, connect };
  }

  it('shows the record beside the MQTT bytes in the inspector for a client on a TLS link', { timeout: RENDER_MS + 5_000 }, async () => {
    const { container, connect } = await inspect('tls=on');
    const section = container.querySelector('[data-testid="tls-record"]')!;
    expect(section.textContent).toContain('what a sniffer sees');
    const wire = [...section.querySelectorAll('.byte')].map((b) => b.textContent);
    expect(wire.slice(0, 3)).toEqual(['17', '03', '03']);
    expect(wire.length).toBe(connect.bytes!.length + 22);
    // The MQTT bytes inside the tunnel are still shown, password and all.
    expect(container.querySelector('.split .dump .byte')?.textContent).toBe('10');
    expect(container.textContent).toContain('Inside the tunnel');
  });

  it('shows no record on a plain link, and other bytes for another seed', { timeout: 3 * RENDER_MS + 5_000 }, async () => {
    const plain = await inspect('');
    expect(plain.container.querySelector('[data-testid="tls-record"]')).toBeNull();
    const a = (await inspect('tls=on', 7)).container.querySelector('[data-testid="tls-record"]')!.textContent;
    const b = (await inspect('tls=on', 8)).container.querySelector('[data-testid="tls-record"]')!.textContent;
    expect(a).not.toEqual(b);
  });

  it('marks a TLS link on the stage with a lock, and only that one', () => {
    const { container } = render(Stage, { props: { simulation: simulationAt(scenario('tls=on'), 1000) } });
    expect([...container.querySelectorAll('[data-tls]')].map((l) => l.getAttribute('data-tls'))).toEqual(['sensor']);
    expect(container.querySelector('[data-tls] title')?.textContent).toBe('sensor: TLS link: a sniffer sees only encrypted records');
  });
});
