// A square grid drawn as one pixel per cell and scaled up without smoothing: for grids whose cells
// are a pixel or two on screen (the traffic matrix of hundreds of GPUs), where a fillRect per cell
// would take a frame's time many times over.

/** A CSS colour as RGB, resolved by the canvas itself (so var()-resolved theme colours work too). */
function rgbOf(color: string): [number, number, number] {
  const probe = document.createElement('canvas').getContext('2d');
  if (!probe) return [0, 0, 0];
  probe.fillStyle = color;
  probe.fillRect(0, 0, 1, 1);
  const [r, g, b] = probe.getImageData(0, 0, 1, 1).data;
  return [r, g, b];
}

/** Draws n × n cells over `size` px: cell(i, j) gives its colour and opacity, or null for none. */
export function drawPixels(ctx: CanvasRenderingContext2D, n: number, size: number, cell: (row: number, col: number) => [string, number] | null): void {
  const image = new ImageData(n, n);
  const rgb = new Map<string, [number, number, number]>();
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const c = cell(i, j);
      if (!c) continue;
      const [color, alpha] = c;
      let v = rgb.get(color);
      if (!v) rgb.set(color, (v = rgbOf(color)));
      const o = (i * n + j) * 4;
      image.data[o] = v[0];
      image.data[o + 1] = v[1];
      image.data[o + 2] = v[2];
      image.data[o + 3] = Math.round(alpha * 255);
    }
  const tile = document.createElement('canvas');
  tile.width = n;
  tile.height = n;
  tile.getContext('2d')?.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(tile, 0, 0, size, size);
}
