// The dense token strip as pixels: at thousands of tokens a path of 1-px rects is slow to
// rasterise (tens of ms in software Skia), while writing the ticks into an ImageData and
// putting it is a blit. Colours are parsed once into packed RGBA.

const cache = new Map<string, number>();

/** '#rgb', '#rrggbb', 'rgb(r, g, b)' or 'rgba(r, g, b, a)' as a little-endian RGBA word; grey if unknown. */
export function packColor(css: string): number {
  const hit = cache.get(css);
  if (hit !== undefined) return hit;
  let r = 128;
  let g = 128;
  let b = 128;
  let a = 255;
  const c = css.trim();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(c);
  const fn = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?\s*\)$/i.exec(c);
  if (hex) {
    const h = hex[1].length === 3 ? hex[1].replace(/./g, (x) => x + x) : hex[1];
    r = parseInt(h.slice(0, 2), 16);
    g = parseInt(h.slice(2, 4), 16);
    b = parseInt(h.slice(4, 6), 16);
  } else if (fn) {
    [r, g, b] = [fn[1], fn[2], fn[3]].map((x) => Math.round(Number(x)));
    if (fn[4] !== undefined) a = Math.round((fn[4].endsWith('%') ? parseFloat(fn[4]) / 100 : Number(fn[4])) * 255);
  }
  const packed = ((a << 24) | (b << 16) | (g << 8) | r) >>> 0;
  cache.set(css, packed);
  return packed;
}

/**
 * Fills `data` (w device pixels wide, RGBA words) with one tick per token: token t at column
 * t % cols and row t / cols of the strip, a tick 1 × rowH CSS px at `dpr` device pixels per px;
 * the lower `flagH` px of a flagged token (one with a dropped choice) take `flagColor`.
 */
export function paintTicks(
  data: Uint32Array,
  w: number,
  dpr: number,
  T: number,
  cols: number,
  rowH: number,
  color: (t: number) => number,
  flagged: (t: number) => boolean,
  flagColor: number,
  flagH: number,
): void {
  const rowPx = Math.max(1, Math.round(rowH * dpr));
  const splitPx = Math.max(0, rowPx - Math.max(1, Math.round(flagH * dpr)));
  for (let t = 0; t < T; t++) {
    const col = t % cols;
    const x0 = Math.round(col * dpr);
    const x1 = Math.min(w, Math.max(x0 + 1, Math.round((col + 1) * dpr)));
    const y0 = Math.floor(t / cols) * rowPx;
    const c = color(t);
    const split = flagged(t) ? splitPx : rowPx;
    for (let y = 0; y < rowPx; y++) {
      const v = y < split ? c : flagColor;
      const row = (y0 + y) * w;
      for (let x = x0; x < x1; x++) data[row + x] = v;
    }
  }
}
