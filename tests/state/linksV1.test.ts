// Old links keep their meaning. fixtures/links-v1.json was captured once, with the v1 code
// (before links were versioned against frozen defaults): every preset's link as the app wrote it,
// every deck (bare and with slide=, and each slide's own link), and hand-written links. Each
// must still decode, and still open in AppState, to exactly the settings it had then.

import { describe, expect, it } from 'vitest';
import { AppState } from '../../src/state/app.svelte';
import { DEFAULTS_V1 } from '../../src/state/defaultsV1';
import { DEFAULTS_V2 } from '../../src/state/defaultsV2';
import { DEFAULTS_V4 } from '../../src/state/defaultsV4';
import { presetById, presetConfig } from '../../src/state/presets';
import { schemaDefaults, type MoeConfig } from '../../src/state/schema';
import { decodeHash, type ViewParams } from '../../src/state/url';
import { inEnglish, type NoticeInWords } from './noticeWords';
import { CLUSTER_KEYS } from '../../src/engine/config';
import captured from './fixtures/links-v1.json';

interface Captured {
  link: string;
  source: string;
  decoded: { config: MoeConfig; view: ViewParams; notices: NoticeInWords[] };
  opened: { config: MoeConfig; view: ViewParams };
}

const LINKS = captured.links as unknown as Captured[];

/**
 * The one exception: v1 read a hand-written `#preset=<id>` as the defaults, the preset only a
 * label (the app's own preset links carried every setting, so they were not affected). That was
 * the bug v2 fixes: such a link now runs the preset, read against v1's defaults when it says
 * `v=1`, and as today's preset when it has no `v` (it never ran anything else to keep).
 * Everything else about it is as it was.
 */
const BARE_PRESET = /^#(?:v=1&)?preset=([a-z0-9-]+)$/;

const open = (link: string) => new AppState(link, { replace() {}, push() {} });

/**
 * What a v1 link's settings are today: a setting added since reads as its value in the first
 * later version that has it (v2's frozen defaults hold the ones added with v3 at what v2 did),
 * and `data=text`, the small corpus then, is `corpus` now.
 */
function asToday(config: Partial<MoeConfig>): MoeConfig {
  const out = { ...schemaDefaults(), ...DEFAULTS_V4, ...DEFAULTS_V2, ...config };
  return out.dataset === 'text' ? { ...out, dataset: 'corpus' } : out;
}

/** A config with another's cluster settings (CLUSTER_KEYS: never read by the trainer). */
const withCluster = (c: MoeConfig, from: MoeConfig): MoeConfig => ({ ...c, ...Object.fromEntries(CLUSTER_KEYS.map((k) => [k, from[k]])) });

describe('v1 links', () => {
  it('cover every kind the brief asks for', () => {
    expect(LINKS.length).toBeGreaterThan(40);
    expect(LINKS.filter((l) => l.source.startsWith('presetHash(')).length).toBeGreaterThanOrEqual(20);
    expect(LINKS.some((l) => l.source.startsWith('bare deck'))).toBe(true);
    expect(LINKS.some((l) => l.source.startsWith('slideHash('))).toBe(true);
    expect(LINKS.filter((l) => l.source === 'hand-written' && BARE_PRESET.test(l.link))).toHaveLength(2);
  });

  it.each(LINKS.map((l) => [l.link || '(empty)', l] as const))('%s', (_shown, then) => {
    const bare = BARE_PRESET.exec(then.link);
    // what the link runs now: as captured, except a bare preset link, which now runs its preset;
    // a setting added since reads as its default, which keeps what the link did then
    const barePreset = bare && (then.link.startsWith('#v=1&') ? asToday({ ...DEFAULTS_V1, ...presetById(bare[1])!.config }) : presetConfig(bare[1]));
    // and the empty link, the page itself, which opens with the defaults of the day
    const today = barePreset || (then.link === '' && schemaDefaults());
    // the cluster's settings came with v5 and train nothing: a preset link shows its preset's
    const cluster = (c: MoeConfig, preset?: string): MoeConfig => (preset && presetById(preset) ? withCluster(c, presetConfig(preset)) : c);
    const decodedConfig = today || cluster(asToday(then.decoded.config), then.decoded.view.preset);
    const openedConfig = today || cluster(asToday(then.opened.config), then.opened.view.preset);
    if (bare) expect(then.decoded.config, 'the v1 bug: a bare preset link ran the defaults').toEqual(DEFAULTS_V1);

    const decoded = decodeHash(then.link);
    expect(decoded.config).toEqual(decodedConfig);
    expect(decoded.view).toEqual(then.decoded.view);
    expect(inEnglish(decoded.notices)).toEqual(then.decoded.notices);

    const app = open(then.link);
    expect(app.config).toEqual(openedConfig);
    expect(app.view).toEqual(then.opened.view);

    // the link the app writes for it now (v3, relative to its preset) opens the same again;
    // step and autoplay act once, when a link opens, so the address bar does not keep them
    expect(app.hash).toMatch(/^#v=5(&|$)/);
    const again = open(app.hash);
    expect(again.config).toEqual(openedConfig);
    const kept = { ...app.view };
    delete kept.step;
    delete kept.autoplay;
    expect(again.view).toEqual(kept);
  });
});
