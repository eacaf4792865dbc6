// What the trace page's cell charts (layers × experts, co-activation, experts over time) share:
// drawing one colour word per cell onto a canvas, scaled up without smoothing (the lab's
// utilisation heatmap draws the same way), and moving a cell cursor with the arrow keys.

export interface Cell {
  col: number;
  row: number;
}

/** Draws cols × rows RGBA words (row-major) stretched over width × height CSS pixels. */
export function drawCells(canvas: HTMLCanvasElement | undefined, words: Uint32Array, cols: number, rows: number, width: number, height: number): void {
  const ctx = canvas?.getContext('2d');
  if (!canvas || !ctx || cols < 1 || rows < 1) return;
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const cells = new ImageData(cols, rows);
  new Uint32Array(cells.data.buffer).set(words.subarray(0, cols * rows));
  const small = document.createElement('canvas');
  small.width = cols;
  small.height = rows;
  small.getContext('2d')?.putImageData(cells, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(small, 0, 0, canvas.width, canvas.height);
}

/** The cell under a pointer on an element covering the grid. */
export function cellAt(e: MouseEvent, cols: number, rows: number): Cell {
  const box = (e.currentTarget as Element).getBoundingClientRect();
  const col = Math.floor(((e.clientX - box.left) / Math.max(1, box.width)) * cols);
  const row = Math.floor(((e.clientY - box.top) / Math.max(1, box.height)) * rows);
  return { col: Math.max(0, Math.min(cols - 1, col)), row: Math.max(0, Math.min(rows - 1, row)) };
}

const MOVES: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

/**
 * The cursor after a key: an arrow moves it (the first arrow shows `start`), Escape hides it
 * (null); undefined for a key the grid does not take.
 */
export function cellAfterKey(key: string, cursor: Cell | null, start: Cell, cols: number, rows: number): Cell | null | undefined {
  if (key === 'Escape') return null;
  const move = MOVES[key];
  if (!move) return undefined;
  const from = cursor ?? start;
  const [dc, dr] = cursor ? move : [0, 0];
  return { col: Math.max(0, Math.min(cols - 1, from.col + dc)), row: Math.max(0, Math.min(rows - 1, from.row + dr)) };
}
