// The own text's problems and summary in the page's language. Text from the user (domain names)
// goes into these strings as text and is shown as text, never as HTML.

import type { OwnTextProblem, OwnTextSummary } from '../../engine/datasets/own';
import { DEFAULT_DOMAIN } from '../../engine/datasets/own';
import { t } from '../../i18n/index.svelte';
import { download } from '../exportFiles';

/** What is wrong with a text or file, and where, in words. */
export function ownTextProblemText(p: OwnTextProblem): string {
  const { code, ...values } = p;
  return t(`own.problem.${code}`, values as Record<string, string | number>);
}

const percent = (x: number) => `${(100 * x).toFixed(x > 0 && x < 0.001 ? 2 : 1)}%`;
const count = (n: number) => n.toLocaleString('en-US');

/** A domain's name as the page shows it: the unmarked text's in the page's language. */
export function ownDomainName(name: string): string {
  return name === DEFAULT_DOMAIN ? t('own.domain.default') : name;
}

/** The summary's lines: characters and domains, each domain, the vocabulary, the held-out share. */
export function ownTextSummaryLines(s: OwnTextSummary): { head: string; domains: string[]; vocab: string; heldOut: string } {
  return {
    head: t('own.summary.chars', { chars: count(s.chars), domains: s.domains.length }),
    domains: s.domains.map((d) =>
      t('own.summary.domain', { name: ownDomainName(d.name), docs: count(d.docs), chars: count(d.chars), held: percent(d.heldOutChars / d.chars) }),
    ),
    vocab: t('own.summary.vocab', {
      kept: count(s.vocab.kept),
      distinct: count(s.vocab.distinct),
      unknown: count(s.vocab.unknown),
      share: percent(s.vocab.unknownShare),
    }),
    heldOut: t('own.summary.heldOut', { share: percent(s.heldOutShare) }),
  };
}

/** Downloads exactly the text, as a UTF-8 .txt file named by its hash. */
export function downloadOwnText(text: string, hash: number): void {
  download(`moe-playground-text-${hash}.txt`, new Blob([text], { type: 'text/plain;charset=utf-8' }));
}

/** A file's bytes (FileReader where Blob.arrayBuffer is missing). */
export function fileBytes(file: Blob): Promise<Uint8Array> {
  if (typeof file.arrayBuffer === 'function') return file.arrayBuffer().then((b) => new Uint8Array(b));
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsArrayBuffer(file);
  });
}
