import { render } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import CostPanel from '../../src/components/CostPanel.svelte';
import { locale } from '../../src/i18n/index.svelte';
import { schemaDefaults, type MoeConfig } from '../../src/state/schema';

const config = (over: Partial<MoeConfig> = {}): MoeConfig => ({
  ...schemaDefaults(),
  d: 16,
  h: 32,
  experts: 8,
  topK: 2,
  fineGrain: 1,
  sharedExperts: 0,
  scheme: 'token-choice',
  ...over,
});

const cell = (container: HTMLElement, row: string, col: number) =>
  container.querySelector(`tr[data-row="${row}"]`)!.querySelectorAll('td')[col].textContent!.trim();

describe('CostPanel', () => {
  it('shows total and active parameters and FLOPs of the toy layer', () => {
    const { container, getByTestId } = render(CostPanel, { config: config() });
    expect(cell(container, 'total', 0)).toBe('8,704');
    expect(cell(container, 'active', 0)).toBe('2,272');
    expect(cell(container, 'ratio', 0)).toBe('26%');
    expect(cell(container, 'flops', 0)).toBe('4,352');
    expect(cell(container, 'experts', 0)).toBe('8 routed');
    expect(cell(container, 'topK', 0)).toBe('2');
    expect(getByTestId('cost-summary').textContent).toContain('8,704 parameters, 2,272 active per token');
    // only one value column without a real model
    expect(container.querySelectorAll('thead th')).toHaveLength(2);
  });

  it('puts a real model beside the toy, with its active share and approximate FLOPs', () => {
    const { container, getByRole } = render(CostPanel, {
      config: config({ experts: 16, sharedExperts: 1, scheme: 'deepseek' }),
      real: { name: 'DeepSeek-V3', total: '671B', active: '37B', experts: '256 routed + 1 shared', topK: 8, notes: 'Sigmoid scores.' },
    });
    expect(getByRole('columnheader', { name: 'DeepSeek-V3' })).toBeInTheDocument();
    expect(cell(container, 'total', 1)).toBe('671B');
    expect(cell(container, 'active', 1)).toBe('37B');
    expect(cell(container, 'ratio', 1)).toBe('5.5%');
    expect(cell(container, 'experts', 1)).toBe('256 routed + 1 shared');
    expect(cell(container, 'experts', 0)).toBe('16 routed + 1 shared');
    expect(cell(container, 'topK', 1)).toBe('8');
    expect(cell(container, 'flops', 1)).toContain('74B');
    expect(container.textContent).toContain('Sigmoid scores.');
  });

  it('says when a real model does not publish its active size', () => {
    const { container } = render(CostPanel, {
      config: config(),
      real: { name: 'Switch-C', total: '1.57T', experts: '2048', topK: 1 },
    });
    expect(cell(container, 'active', 1)).toBe('not published');
    expect(cell(container, 'flops', 1)).toBe('not published');
  });

  it('shows the mean experts per token for expert choice, and speaks Chinese', () => {
    locale.lang = 'zh-CN';
    try {
      const { container } = render(CostPanel, { config: config({ scheme: 'expert-choice', tokens: 100, capacityFactor: 1.25 }) });
      expect(cell(container, 'topK', 0)).toBe('≈ 1.28');
      expect(container.textContent).toContain('总参数量');
      expect(container.textContent).toContain('平均分到 1.28 个专家');
    } finally {
      locale.lang = 'en';
    }
  });

  it("names the attention router's cost and dense MoE, and neither by default", () => {
    const plain = render(CostPanel, { config: config() });
    expect(plain.queryByTestId('cost-attention-router')).toBeNull();
    expect(plain.queryByTestId('cost-dense-moe')).toBeNull();
    plain.unmount();
    // routerMacs 3·16·8 + 2·8² = 512 of macs 512 + 2·1024 = 2560: 20%; T·E² = 256·64 = 16,384
    const { getByTestId } = render(CostPanel, { config: config({ routerKind: 'attention', topK: 8, tokens: 256 }) });
    expect(getByTestId('cost-attention-router').textContent).toContain('512 multiply-adds');
    expect(getByTestId('cost-attention-router').textContent).toContain('16,384 floats');
    expect(getByTestId('cost-dense-moe').textContent).toContain('8 experts');
  });
});
