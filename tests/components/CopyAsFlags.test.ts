import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import CopyAsFlags from '../../src/components/CopyAsFlags.svelte';
import { presetConfig } from '../../src/state/presets';

const code = (name: RegExp) => screen.getByRole('textbox', { name }) as HTMLTextAreaElement;

describe('CopyAsFlags', () => {
  it('shows Megatron-LM arguments first, and the chosen format’s text after a switch', async () => {
    render(CopyAsFlags, { config: presetConfig('deepseek-v3'), presetId: 'deepseek-v3' });
    const megatron = code(/Megatron-LM/);
    expect(megatron).toHaveAttribute('readonly');
    expect(megatron.value).toContain('--moe-router-group-topk 4');
    await fireEvent.click(screen.getByRole('radio', { name: 'Hugging Face' }));
    const hf = code(/Hugging Face/);
    expect(JSON.parse(hf.value)).toMatchObject({ model_type: 'deepseek_v3', topk_method: 'noaux_tc' });
    await fireEvent.click(screen.getByRole('radio', { name: 'DeepSpeed' }));
    expect(code(/DeepSpeed/).value).toContain('from deepspeed.moe.layer import MoE');
    expect(screen.getByRole('button', { name: 'Copy' })).toBeInTheDocument();
  });

  it('lists the settings that do not map, with why', async () => {
    render(CopyAsFlags, { config: presetConfig('switch'), presetId: 'switch' });
    const table = screen.getByRole('table', { name: 'Settings with no equivalent in Megatron-LM' });
    const dropRow = within(table).getByRole('row', { name: /Drop order|drop/i });
    expect(dropRow).toHaveTextContent('“slot-major” has no equivalent there');
    expect(within(table).getByRole('row', { name: /Learning rate/i })).toHaveTextContent('use your own schedule');
    await fireEvent.click(screen.getByRole('radio', { name: 'DeepSpeed' }));
    expect(screen.getByText(/default use_rts=True drops tokens at random/)).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Settings with no equivalent in DeepSpeed' })).toHaveTextContent('Only used by the DeepSeek router');
  });
});
