import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import SettingsPanel from '../../src/components/SettingsPanel.svelte';
import { PARAM_KEYS, schemaDefaults, type MoeConfig } from '../../src/state/schema';

const config = (over: Partial<MoeConfig> = {}): MoeConfig => ({ ...schemaDefaults(), ...over });

describe('SettingsPanel', () => {
  it('has a labelled, keyboard-reachable control for every parameter of the schema', () => {
    const { container } = render(SettingsPanel, { config: config(), onchange: () => {} });
    for (const key of PARAM_KEYS) {
      const input = container.querySelector<HTMLElement>(`#set-${key}`);
      expect(input, key).not.toBeNull();
      expect(container.querySelector(`label[for="set-${key}"]`), key).not.toBeNull();
      expect(input!.tabIndex, key).toBeGreaterThanOrEqual(0);
    }
  });

  it('reports typed values: numbers, null for dropless, enum strings and booleans', async () => {
    const onchange = vi.fn();
    render(SettingsPanel, { config: config({ sharedExperts: 1 }), onchange });
    await fireEvent.input(screen.getByRole('slider', { name: /^Experts E/ }), { target: { value: '16' } });
    expect(onchange).toHaveBeenLastCalledWith('experts', 16);
    await fireEvent.click(screen.getByLabelText('Capacity factor (training): dropless'));
    expect(onchange).toHaveBeenLastCalledWith('capacityFactor', null);
    await fireEvent.change(screen.getByLabelText('Fine-grained factor m'), { target: { value: '4' } });
    expect(onchange).toHaveBeenLastCalledWith('fineGrain', 4);
    await fireEvent.change(screen.getByRole('spinbutton', { name: 'Hidden size d' }), { target: { value: '24' } });
    expect(onchange).toHaveBeenLastCalledWith('d', 24);
    await fireEvent.change(screen.getByLabelText('Router'), { target: { value: 'hash' } });
    expect(onchange).toHaveBeenLastCalledWith('scheme', 'hash');
    await fireEvent.click(screen.getByLabelText('Gate the shared experts (Qwen)'));
    expect(onchange).toHaveBeenLastCalledWith('sharedGate', true);
    // α's log slider: position 0 is exactly 0, the collapse demo
    await fireEvent.input(screen.getByRole('slider', { name: /^Load-balance coefficient/ }), { target: { value: '0' } });
    expect(onchange).toHaveBeenLastCalledWith('balanceCoef', 0);
  });

  it('marks settings that restart training, says why a setting does not apply, and warns when a setting teaches by failing', () => {
    render(SettingsPanel, { config: config({ balanceCoef: 0, topK: 1, normalize: 'topk-softmax' }), onchange: () => {} });
    expect(document.querySelector('[data-setting="experts"] .rebuild')).not.toBeNull();
    expect(document.querySelector('[data-setting="lr"] .rebuild')).toBeNull();
    expect(document.querySelector('[data-setting="biasRate"]')!.textContent).toContain('Only used by the DeepSeek router');
    expect(screen.getByText(/nothing balances the load/)).toBeInTheDocument();
    expect(screen.getByText(/every token the weight 1/)).toBeInTheDocument();
  });

  it('reaches every control by its label, and a dropless factor turns back into a number', async () => {
    const onchange = vi.fn();
    render(SettingsPanel, { config: config({ evalCapacityFactor: null }), onchange });
    for (const key of PARAM_KEYS) {
      const name = document.querySelector(`label[for="set-${key}"]`)!.textContent!;
      // a numeric setting is also typed into a box of the same name
      expect(screen.getAllByLabelText(name).map((el) => el.id), key).toContain(`set-${key}`);
    }
    expect(screen.getByRole('slider', { name: /^Capacity factor \(evaluation\)/ })).toBeDisabled();
    await fireEvent.click(screen.getByLabelText('Capacity factor (evaluation): dropless'));
    expect(onchange).toHaveBeenLastCalledWith('evalCapacityFactor', 2);
  });

  it('tells a screen reader the hint, the restart, why a setting does not apply, and its warning', () => {
    render(SettingsPanel, { config: config({ balanceCoef: 0, scheme: 'noisy-topk' }), onchange: () => {} });
    const described = (name: RegExp) => screen.getByRole('slider', { name }).getAttribute('aria-describedby')!.split(' ');
    expect(described(/^Experts E/)).toEqual(['set-experts-hint', 'set-experts-rebuild']);
    expect(described(/^Bias update rate/)).toContain('set-biasRate-why');
    expect(described(/^Load-balance coefficient/)).toContain('set-balanceCoef-note0');
    expect(document.getElementById('set-balanceCoef-note0')).toHaveAttribute('role', 'note');
    expect(document.getElementById('set-experts-rebuild')!.textContent).toBe('changing this restarts training');
  });

  it('opens a hint on tap as well as on hover and focus', async () => {
    render(SettingsPanel, { config: config(), onchange: () => {} });
    const info = screen.getByRole('button', { name: 'What “Top-k” does' });
    expect(info).toHaveAttribute('aria-expanded', 'false');
    await fireEvent.click(info);
    expect(info).toHaveAttribute('aria-expanded', 'true');
    expect(document.getElementById('set-topK-hint')).toHaveClass('open');
  });

  it('keeps the top-k slider within E', () => {
    render(SettingsPanel, { config: config({ experts: 4 }), onchange: () => {} });
    expect(screen.getByRole('slider', { name: /^Top-k/ }).getAttribute('max')).toBe('4');
  });

  it('shows only the chosen controls in embed mode', () => {
    const { container } = render(SettingsPanel, { config: config(), onchange: () => {}, only: ['experts', 'topK'] });
    expect(Array.from(container.querySelectorAll('[data-setting]'), (e) => e.getAttribute('data-setting'))).toEqual(['experts', 'topK']);
  });
});
