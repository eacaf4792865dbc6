// Messages between the page and the own-text summary worker (ownTextSummary.worker.ts).
import type { summarizeOwnText } from '../engine/datasets/own';

export type OwnTextSummaryResult = ReturnType<typeof summarizeOwnText>;

export interface OwnTextSummaryAsk {
  id: number;
  text: string;
  seed: number;
  testFraction: number;
}

export interface OwnTextSummaryAnswer {
  id: number;
  result: OwnTextSummaryResult;
}
