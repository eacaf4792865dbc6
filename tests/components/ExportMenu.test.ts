import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import ExportMenu from '../../src/components/ExportMenu.svelte';
import { download, panelPng } from '../../src/components/exportFiles';
import { AppState } from '../../src/state/app.svelte';
import { ownTexts } from '../../src/state/ownText/ownTexts.svelte';
import { makeSnapshot } from './fixtures';

vi.mock('../../src/components/exportFiles', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/components/exportFiles')>()),
  download: vi.fn(),
  panelPng: vi.fn(async () => new Blob(['png'], { type: 'image/png' })),
}));

const makeApp = (hash = '#v=1&E=4') => new AppState(hash, { replace() {}, push() {} });

function makePanels(): { id: string; title: string; element: HTMLElement }[] {
  const make = (id: string, title: string, inner: string) => {
    const element = document.createElement('section');
    element.dataset.panel = id;
    element.innerHTML = `<h2>${title}</h2>${inner}`;
    document.body.append(element);
    return { id, title, element };
  };
  return [
    make('load', 'Expert load', '<svg id="chart"><rect /></svg>'),
    make('partition', 'Partition', '<canvas></canvas>'),
    make('inspector', 'Token inspector', '<p>pick a token</p>'),
  ];
}

const item = (name: RegExp | string) => screen.getByRole('menuitem', { name });

describe('ExportMenu', () => {
  let panels: ReturnType<typeof makePanels>;
  beforeEach(() => {
    vi.mocked(download).mockClear();
    vi.mocked(panelPng).mockClear();
    panels = makePanels();
  });
  afterEach(() => {
    for (const p of panels) p.element.remove();
  });

  it('opens from the button and lists data and panel items, disabled with a reason before any data', async () => {
    render(ExportMenu, { app: makeApp(), history: null, panels: () => panels });
    const button = screen.getByRole('button', { name: /Export/ });
    expect(button).toHaveAttribute('aria-haspopup', 'menu');
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('menu')).toBeNull();
    await fireEvent.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'true');
    const names = screen.getAllByRole('menuitem').map((m) => m.querySelector('span')!.textContent);
    expect(names).toEqual([
      'Metric history (CSV)',
      'Metric history (JSON)',
      'Routing of the current batch (CSV)',
      'Routing of the current batch (JSON)',
      'Expert load: image (PNG)',
      'Expert load: vector drawing (SVG)',
      'Partition: image (PNG)',
      'Token inspector: image (PNG)',
    ]);
    expect(item(/Metric history \(CSV\)/)).toHaveAttribute('aria-disabled', 'true');
    expect(item(/Metric history \(CSV\)/)).toHaveAccessibleDescription('no history yet: press Play or Step');
    expect(item(/Routing of the current batch \(JSON\)/)).toHaveAccessibleDescription('no batch yet: press Play or Step');
    expect(item(/Token inspector/)).toHaveAccessibleDescription('nothing drawn yet');
    expect(item(/Expert load: image/)).not.toHaveAttribute('aria-disabled');
    // a disabled item does nothing
    await fireEvent.click(item(/Metric history \(CSV\)/));
    expect(download).not.toHaveBeenCalled();
  });

  it('exports the history and the batch with preset and step in the file name', async () => {
    const app = makeApp('#v=1&preset=mixtral');
    app.session.snapshot = makeSnapshot({ E: 8, T: 4, step: 120, spec: { k: 2 } });
    const history = { columns: () => ({ step: Int32Array.of(1, 2), taskLoss: Float32Array.of(1.5, NaN) }) };
    render(ExportMenu, { app, history, panels: () => panels });
    const button = screen.getByRole('button', { name: /Export/ });

    await fireEvent.click(button);
    await fireEvent.click(item(/Metric history \(CSV\)/));
    expect(download).toHaveBeenLastCalledWith('moe-playground_mixtral_step-120_history.csv', 'step,taskLoss\n1,1.5\n2,\n', 'text/csv');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);

    await fireEvent.click(button);
    await fireEvent.click(item(/Metric history \(JSON\)/));
    expect(vi.mocked(download).mock.lastCall![0]).toBe('moe-playground_mixtral_step-120_history.json');
    expect(JSON.parse(vi.mocked(download).mock.lastCall![1] as string)).toEqual([
      { step: 1, taskLoss: 1.5 },
      { step: 2, taskLoss: null },
    ]);

    await fireEvent.click(button);
    await fireEvent.click(item(/Routing of the current batch \(CSV\)/));
    const [name, csv, type] = vi.mocked(download).mock.lastCall!;
    expect(name).toBe('moe-playground_mixtral_step-120_routing.csv');
    expect(type).toBe('text/csv');
    expect((csv as string).split('\n')[0]).toBe('token,slot,expert,weight,dropped');
    expect((csv as string).trim().split('\n')).toHaveLength(1 + 4 * 2);
    expect(screen.getByRole('status')).toHaveTextContent('Saved moe-playground_mixtral_step-120_routing.csv');
  });

  it('exports a panel as PNG and its svg as SVG', async () => {
    const app = makeApp();
    render(ExportMenu, { app, history: null, panels: () => panels });
    const button = screen.getByRole('button', { name: /Export/ });
    await fireEvent.click(button);
    await fireEvent.click(item(/Partition: image/));
    await vi.waitFor(() => expect(download).toHaveBeenCalled());
    expect(panelPng).toHaveBeenCalledWith(panels[1].element);
    expect(vi.mocked(download).mock.lastCall![0]).toBe('moe-playground_custom_partition.png');
    expect(vi.mocked(download).mock.lastCall![1]).toBeInstanceOf(Blob);

    await fireEvent.click(button);
    await fireEvent.click(item(/Expert load: vector/));
    const [name, markup, type] = vi.mocked(download).mock.lastCall!;
    expect(name).toBe('moe-playground_custom_load.svg');
    expect(type).toBe('image/svg+xml');
    expect(markup as string).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(markup as string).toContain('<rect');
  });

  it('is keyboard operable: arrows open and move, Escape closes and returns focus', async () => {
    render(ExportMenu, { app: makeApp(), history: null, panels: () => panels });
    const button = screen.getByRole('button', { name: /Export/ });
    button.focus();
    await fireEvent.keyDown(button, { key: 'ArrowDown' });
    await tick();
    const items = screen.getAllByRole('menuitem');
    expect(document.activeElement).toBe(items[0]);
    await fireEvent.keyDown(items[0], { key: 'ArrowDown' });
    expect(document.activeElement).toBe(items[1]);
    await fireEvent.keyDown(items[1], { key: 'End' });
    expect(document.activeElement).toBe(items[items.length - 1]);
    await fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(items[0]);
    await fireEvent.keyDown(items[0], { key: 'ArrowUp' });
    expect(document.activeElement).toBe(items[items.length - 1]);
    await fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);
    // ↑ opens on the last item
    await fireEvent.keyDown(button, { key: 'ArrowUp' });
    await tick();
    const again = screen.getAllByRole('menuitem');
    expect(document.activeElement).toBe(again[again.length - 1]);
  });

  it('closes on a click outside', async () => {
    render(ExportMenu, { app: makeApp(), history: null, panels: () => panels });
    await fireEvent.click(screen.getByRole('button', { name: /Export/ }));
    expect(screen.getByRole('menu')).toBeInTheDocument();
    await fireEvent.pointerDown(document.body);
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('on your own text offers the text itself, which the link carries only as its hash', async () => {
    const text = '# domain: notes\n' + 'a line of my own text. '.repeat(40);
    const hash = ownTexts.add(text);
    render(ExportMenu, { app: makeApp(`#v=5&data=own&tx=${hash}`), history: null, panels: () => panels });
    await fireEvent.click(screen.getByRole('button', { name: /Export/ }));
    const own = item(/Your own text/);
    expect(own).not.toHaveAttribute('aria-disabled');
    await fireEvent.click(own);
    expect(download).toHaveBeenCalledWith(`moe-playground-text-${hash}.txt`, expect.any(Blob));
    const blob = vi.mocked(download).mock.calls[0][1] as Blob;
    expect(await blob.text()).toBe(text);
  });
});
