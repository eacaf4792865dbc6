// Export in the browser: a file download, a panel as PNG and an <svg> as a standalone file. The
// text formats and file names are the state's (src/state/export.ts); this half reads the page.

/** Starts a download of text or a blob in the browser. */
export function download(name: string, content: string | Blob, type = 'text/plain'): void {
  const blob = typeof content === 'string' ? new Blob([content], { type }) : content;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** An SVG element as a standalone file, with the page's computed colours inlined as variables. */
export function svgMarkup(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const style = getComputedStyle(svg);
  const vars = ['--fg', '--muted', '--grid', '--panel', '--accent', '--danger', '--warn', '--bg']
    .map((v) => `${v}: ${style.getPropertyValue(v).trim() || 'initial'};`)
    .join(' ');
  clone.setAttribute('style', `${vars} font-family: system-ui, sans-serif; ${clone.getAttribute('style') ?? ''}`);
  const { width, height } = svg.getBoundingClientRect();
  if (!clone.getAttribute('width')) clone.setAttribute('width', String(Math.round(width)));
  if (!clone.getAttribute('height')) clone.setAttribute('height', String(Math.round(height)));
  return new XMLSerializer().serializeToString(clone);
}

/**
 * A panel as PNG: its canvases and SVGs composited at their on-page positions over the panel
 * background (text outside them is not drawn; the panel's title goes in the file name).
 */
export async function panelPng(panel: HTMLElement, scale = 2): Promise<Blob | null> {
  const box = panel.getBoundingClientRect();
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(box.width * scale));
  canvas.height = Math.max(1, Math.round(box.height * scale));
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.scale(scale, scale);
  ctx.fillStyle = getComputedStyle(panel).backgroundColor || '#fff';
  ctx.fillRect(0, 0, box.width, box.height);
  for (const el of panel.querySelectorAll<HTMLCanvasElement | SVGSVGElement>('canvas, svg')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    let image: CanvasImageSource;
    if (el instanceof HTMLCanvasElement) image = el;
    else {
      const url = URL.createObjectURL(new Blob([svgMarkup(el)], { type: 'image/svg+xml' }));
      const img = new Image();
      img.src = url;
      try {
        await img.decode();
      } catch {
        URL.revokeObjectURL(url);
        continue;
      }
      image = img;
      setTimeout(() => URL.revokeObjectURL(url), 0);
    }
    ctx.drawImage(image, r.left - box.left, r.top - box.top, r.width, r.height);
  }
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
}
