// Canvas setup shared by the panels that draw many marks: a backing store at the device's
// pixel ratio, drawing in CSS pixels, and colours read from the theme's CSS variables.

/**
 * Sizes the canvas for width × height CSS pixels at the device pixel ratio and returns a
 * cleared context that draws in CSS pixels; null when there is no canvas or no 2D context.
 */
export function sizedContext(canvas: HTMLCanvasElement | undefined, width: number, height: number): CanvasRenderingContext2D | null {
  const ctx = canvas?.getContext('2d');
  if (!canvas || !ctx) return null;
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return ctx;
}

/** The theme's colour in a CSS variable where the element sits, or the fallback. */
export function themeColor(el: Element, name: string, fallback: string): string {
  return getComputedStyle(el).getPropertyValue(name).trim() || fallback;
}
