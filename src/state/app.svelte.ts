// The page's state: the training config and the view around it, both in the URL hash, the
// training session, the run history, and what the person selected. Data flows one way:
// controls → set() → (URL, worker) → snapshots → views.

import { isBackendName } from '../engine/config';
import { deckFromView, nextSlide, prevSlide, slideView, type Deck } from './deck';
import { matchesPreset, presetById, presetConfig } from './presets';
import type { ExperimentLink, HistorySink, UrlWriter, BeforeTour } from './appPorts';
import { tokenToInspect } from './appPorts';
import { type MoeConfig } from './schema';
import { TrainingSession } from './training.svelte';
import { ClusterView } from './cluster/clusterView.svelte';
import { notice, type Notice } from './notices';
import { ownTextMissing, restoreOwnText } from './ownText/ownTextApp';
import { stopIndex, stopConfig, TOUR_STOPS } from './tour';
import { decodeHash, encodeHash, HASH_VERSION, linkBase, type DecodedHash, type PanelId, type ViewParams } from './url';
import { validateConfig } from './validate';

export { tokenToInspect, type ExperimentLink, type HistorySink, type UrlWriter } from './appPorts';

let noticeIds = 0;
export interface ShownNotice extends Notice {
  id: number;
}

export class AppState {
  config = $state.raw<MoeConfig>(validateConfig({}).config);
  view = $state.raw<ViewParams>({});
  /** what a link or a control changed, and why; dismissible */
  notices = $state<ShownNotice[]>([]);
  deck = $state.raw<{ deck: Deck; slide: number } | null>(null);
  /** the token open in the inspector, by index in the displayed batch */
  selectedToken = $state<number | null>(null);
  helpOpen = $state(false);
  /** the guided tour: its stop, and what the visitor had before it, given back on leaving */
  tour = $state.raw<{ stop: number; before: BeforeTour } | null>(null);
  /** the experiment page shown instead of the lab (experimentPage.svelte.ts); null: the lab */
  experiment = $state.raw<ExperimentLink | null>(null);
  /** the experiment keys of the link last opened (A/B, sweep), for the experiment page to read */
  linkExperiment = $state.raw<DecodedHash | null>(null);
  readonly session: TrainingSession;
  /** the run's experts placed on the cluster the settings describe, and the step's traffic */
  readonly cluster = new ClusterView(() => this.config);
  #url: UrlWriter;
  #lastHash = '';
  /** the link version a deck's slides are read against (see #slideConfig) */
  #deckVersion = HASH_VERSION;
  /** the link's own text, being read back from this browser (ownText/ownTextApp.ts) */
  #ownText: Promise<void> = Promise.resolve();

  constructor(
    hash: string,
    url: UrlWriter,
    readonly history: HistorySink | null = null,
  ) {
    this.#url = url;
    this.config = this.#open(hash);
    // an experiment page runs its own workers: the lab's starts when the lab is shown
    this.session = new TrainingSession(this.config, undefined, this.linkExperiment === null);
    if (history) this.session.onSnapshot((s) => history.add(s));
    this.session.onSnapshot((s) => this.cluster.add(s));
    // step 0 opens a token in the inspector, so that panel too shows the untrained router
    this.session.onSnapshot((s) => {
      if (s.step === 0 && this.selectedToken === null) this.selectedToken = tokenToInspect(s);
    });
    this.#lastHash = this.hash;
    this.#ownText = restoreOwnText(this);
  }

  /** The hash of the current state (what a shared link carries). */
  get hash(): string {
    return this.experiment ? this.experiment.hash(this.#urlView(), false) : encodeHash(this.config, this.#urlView());
  }

  /** The step a shared link may train to: the experiment's, or the lab run's. */
  get currentStep(): number {
    return this.experiment ? (this.experiment.step ?? 0) : (this.session.snapshot?.step ?? 0);
  }

  /** Shows an experiment page (null: the lab again) and writes its link. */
  setExperiment(link: ExperimentLink | null, mode: 'replace' | 'push' = 'push'): void {
    this.experiment = link;
    this.linkExperiment = null;
    this.#write(mode);
  }

  /** The experiment page's settings changed: its link is written again. */
  experimentChanged(): void {
    this.#write('replace');
  }

  #urlView(): ViewParams {
    // step and autoplay act once, when a link opens; the address bar does not keep them
    const view = { ...this.view };
    delete view.step;
    delete view.autoplay;
    return { ...view, ...(this.deck ? { deck: this.view.deck, slide: this.deck.slide } : {}) };
  }

  /**
   * The hash to share: the current state, with `auto` replaced by the backend that actually
   * trained, so the link reproduces the same trajectory on another machine.
   */
  get shareHash(): string {
    if (this.experiment) return this.experiment.hash(this.#urlView(), true);
    const ran = this.session.backend;
    if (this.config.backend !== 'auto' || !ran || !isBackendName(ran)) return this.hash;
    return encodeHash({ ...this.config, backend: ran }, this.#urlView());
  }

  /** Starts what the link asks for: a tour stop, train to step N and pause, or play. */
  start(): void {
    if (this.linkExperiment || this.experiment) return;
    // a link on an own text starts once the text is back from this browser's store, if it is there
    if (ownTextMissing(this.config)) return void this.#ownText.then(() => !ownTextMissing(this.config) && this.start());
    // the tour needs its card, which an embedded view has no room for
    if (this.view.tour !== undefined && !this.view.embed) return this.startTour(stopIndex(this.view.tour));
    const { step, autoplay } = this.view;
    if (step !== undefined && step > 0) this.session.runTo(step, () => autoplay && this.session.play());
    else if (autoplay) this.session.play();
    // step 0: the untrained router drawn as the page opens
    else this.session.prepare();
  }

  /** Reads a link into view, deck and notices; returns the config it asks for. */
  #open(hash: string): MoeConfig {
    const decoded = decodeHash(hash);
    this.#show(decoded.notices);
    this.linkExperiment = decoded.experiment.size > 0 ? decoded : null;
    this.view = decoded.view;
    this.deck = deckFromView(decoded.view);
    this.#deckVersion = decoded.version;
    if (this.deck && !decoded.view.preset) {
      // a bare deck link (deck=a,b,c) opens its slide's preset; a slide's own link names it
      this.view = slideView(this.deck.deck, this.deck.slide, decoded.view);
      if (this.view.preset) return this.#slideConfig(this.view.preset);
    }
    return decoded.config;
  }

  /**
   * A slide's settings: its preset read against the version of the link that opened the deck,
   * so an older deck link shows every slide as it did then (a deck opened here: today's).
   */
  #slideConfig(preset: string): MoeConfig {
    return validateConfig(linkBase(this.#deckVersion, preset)).config;
  }

  #show(notices: Notice[]): void {
    if (notices.length) this.notices = [...this.notices, ...notices.map((n) => ({ ...n, id: ++noticeIds }))];
  }

  /** Notices from an experiment page's link (A/B, sweep), shown with the page's. */
  note(notices: Notice[]): void {
    this.#show(notices);
  }

  dismiss(id: number): void {
    this.notices = this.notices.filter((n) => n.id !== id);
  }

  #write(mode: 'replace' | 'push'): void {
    const hash = this.hash;
    if (hash === this.#lastHash) return;
    this.#lastHash = hash;
    this.#url[mode](hash);
  }

  /** A new config from a control or a host page; made valid, applied, and written to the URL. */
  setConfig(next: Partial<MoeConfig>, mode: 'replace' | 'push' = 'replace'): void {
    const { config, adjustments } = validateConfig({ ...this.config, ...next });
    this.#show(adjustments.map((a) => notice({ id: 'adjusted', reason: a.reason }, a.key, String(a.from), String(a.to))));
    this.#apply(config);
    // the preset stays: it is the base the link's keys are written against ("based on" it)
    this.#write(mode);
  }

  set<K extends keyof MoeConfig>(key: K, value: MoeConfig[K]): void {
    this.setConfig({ [key]: value } as Partial<MoeConfig>);
  }

  #apply(config: MoeConfig): void {
    this.config = config;
    const rebuilt = this.session.configure(config);
    if (rebuilt) {
      this.history?.archive();
      this.selectedToken = null;
    }
  }

  /** Whether the config is still its preset's (seed and backend aside); false without a preset. */
  get presetMatches(): boolean {
    return this.view.preset !== undefined && matchesPreset(this.view.preset, this.config);
  }

  applyPreset(id: string): void {
    if (!presetById(id)) return;
    this.view = { ...this.view, preset: id };
    this.#apply(presetConfig(id));
    this.#write('push');
  }

  goToSlide(slide: number): void {
    if (!this.deck) return;
    const { deck } = this.deck;
    const view = slideView(deck, slide, this.view);
    this.deck = { deck, slide: view.slide ?? 0 };
    this.view = view;
    this.#apply(view.preset ? this.#slideConfig(view.preset) : validateConfig({}).config);
    this.#write('push');
  }

  nextSlide(): void {
    if (this.tour) this.#toStop(this.tour.stop + 1);
    else if (this.deck) this.goToSlide(nextSlide(this.deck.deck, this.deck.slide));
  }
  prevSlide(): void {
    if (this.tour) this.#toStop(this.tour.stop - 1);
    else if (this.deck) this.goToSlide(prevSlide(this.deck.deck, this.deck.slide));
  }

  /** Opens the tour at a stop (from 0), remembering what to give back when it is left. */
  startTour(stop = 0): void {
    const view = { ...this.view };
    delete view.tour;
    delete view.step;
    delete view.autoplay;
    const before = this.tour?.before ?? {
      config: this.config,
      view,
      deck: this.deck,
      step: this.session.snapshot?.step ?? 0,
      ghost: this.history?.ghost ?? null,
    };
    this.tour = { stop: 0, before };
    this.deck = null;
    this.#toStop(stop);
  }

  /** A stop: its settings on a fresh model, trained to its step, its panel pointed at. */
  #toStop(stop: number): void {
    if (!this.tour || stop < 0 || stop >= TOUR_STOPS.length) return;
    const s = TOUR_STOPS[stop];
    this.tour = { ...this.tour, stop };
    const { lang, theme, scale } = this.tour.before.view;
    this.view = { lang, theme, scale, preset: s.preset ?? undefined, tour: stop + 1 };
    for (const k of Object.keys(this.view) as (keyof ViewParams)[]) if (this.view[k] === undefined) delete this.view[k];
    this.#apply(stopConfig(s));
    // every stop starts afresh, even where only live settings changed since the last one
    this.session.reset();
    this.selectedToken = s.panel === 'inspector' ? 0 : null;
    if (this.session.supported) this.session.runTo(s.steps);
    this.#write('replace');
  }

  /** The panel the tour points at, or null outside it. */
  get tourPanel(): PanelId | null {
    return this.tour ? TOUR_STOPS[this.tour.stop].panel : null;
  }

  /** Leaves the tour at any stop: the settings, the run (retrained to its step) and the URL come back. */
  leaveTour(): void {
    if (!this.tour) return;
    const { before } = this.tour;
    this.tour = null;
    this.view = before.view;
    this.deck = before.deck;
    this.#apply(before.config);
    this.session.reset();
    // the last stop's run ends here (archived now, so the rebuilt run's first snapshot does not
    // archive it over the visitor's ghost), and the visitor's ghost comes back
    this.history?.archive();
    this.history?.restoreGhost(before.ghost);
    this.selectedToken = null;
    if (before.step > 0 && this.session.supported) this.session.runTo(before.step);
    this.#write('replace');
  }

  /** A hash from outside (pasted, Back/Forward): honour it unless it is the one we wrote. */
  followHash(hash: string): void {
    if (hash === this.#lastHash) return;
    this.#apply(this.#open(hash));
    void restoreOwnText(this);
    // a link without experiment keys is the lab's: the experiment page gives way (it follows)
    if (!this.linkExperiment) this.experiment = null;
    // a tour stop's link walks the tour there; any other link is the page the tour gave way to
    if (this.view.tour !== undefined && !this.view.embed) this.startTour(stopIndex(this.view.tour));
    else this.tour = null;
    this.#lastHash = this.hash;
  }

  setView(patch: ViewParams): void {
    this.view = { ...this.view, ...patch };
    this.#write('replace');
  }
}
