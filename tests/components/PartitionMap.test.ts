import { fireEvent, render } from '@testing-library/svelte';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import PartitionMap from '../../src/components/PartitionMap.svelte';
import { boundaryPath, confidenceAlpha, dropStates, partitionPixels, planeShares } from '../../src/components/PartitionMapLayers';
import { makeGrid, makeSnapshot } from './fixtures';

beforeAll(() => {
  // jsdom has no canvas: a null context is what the views guard against
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});

describe('PartitionMap layers', () => {
  it('measures the plane each expert owns', () => {
    // makeGrid gives expert e the e-th vertical band
    expect(planeShares(makeGrid(8, 4), 4)).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(planeShares(makeGrid(8, 2), 3)).toEqual([0.5, 0.5, 0]);
  });

  it('outlines the cells where the predicted class changes', () => {
    // predicted flips between rows 3 and 4 of 8: one horizontal edge per column, at y = 4 cells
    const path = boundaryPath(makeGrid(8, 4), 80);
    const segments = path.split('M').filter(Boolean);
    expect(segments).toHaveLength(8);
    expect(segments.every((s) => /^\d+,40h10$/.test(s))).toBe(true);
  });

  it('colours cells by top-1 expert, more opaque where the router is sure', () => {
    const grid = makeGrid(4, 2);
    const px = partitionPixels(grid, 2);
    expect(px).toHaveLength(4 * 4 * 4);
    // row 0 (p = 0.5, no preference between 2) is faint, the last row (p = 1) solid
    expect(px[3]).toBe(Math.round(255 * confidenceAlpha(0.5, 2)));
    expect(px[3]).toBeLessThan(px[4 * 12 + 3]);
    // cells of different experts differ in colour
    expect(Array.from(px.slice(0, 3))).not.toEqual(Array.from(px.slice(12, 15)));
  });

  it('tells some-dropped from all-dropped tokens', () => {
    const states = dropStates({
      T: 3,
      k: 2,
      experts: Int32Array.of(0, 1, 1, 0, 2, -1),
      dropped: Uint8Array.of(0, 0, 0, 1, 1, 0),
    });
    expect(Array.from(states)).toEqual([0, 1, 2]);
  });
});

describe('PartitionMap', () => {
  it('draws the points, rings the ones with a dropped choice and states the key numbers', () => {
    const s = makeSnapshot({ T: 48, E: 4, seed: 3, grid: true, spec: { k: 2, capacityFactor: 0.75 } });
    const states = dropStates(s);
    const some = states.filter((d) => d > 0).length;
    const all = states.filter((d) => d === 2).length;
    expect(some).toBeGreaterThan(0);
    const { container, getByRole } = render(PartitionMap, { grid: s.grid!, snapshot: s, classes: 3 });
    expect(container.querySelectorAll('g.point')).toHaveLength(48);
    expect(container.querySelectorAll('g.point circle.ring')).toHaveLength(some);
    expect(container.querySelectorAll('g.point path.cross')).toHaveLength(all);
    const label = getByRole('application').getAttribute('aria-label')!;
    expect(label).toContain('expert 0 25%');
    expect(label).toContain(`48 points, ${some} with a dropped choice, ${all} with every choice dropped`);
    expect(container.querySelector('[data-testid="boundary"]')!.getAttribute('d')).not.toBe('');
    // the legend lists each expert's share of the plane
    expect(Array.from(container.querySelectorAll('li.owner'), (li) => li.textContent)).toEqual([
      'expert 0 25%',
      'expert 1 25%',
      'expert 2 25%',
      'expert 3 25%',
    ]);
    // one small map per expert
    expect(container.querySelectorAll('li.multiple')).toHaveLength(4);
    expect(getByRole('img', { name: /Expert 2: gate probability over the plane, up to 1\.00/ })).toBeInTheDocument();
  });

  it('places a point where its coordinates are, y up', () => {
    const s = makeSnapshot({ T: 4, E: 2, grid: true });
    s.points = Float32Array.of(-1.2, -1.2, 1.2, 1.2, 0, 0, 0.6, -0.6);
    const { container } = render(PartitionMap, { grid: s.grid!, snapshot: s, classes: 3 });
    const at = (t: number) => container.querySelector(`g.point[data-token="${t}"]`)!.getAttribute('transform');
    // jsdom has no layout, so the plane has its smallest size, 120 px
    expect(at(0)).toBe('translate(0,120)');
    expect(at(1)).toBe('translate(120,0)');
    expect(at(2)).toBe('translate(60,60)');
    expect(at(3)).toBe('translate(90,90)');
  });

  it('leaves out the small multiples for many experts', () => {
    const s = makeSnapshot({ T: 16, E: 20, grid: true });
    const grid = { ...makeGrid(40, 20), expertProbs: undefined };
    const { container } = render(PartitionMap, { grid, snapshot: s, classes: 2 });
    expect(container.querySelectorAll('li.multiple')).toHaveLength(0);
    // numbers label the experts beyond the palette's eight hues
    expect(container.querySelectorAll('li.owner')).toHaveLength(20);
    expect(container.querySelector('li.owner[data-expert="12"]')!.textContent).toBe('expert 12 5%');
  });

  it('draws many points on a canvas instead of SVG', () => {
    const s = makeSnapshot({ T: 2500, E: 4, grid: true, spec: { k: 1, capacityFactor: null } });
    const { container, getByRole } = render(PartitionMap, { grid: s.grid!, snapshot: s, classes: 3 });
    expect(container.querySelectorAll('g.point')).toHaveLength(0);
    expect(container.querySelectorAll('canvas').length).toBeGreaterThanOrEqual(2);
    expect(getByRole('application').getAttribute('aria-label')).toContain('2500 points, 0 with a dropped choice');
  });

  it('moves a cursor with the arrow keys and opens the point with Enter', async () => {
    const onselect = vi.fn();
    const s = makeSnapshot({ T: 8, E: 2, grid: true });
    const { container, getByRole } = render(PartitionMap, { grid: s.grid!, snapshot: s, classes: 3, onselect });
    const map = getByRole('application');
    expect(map).toHaveAttribute('tabindex', '0');
    await fireEvent.keyDown(map, { key: 'ArrowRight' });
    await fireEvent.keyDown(map, { key: 'ArrowRight' });
    expect(container.querySelector('[data-testid="partition-cursor"]')!.textContent).toMatch(/^Point #1 at/);
    await fireEvent.keyDown(map, { key: 'ArrowLeft' });
    await fireEvent.keyDown(map, { key: 'Enter' });
    expect(onselect).toHaveBeenCalledWith(0);
    expect(container.querySelector('circle.cursor')).not.toBeNull();
  });
});
