// Sums up the user's own text (domains, vocabulary, held-out split) off the page's thread: for a
// text of a few MB it is most of a second of work. One message in, one answer out.
import { summarizeOwnText } from '../engine/datasets/own';
import type { OwnTextSummaryAnswer, OwnTextSummaryAsk } from './ownTextSummaryProtocol';

self.onmessage = (event: MessageEvent<OwnTextSummaryAsk>) => {
  const { id, text, seed, testFraction } = event.data;
  const answer: OwnTextSummaryAnswer = { id, result: summarizeOwnText(text, seed, testFraction) };
  self.postMessage(answer);
};
