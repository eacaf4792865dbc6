// Picks vLLM's EPLB balance lines out of a text log and ignores every other line. The line, as
// vllm/distributed/eplb/eplb_state.py logs it at commit 50feac95f9e53a97d6ed27fee6bfe3b163d18594
// (EplbState.step, with --eplb-config '{"log_balancedness": true}'):
//   EPLB step: %d for model %s: avg_tokens=%.2f, max_tokens=%d, balancedness=%.4f, steps until the next rearrangement: %d
// Older vLLM wrote "EPLB step: %d: avg_tokens=..., max_tokens=..., balancedness=..." and the issue
// quotes "EPLB step: avg_tokens=…, ..." with no number; all three are read. The numbers are summed
// over the MoE layers (avg and max over EP ranks): no expert is named, so only the balance over
// time can be shown.

import type { FileProblems } from './problems';
import type { BalanceRecord } from './types';

const NUMBER = '([-+]?(?:\\d+\\.?\\d*(?:[eE][-+]?\\d+)?|nan|inf|NaN|Infinity|-?inf))';
export const EPLB_LINE = new RegExp(
  `EPLB step:\\s*(\\d+)?(?:\\s+for model (.*?))?:?\\s*avg_tokens=${NUMBER},\\s*max_tokens=${NUMBER},\\s*balancedness=${NUMBER}`,
);

/** Whether a text line is an EPLB balance line (for telling formats apart). */
export function isEplbLine(text: string): boolean {
  return EPLB_LINE.test(text);
}

export class VllmLogParser {
  stopped = false;
  readonly records: BalanceRecord[] = [];

  constructor(private readonly problems: FileProblems) {}

  line(text: string, n: number): void {
    if (this.stopped || !text.includes('EPLB step:')) return;
    const m = EPLB_LINE.exec(text);
    if (!m) return;
    const [, stepText, model, avgText, maxText, balText] = m;
    const values = [
      ['avg_tokens', Number(avgText)],
      ['max_tokens', Number(maxText)],
      ['balancedness', Number(balText)],
    ] as const;
    let ok = true;
    for (const [field, x] of values) {
      if (!Number.isFinite(x)) {
        this.problems.add('not-finite', n, field, { value: field === 'avg_tokens' ? avgText : field === 'max_tokens' ? maxText : balText });
        ok = false;
      }
    }
    if (this.problems.full) this.stopped = true;
    if (!ok) return;
    const record: BalanceRecord = { step: this.records.length, avgTokens: values[0][1], maxTokens: values[1][1], balancedness: values[2][1] };
    if (stepText !== undefined) record.loggedStep = Number(stepText);
    if (model !== undefined && model !== '') record.model = model;
    this.records.push(record);
  }
}
