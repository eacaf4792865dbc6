// Slide decks for talks: an ordered list of presets with a caption each. A deck travels in the
// link as `deck=switch,mixtral,collapse&slide=1` (slide counts from 0); captions are not in the
// link: they come from the decks below, or from the preset's own description.

import { presetById, presetConfig, type Bilingual } from './presets';
import { hashFor, type ViewParams } from './url';

export interface Slide {
  preset: string;
  caption: Bilingual;
}

export interface Deck {
  id: string;
  title: Bilingual;
  slides: readonly Slide[];
}

export const DEFAULT_DECK: Deck = {
  id: 'moe-in-5',
  title: { en: 'MoE in 5 slides', 'zh-CN': '五页看懂 MoE' },
  slides: [
    {
      preset: 'switch',
      caption: {
        en: '1. A router sends each token to one expert. Each expert has a capacity; tokens beyond it are dropped and keep only their residual.',
        'zh-CN': '1. 路由器把每个词元送到一个专家。每个专家有容量上限，超出的词元被丢弃，只保留残差。',
      },
    },
    {
      preset: 'collapse',
      caption: {
        en: '2. Without a balance loss, a few experts win early and take almost everything: router collapse.',
        'zh-CN': '2. 没有均衡损失时，少数专家早早胜出并拿走几乎所有词元：路由坍塌。',
      },
    },
    {
      preset: 'mixtral',
      caption: {
        en: '3. Top-2 and no capacity limit (Mixtral): nothing is dropped, and the balance loss keeps the load even.',
        'zh-CN': '3. Top-2 且没有容量上限（Mixtral）：没有丢弃，由均衡损失保持负载均匀。',
      },
    },
    {
      preset: 'deepseek-v3',
      caption: {
        en: '4. DeepSeek-V3: a shared expert for every token, and a bias per expert that balances the load without any loss.',
        'zh-CN': '4. DeepSeek-V3：一个所有词元共用的共享专家，加上每个专家一个偏置，不用损失也能均衡负载。',
      },
    },
    {
      preset: 'text-domains',
      caption: {
        en: '5. On real text, do experts specialise? Watch which experts the English, Chinese, code and math tokens go to.',
        'zh-CN': '5. 在真实文本上，专家会分工吗？观察英文、中文、代码和数学的词元分别去了哪些专家。',
      },
    },
  ],
};

export const ROUTERS_DECK: Deck = {
  id: 'routers',
  title: { en: 'Five routers compared', 'zh-CN': '五种路由器对比' },
  slides: [
    {
      preset: 'hash',
      caption: {
        en: '1. Hash routing learns nothing: the baseline.',
        'zh-CN': '1. 哈希路由什么也不学：这是基线。',
      },
    },
    {
      preset: 'noisy-topk',
      caption: {
        en: '2. Noisy top-k (2017): learned noise spreads tokens while the router is undecided.',
        'zh-CN': '2. 带噪声的 top-k（2017）：在路由器尚未定型时，用可学习的噪声把词元分散开。',
      },
    },
    {
      preset: 'switch',
      caption: {
        en: '3. Switch: top-1, a capacity factor, and a balance loss.',
        'zh-CN': '3. Switch：top-1、容量因子和均衡损失。',
      },
    },
    {
      preset: 'expert-choice',
      caption: {
        en: '4. Expert choice: experts pick tokens, so the load is even by construction.',
        'zh-CN': '4. 专家选择：由专家挑选词元，负载天然均衡。',
      },
    },
    {
      preset: 'soft-moe',
      caption: {
        en: '5. Soft MoE: every token reaches every expert, mixed; nothing is dropped.',
        'zh-CN': '5. Soft MoE：每个词元以加权混合的方式到达每个专家，没有丢弃。',
      },
    },
  ],
};

export const DECKS: readonly Deck[] = [DEFAULT_DECK, ROUTERS_DECK];

const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id, i) => id === b[i]);

/** The preset ids of a deck, as a link carries them. */
export function deckIds(deck: Deck): string[] {
  return deck.slides.map((s) => s.preset);
}

/**
 * The deck for a list of preset ids (unknown ids left out): one of DECKS when the ids are
 * exactly its slides, otherwise a deck whose captions are the presets' descriptions.
 */
export function deckFromIds(ids: readonly string[]): Deck {
  const known = ids.filter((id) => presetById(id) !== undefined);
  const named = DECKS.find((d) => sameIds(deckIds(d), known));
  if (named) return named;
  return {
    id: 'custom',
    title: { en: 'Slides', 'zh-CN': '幻灯片' },
    slides: known.map((id) => {
      const p = presetById(id)!;
      return { preset: id, caption: { en: `${p.name}: ${p.description.en}`, 'zh-CN': `${p.name}：${p.description['zh-CN']}` } };
    }),
  };
}

/** The deck and slide a decoded link asks for, or null when it has no deck. */
export function deckFromView(view: ViewParams): { deck: Deck; slide: number } | null {
  if (!view.deck || view.deck.length === 0) return null;
  const deck = deckFromIds(view.deck);
  if (deck.slides.length === 0) return null;
  return { deck, slide: clampSlide(deck, view.slide ?? 0) };
}

export function clampSlide(deck: Deck, slide: number): number {
  const last = Math.max(0, deck.slides.length - 1);
  return Number.isFinite(slide) ? Math.min(last, Math.max(0, Math.round(slide))) : 0;
}

/** The next slide; stays on the last one. */
export function nextSlide(deck: Deck, slide: number): number {
  return clampSlide(deck, clampSlide(deck, slide) + 1);
}

/** The previous slide; stays on the first one. */
export function prevSlide(deck: Deck, slide: number): number {
  return clampSlide(deck, clampSlide(deck, slide) - 1);
}

export function captionFor(deck: Deck, slide: number, lang: keyof Bilingual): string {
  const s = deck.slides[clampSlide(deck, slide)];
  return s ? s.caption[lang] : '';
}

/** The view of a slide: the deck, the slide, and its preset as the label (other view settings kept). */
export function slideView(deck: Deck, slide: number, base: ViewParams = {}): ViewParams {
  const i = clampSlide(deck, slide);
  const preset = deck.slides[i]?.preset;
  return { ...presetById(preset ?? '')?.view, ...base, deck: deckIds(deck), slide: i, ...(preset ? { preset } : {}) };
}

/** The link of one slide: its preset's config with the deck in the view. */
export function slideHash(deck: Deck, slide: number, base: ViewParams = {}): string {
  const view = slideView(deck, slide, base);
  return hashFor(view.preset ? presetConfig(view.preset) : {}, view);
}
