import { fireEvent, render } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../../src/components/budgetText';
import TrafficMatrix from '../../../src/components/cluster/TrafficMatrix.svelte';
import { locale } from '../../../src/i18n/index.svelte';
import { crossNodeBytes, traffic, trafficBytes } from './fixtures';

const MiB = 2 ** 20;
const rowsOf = (container: HTMLElement) =>
  Array.from(container.querySelectorAll('tbody tr'), (tr) => Array.from(tr.children, (c) => c.textContent!.trim()));

describe('TrafficMatrix', () => {
  it('splits tokens and bytes into within GPU, within node and across nodes, out and back apart', () => {
    const { container, getByTestId } = render(TrafficMatrix, { traffic: traffic(), bytes: trafficBytes() });
    expect(rowsOf(container)).toEqual([
      ['within GPU', '22', '1.4 KB', '2.8 KB'],
      ['within node', '7', '448 B', '896 B'],
      ['across nodes', '11', '704 B', '1.4 KB'],
    ]);
    expect(container.querySelector('thead')!.textContent).toMatch(/tokens.*out \(dispatch\).*back \(combine\)/);
    // leaving: 7 + 11 sends at 64 B out and 128 B back = 3456 B, of which 11 · 192 = 2112 B across nodes
    expect(getByTestId('traffic-total').textContent).toBe('Leaving their GPU, both ways: 3.4 KB, of which 2.1 KB across nodes (61%).');
    expect(container.querySelectorAll('rect.block')).toHaveLength(2);
  });

  it('says what device-limited routing saves across nodes, or what it costs', () => {
    const saves = render(TrafficMatrix, {
      traffic: traffic(),
      bytes: trafficBytes(),
      limited: { withLimit: crossNodeBytes(3 * MiB), withoutLimit: crossNodeBytes(4 * MiB), label: 'At most 1 node per token' },
    });
    expect(saves.getByTestId('traffic-limit').textContent).toBe('At most 1 node per token: 3.0 MB across nodes instead of 4.0 MB, saves 1.0 MB (25%).');
    saves.unmount();
    const costs = render(TrafficMatrix, {
      traffic: traffic(),
      bytes: trafficBytes(),
      limited: { withLimit: crossNodeBytes(4 * MiB), withoutLimit: crossNodeBytes(2 * MiB), label: 'M = 1' },
    });
    expect(costs.getByTestId('traffic-limit').textContent).toBe('M = 1: 4.0 MB across nodes instead of 2.0 MB, costs 2.0 MB more (100%).');
    costs.unmount();
    const none = render(TrafficMatrix, { traffic: traffic(), bytes: trafficBytes() });
    expect(none.queryByTestId('traffic-limit')).toBeNull();
  });

  it('reads a cell (tokens and bytes) from the arrow keys, and lists each GPU’s sends for a screen reader', async () => {
    const { getByRole, getByTestId, container } = render(TrafficMatrix, { traffic: traffic(), bytes: trafficBytes() });
    const grid = getByRole('application', { name: /Tokens sent between 4 GPUs/ });
    await fireEvent.keyDown(grid, { key: 'ArrowDown' });
    expect(getByTestId('traffic-readout').textContent).toBe('GPU 0 to itself: 5 tokens stay on the GPU (320 B out, 640 B back without a transfer)');
    await fireEvent.keyDown(grid, { key: 'ArrowRight' });
    expect(getByTestId('traffic-readout').textContent).toBe('GPU 0 (node 0) → GPU 1 (node 0), within node: 3 tokens; 192 B out, 384 B back');
    await fireEvent.keyDown(grid, { key: 'ArrowDown' });
    await fireEvent.keyDown(grid, { key: 'ArrowRight' });
    await fireEvent.keyDown(grid, { key: 'ArrowRight' });
    expect(getByTestId('traffic-readout').textContent).toBe('GPU 1 (node 0) → GPU 3 (node 1), across nodes: 4 tokens; 256 B out, 512 B back');
    expect(container.querySelector('ul.visually-hidden')!.textContent).toContain('GPU 1 sends 6 tokens to itself, 1 within its node, 4 to other nodes.');
  });

  it('reads in Chinese', () => {
    locale.lang = 'zh-CN';
    try {
      const { container } = render(TrafficMatrix, { traffic: traffic(), bytes: trafficBytes() });
      expect(rowsOf(container).map((r) => r[0])).toEqual(['GPU 内', '节点内', '跨节点']);
    } finally {
      locale.lang = 'en';
    }
  });

  it('writes bytes with units from B to GB', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(3 * 1024)).toBe('3.0 KB');
    expect(formatBytes(20 * 1024)).toBe('20 KB');
    expect(formatBytes(5.2 * MiB)).toBe('5.2 MB');
    expect(formatBytes(3.5 * 2 ** 30)).toBe('3.5 GB');
  });
});
