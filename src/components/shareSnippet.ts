// What the share dialog hands out, as pure functions: the link, the embed's link and its
// <iframe> snippet, and the few lines that drive an embed from a reveal.js deck. Links are
// re-encoded through the URL codec, so they hold only what it can read back.

import { decodeHash, encodeHash, experimentParts, normalizeOrigin, PARAM_URL_KEYS, VIEW_LIMITS, type PanelId, type ViewParams } from '../state/url';

export interface EmbedOptions {
  /** panels to show, in this order; none: all */
  panels?: readonly PanelId[];
  /** url keys of the controls to show; none: all */
  controls?: readonly string[];
  autoplay?: boolean;
  /** origins allowed to send commands, already normalised */
  origins?: readonly string[];
  /** train to this step and pause; null or 0: start untrained */
  step?: number | null;
}

export interface IframeOptions {
  height?: number;
  title?: string;
}

/** The hash with view parameters set (undefined removes one), in the codec's order. */
export function withView(hash: string, patch: ViewParams): string {
  const { config, view, experiment } = decodeHash(hash);
  const merged: ViewParams = { ...view, ...patch };
  for (const key of Object.keys(merged) as (keyof ViewParams)[]) if (merged[key] === undefined) delete merged[key];
  // an A/B comparison's or a sweep's own keys ride along unchanged
  return encodeHash(config, merged, experimentParts(experiment));
}

const page = (base: string) => base.split('#')[0];
const stepOf = (step: number | null | undefined) => (step !== null && step !== undefined && step > 0 ? Math.round(step) : undefined);

/** The link to this setup; with a step, it trains to that step and pauses when opened. */
export function shareUrl(base: string, hash: string, step?: number | null): string {
  return page(base) + withView(hash, { step: stepOf(step) });
}

/** The link an embed loads: the setup, `embed=1`, and the embed's own options (these replace the page's). */
export function embedUrl(base: string, hash: string, opts: EmbedOptions = {}): string {
  const list = <T>(items: readonly T[] | undefined) => (items && items.length > 0 ? [...items] : undefined);
  return (
    page(base) +
    withView(hash, {
      embed: true,
      step: stepOf(opts.step),
      autoplay: opts.autoplay ? true : undefined,
      panels: list(opts.panels),
      controls: list(opts.controls),
      origins: list(opts.origins),
    })
  );
}

/** Text made safe inside a double-quoted HTML attribute (and as element text). */
export function escapeAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function iframeSnippet(url: string, opts: IframeOptions = {}): string {
  const height = Math.max(120, Math.round(opts.height ?? 520));
  const title = escapeAttr(opts.title ?? 'MoE Playground');
  return `<iframe src="${escapeAttr(url)}" width="100%" height="${height}" style="border:0" allow="fullscreen" title="${title}"></iframe>`;
}

/** The origin a host page posts to (the tool's own); a placeholder where it has none (file:). */
export function toolOrigin(base: string): string {
  try {
    const origin = new URL(base).origin;
    return /^https?:\/\//.test(origin) ? origin : 'https://your-playground.example';
  } catch {
    return 'https://your-playground.example';
  }
}

/** Lines for a reveal.js deck: a slide with data-moe-preset picks that preset, others send next. */
export function revealSnippet(origin: string, title = 'MoE Playground'): string {
  return [
    `const tool = document.querySelector(${JSON.stringify(`iframe[title="${title}"]`)});`,
    `const TOOL_ORIGIN = ${JSON.stringify(origin)};`,
    `Reveal.on('slidechanged', (event) => {`,
    `  const id = event.currentSlide.dataset.moePreset;`,
    `  const message = id`,
    `    ? { source: 'moe-playground', type: 'preset', id }`,
    `    : { source: 'moe-playground', type: 'next' };`,
    `  tool.contentWindow.postMessage(message, TOOL_ORIGIN);`,
    `});`,
  ].join('\n');
}

const items = (text: string) => text.split(/[\s,]+/).filter((s) => s !== '');

/** Url keys typed by a person: known ones (exact, else the one that matches ignoring case), and the rest. */
export function parseControls(text: string): { keys: string[]; invalid: string[] } {
  const keys: string[] = [];
  const invalid: string[] = [];
  for (const item of items(text)) {
    const loose = PARAM_URL_KEYS.filter((k) => k.toLowerCase() === item.toLowerCase());
    const key = PARAM_URL_KEYS.includes(item) ? item : loose.length === 1 ? loose[0] : null;
    if (key === null) invalid.push(item);
    else if (!keys.includes(key)) keys.push(key);
  }
  return { keys, invalid };
}

/** Origins typed by a person, normalised (a trailing `/` is forgiven); the rest, and whether some were over the limit. */
export function parseOrigins(text: string): { origins: string[]; invalid: string[]; tooMany: boolean } {
  const origins: string[] = [];
  const invalid: string[] = [];
  let tooMany = false;
  for (const item of items(text)) {
    const origin = normalizeOrigin(item.replace(/\/$/, ''));
    if (origin === null) invalid.push(item);
    else if (origins.includes(origin)) continue;
    else if (origins.length === VIEW_LIMITS.originsMax) tooMany = true;
    else origins.push(origin);
  }
  return { origins, invalid, tooMany };
}
