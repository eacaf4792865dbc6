import { describe, expect, it } from 'vitest';
import { columnsToCsv, columnsToJson, exportFileName, routingColumns } from '../../src/state/export';
import { makeSnapshot } from '../components/fixtures';

describe('export', () => {
  it('names files by preset, step and content, with nothing unsafe in them', () => {
    expect(exportFileName('loss', 'csv', { preset: 'mixtral', step: 120 })).toBe('moe-playground_mixtral_step-120_loss.csv');
    expect(exportFileName('routing flow', 'png')).toBe('moe-playground_custom_routing-flow.png');
    expect(exportFileName('x', 'json', { preset: '../../etc/passwd', step: 0 })).toBe('moe-playground_etc-passwd_step-0_x.json');
  });

  it('writes CSV with empty cells for n/a and JSON with null', () => {
    const cols = { step: [1, 2], balance: [1.0123456789, NaN] };
    expect(columnsToCsv(cols)).toBe('step,balance\n1,1.012346\n2,\n');
    expect(JSON.parse(columnsToJson(cols))).toEqual([
      { step: 1, balance: 1.0123456789 },
      { step: 2, balance: null },
    ]);
  });

  it('lists every routed choice of the batch with its weight and drop flag', () => {
    const s = makeSnapshot({ T: 16, E: 4, spec: { k: 2, capacityFactor: 0.5 } });
    const cols = routingColumns(s);
    expect(cols.token).toHaveLength(32);
    const dropped = (cols.dropped as number[]).reduce((a, b) => a + b, 0);
    expect(dropped).toBe(s.dropped.reduce((a, b) => a + b, 0));
    expect(dropped).toBeGreaterThan(0);
    expect(cols.expert[0]).toBe(s.experts[0]);
  });
});
