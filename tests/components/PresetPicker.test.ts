// The preset picker's label: the preset while its settings hold, "based on" it once they do not.
import { render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import PresetPicker from '../../src/components/PresetPicker.svelte';
import { locale } from '../../src/i18n/index.svelte';

afterEach(() => {
  locale.lang = 'en';
});

const select = () => screen.getByRole('combobox') as HTMLSelectElement;
const shown = () => select().selectedOptions[0]?.textContent?.trim();

describe('PresetPicker', () => {
  it('shows the preset while the settings are its own', () => {
    render(PresetPicker, { current: 'switch', matches: true, onpick: () => {} });
    expect(select().value).toBe('switch');
    expect(shown()).toBe('Switch Transformer');
    expect(screen.getByTestId('preset-picker').dataset.state).toBe('preset');
  });

  it('says "based on" the preset once a setting differs, in both languages, and keeps its card', () => {
    render(PresetPicker, { current: 'switch', matches: false, onpick: () => {} });
    expect(select().value).toBe('');
    expect(shown()).toBe('Based on Switch Transformer');
    expect(screen.getByTestId('preset-picker').dataset.state).toBe('based');
    expect(document.querySelector('[data-preset="switch"]')).not.toBeNull();
  });

  it('says "based on" in Chinese', () => {
    locale.lang = 'zh-CN';
    render(PresetPicker, { current: 'collapse', matches: false, onpick: () => {} });
    expect(shown()).toBe('基于路由坍塌');
  });

  it('says custom without a preset', () => {
    render(PresetPicker, { current: undefined, onpick: () => {} });
    expect(shown()).toBe('Custom');
    expect(screen.getByTestId('preset-picker').dataset.state).toBe('none');
  });
});
