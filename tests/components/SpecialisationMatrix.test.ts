import { render } from '@testing-library/svelte';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import SpecialisationMatrix from '../../src/components/SpecialisationMatrix.svelte';
import { concentration, topExperts } from '../../src/components/SpecialisationMatrixSummary';
import { locale } from '../../src/i18n/index.svelte';
import { FIXTURE_DOMAINS, makeSnapshot } from './fixtures';

beforeAll(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});

/** One row per domain from {expert: share} maps; the rest of each row is spread evenly. */
function shares(E: number, rows: Record<number, number>[]): Float32Array {
  const out = new Float32Array(rows.length * E);
  rows.forEach((row, d) => {
    const named = Object.values(row).reduce((a, b) => a + b, 0);
    const others = E - Object.keys(row).length;
    for (let e = 0; e < E; e++) out[d * E + e] = row[e] ?? (others ? (1 - named) / others : 0);
  });
  return out;
}

describe('SpecialisationMatrix summary', () => {
  it('names the experts clearly above the even share', () => {
    // E = 8: the bar is 1.5/8 = 0.1875
    expect(topExperts(Float32Array.of(0.05, 0.41, 0.05, 0.22, 0.2, 0.03, 0.02, 0.02))).toEqual([
      { expert: 1, share: expect.closeTo(0.41, 6) },
      { expert: 3, share: expect.closeTo(0.22, 6) },
      { expert: 4, share: expect.closeTo(0.2, 6) },
    ]);
    // at most three, ties to the lower expert
    expect(topExperts([0.2, 0.2, 0.2, 0.2, 0.2, 0, 0, 0]).map((x) => x.expert)).toEqual([0, 1, 2]);
    expect(topExperts([0.25, 0.25, 0.25, 0.25])).toEqual([]);
    expect(topExperts([0, 0, 0])).toEqual([]);
  });

  it('scales concentration from the even share (0) to a single expert (1)', () => {
    expect(concentration(1 / 8, 8)).toBe(0);
    expect(concentration(0.01, 8)).toBe(0);
    expect(concentration(1, 8)).toBeCloseTo(1, 12);
    expect(concentration(0.5, 8)).toBeCloseTo(2 / 3, 12); // log 4 / log 8
  });
});

describe('SpecialisationMatrix', () => {
  it('shows which experts each domain goes to, one line per domain', () => {
    const E = 8;
    const share = shares(E, [{ 0: 0.5 }, {}, { 3: 0.41, 7: 0.22 }, {}]);
    share.fill(0, 3 * E, 4 * E); // Arithmetic: no tokens yet
    const { getByTestId, container, getByRole } = render(SpecialisationMatrix, { share, domains: FIXTURE_DOMAINS, E });
    const lines = Array.from(getByTestId('special-lines').querySelectorAll('li'), (li) => li.textContent);
    expect(lines).toEqual([
      'English → expert 0 (50%)',
      'Chinese → spread evenly (largest: expert 0, 13%)',
      'Code → experts 3 (41%), 7 (22%)',
      'Arithmetic: no tokens yet',
    ]);
    expect(getByRole('img').getAttribute('aria-label')).toContain('Code → experts 3 (41%), 7 (22%)');
    // one cell per domain and expert; only cells above 1/E are shaded
    expect(container.querySelectorAll('rect.cell')).toHaveLength(4 * E);
    const cell = (d: number, e: number) => container.querySelector(`rect.cell[data-domain="${d}"][data-expert="${e}"]`)!;
    expect(Number(cell(2, 3).getAttribute('fill-opacity'))).toBeGreaterThan(0.15);
    expect(Number(cell(2, 3).getAttribute('fill-opacity'))).toBeGreaterThan(Number(cell(2, 7).getAttribute('fill-opacity')));
    expect(cell(1, 5).getAttribute('fill-opacity')).toBe('0');
    expect(cell(2, 3).querySelector('title')!.textContent).toBe('Code, expert 3: 41% (3.3× the even share)');
  });

  it('reads the worker-shaped share from a fixture snapshot', () => {
    const s = makeSnapshot({ text: true, E: 4 });
    const { getByTestId } = render(SpecialisationMatrix, { share: s.domainShare!, domains: FIXTURE_DOMAINS, E: 4 });
    // the fixture sends domain d mostly (70%) to expert d
    expect(getByTestId('special-lines').textContent).toContain('English → expert 0 (70%)');
    expect(getByTestId('special-lines').textContent).toContain('Arithmetic → expert 3 (70%)');
  });

  it('draws many experts on a canvas, and keeps the summary lines', () => {
    const E = 256;
    const share = shares(E, [{ 200: 0.6 }, { 17: 0.3, 90: 0.3 }]);
    const { container, getByTestId } = render(SpecialisationMatrix, { share, domains: ['Code', 'English'], E });
    expect(container.querySelectorAll('rect.cell')).toHaveLength(0);
    expect(container.querySelector('canvas')).not.toBeNull();
    expect(getByTestId('special-lines').textContent).toContain('Code → expert 200 (60%)');
    expect(getByTestId('special-lines').textContent).toContain('English → experts 17 (30%), 90 (30%)');
    // expert labels thin out so they never overlap
    const labels = container.querySelectorAll('text.col');
    expect(labels.length).toBeLessThan(E);
    expect(labels[0].textContent).toBe('0');
  });

  it('speaks Chinese', () => {
    locale.lang = 'zh-CN';
    try {
      const share = shares(4, [{ 1: 0.9 }]);
      const { getByTestId } = render(SpecialisationMatrix, { share, domains: ['代码'], E: 4 });
      expect(getByTestId('special-lines').textContent).toBe('代码 → 专家 1 (90%)');
    } finally {
      locale.lang = 'en';
    }
  });
});
