// Files dragged over the page show the drop overlay, and dropped they open as a trace; a drop
// zone inside the page that takes its own files (preventDefault) keeps them.

import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import TraceDropOverlay from '../../../src/components/traces/TraceDropOverlay.svelte';

const file = new File(['{}'], 'rank0.jsonl');
const carrying = (files: File[] = [file]) => ({ dataTransfer: { types: ['Files'], files, dropEffect: 'none' } });

describe('TraceDropOverlay', () => {
  it('shows while files are over the page and opens them when dropped', async () => {
    const onfiles = vi.fn();
    render(TraceDropOverlay, { onfiles });
    expect(screen.queryByText('Drop trace files to open them here')).toBeNull();
    await fireEvent.dragEnter(window, carrying());
    await fireEvent.dragOver(window, carrying());
    expect(screen.getByText('Drop trace files to open them here')).toBeInTheDocument();
    await fireEvent.drop(window, carrying([file, new File(['{}'], 'side.json')]));
    expect(screen.queryByText('Drop trace files to open them here')).toBeNull();
    expect(onfiles).toHaveBeenCalledTimes(1);
    expect(onfiles.mock.calls[0][0].map((f: File) => f.name)).toEqual(['rank0.jsonl', 'side.json']);
  });

  it('ignores text being dragged, and files a drop zone inside the page took', async () => {
    const onfiles = vi.fn();
    const { container } = render(TraceDropOverlay, { onfiles });
    await fireEvent.dragOver(window, { dataTransfer: { types: ['text/plain'], files: [] } });
    expect(screen.queryByText('Drop trace files to open them here')).toBeNull();
    const zone = document.createElement('div');
    container.append(zone);
    zone.addEventListener('drop', (e) => e.preventDefault());
    await fireEvent.drop(zone, carrying());
    expect(onfiles).not.toHaveBeenCalled();
  });
});
