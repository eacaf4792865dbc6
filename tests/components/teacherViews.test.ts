// The teacher task in the views: the data panel shows the agreement matrix (teacher experts ×
// student experts) with its own heading, and the inspector shows a teacher token's input and
// teacher expert.

import { render } from '@testing-library/svelte';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import LabPanel from '../../src/components/LabPanel.svelte';
import TokenInspector from '../../src/components/TokenInspector.svelte';
import { locale } from '../../src/i18n/index.svelte';
import { AppState } from '../../src/state/app.svelte';
import { RunHistory } from '../../src/state/history.svelte';
import { makeGrid, makeSnapshot } from './fixtures';

beforeAll(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});

const TEACHERS = 8;

/** A snapshot of E student experts where teacher expert g's tokens go mostly (80%) to student g mod E. */
function teacherSnapshot(E: number) {
  const s = makeSnapshot({ E });
  const share = new Float32Array(TEACHERS * E);
  for (let g = 0; g < TEACHERS; g++) {
    for (let e = 0; e < E; e++) share[g * E + e] = e === g % E ? 0.8 : 0.2 / (E - 1);
  }
  s.domainShare = share;
  s.domain = Uint8Array.from({ length: s.T }, (_, t) => t % TEACHERS);
  return s;
}

function teacherApp(E: number): AppState {
  const app = new AppState('#data=teacher', { replace() {}, push() {} });
  app.session.data = { kind: 'teacher', classes: 8, experts: TEACHERS, inputDim: 8 };
  app.session.snapshot = teacherSnapshot(E);
  return app;
}

describe('the teacher task in the views', () => {
  it('shows the agreement matrix, a row per teacher expert, under its own heading', () => {
    const app = teacherApp(4);
    expect(app.config.dataset).toBe('teacher');
    const { container, getByTestId, getByRole } = render(LabPanel, { id: 'special', app, history: new RunHistory() });
    expect(container.textContent).toContain('Which student experts each teacher expert’s tokens go to');
    expect(container.textContent).toContain('Which student experts line up with the hidden teacher’s experts.');
    const rows = Array.from(container.querySelectorAll('text.row'), (r) => r.textContent);
    expect(rows).toEqual(Array.from({ length: TEACHERS }, (_, g) => `teacher ${g}`));
    expect(container.querySelectorAll('rect.cell')).toHaveLength(TEACHERS * 4);
    expect(getByTestId('special-lines').textContent).toContain('teacher 5 → expert 1 (80%)');
    expect(getByRole('img').getAttribute('aria-label')).toMatch(/^Share of each teacher expert’s tokens that each student expert takes: teacher 0/);
    // the data view asked for as the partition map shows the matrix too: the map is for 2D inputs
    const asMap = render(LabPanel, { id: 'partition', app, history: new RunHistory() });
    expect(asMap.container.querySelectorAll('text.row')).toHaveLength(TEACHERS);
  });

  it('names the teacher experts in Chinese', () => {
    locale.lang = 'zh-CN';
    try {
      const { container } = render(LabPanel, { id: 'special', app: teacherApp(4), history: new RunHistory() });
      expect(container.querySelector('text.row')!.textContent).toBe('教师 0');
      expect(container.textContent).toContain('每个教师专家的词元去往哪些学生专家');
    } finally {
      locale.lang = 'en';
    }
  });

  it('inspects a teacher token: its input’s first coordinates and its teacher expert', () => {
    const s = teacherSnapshot(4);
    const domains = Array.from({ length: TEACHERS }, (_, g) => `teacher ${g}`);
    const { container, getByTestId } = render(TokenInspector, { snapshot: s, token: 3, domains, inputDim: 8 });
    expect(container.textContent).toContain('Input (first 2 of 8 coordinates)');
    expect(getByTestId('inspector-point').textContent).toBe(`(${s.points![6].toFixed(2)}, ${s.points![7].toFixed(2)})`);
    expect(getByTestId('inspector-teacher').textContent).toBe('teacher 3');
  });

  describe('over 2 inputs', () => {
    /** The teacher's regions: teacher g owns the g-th horizontal band of the plane. */
    function teacherPlaneApp(E: number, lang?: string): AppState {
      const app = new AppState(`#v=5&dim=2${lang ? `&lang=${lang}` : ''}`, { replace() {}, push() {} });
      app.session.data = { kind: 'teacher', classes: 8, experts: TEACHERS, inputDim: 2 };
      app.session.snapshot = teacherSnapshot(E);
      const n = 16;
      app.session.grid = { ...makeGrid(n, E), teacher: Uint8Array.from({ length: n * n }, (_, i) => Math.floor(Math.floor(i / n) / (n / TEACHERS))) };
      return app;
    }

    it('draws the router’s map with the teacher’s regions beside it, then the agreement matrix', () => {
      const app = teacherPlaneApp(4);
      expect(app.config).toMatchObject({ dataset: 'teacher', inputDim: 2 });
      const { container, getByTestId } = render(LabPanel, { id: 'special', app, history: new RunHistory() });
      // the router's map, as for the 2D sets
      expect(container.querySelector('svg[role="application"]')).not.toBeNull();
      // the teacher's regions: one name per region, borders between the bands, each region
      // matched to the student expert that keeps most of its tokens
      const figure = container.querySelector('figure.teacher')!;
      expect(Array.from(figure.querySelectorAll('text.name'), (t) => t.textContent)).toEqual(Array.from({ length: TEACHERS }, (_, g) => `T${g}`));
      expect(getByTestId('teacher-borders').getAttribute('d')!.match(/M/g)).toHaveLength(16 * (TEACHERS - 1));
      const label = figure.querySelector('[role="img"]')!.getAttribute('aria-label')!;
      expect(label).toContain('teacher 0 → expert 0 (80%)');
      expect(label).toContain('teacher 5 → expert 1 (80%)');
      expect(figure.textContent).toContain('this map and the router’s look alike');
      // and the agreement matrix below
      expect(container.querySelectorAll('text.row')).toHaveLength(TEACHERS);
    });

    it('says a teacher region has no match before any of its tokens was kept, and speaks Chinese', () => {
      locale.lang = 'zh-CN';
      try {
        const app = teacherPlaneApp(4);
        app.session.snapshot = { ...app.session.snapshot!, domainShare: new Float32Array(TEACHERS * 4) };
        const { container } = render(LabPanel, { id: 'partition', app, history: new RunHistory() });
        const label = container.querySelector('figure.teacher [role="img"]')!.getAttribute('aria-label')!;
        expect(label).toContain('教师 3：尚无词元');
        expect(container.querySelector('figure.teacher figcaption')!.textContent).toContain('教师的各个区域');
      } finally {
        locale.lang = 'en';
      }
    });
  });
});
