// The own-text dialog: a pasted text is summed up (domains, vocabulary, held-out share) before it
// trains; an empty or binary file, or one that is not UTF-8, opens nothing and says what is wrong
// and where, keeping the text read before; the settings show which text trains, and the share
// dialog says the link carries only its hash.

import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import OwnTextDialog from '../../src/components/ownText/OwnTextDialog.svelte';
import SettingsPanel from '../../src/components/SettingsPanel.svelte';
import ShareDialog from '../../src/components/ShareDialog.svelte';
import { ownTextHash } from '../../src/engine/datasets/own';
import { locale } from '../../src/i18n/index.svelte';
import { AppState } from '../../src/state/app.svelte';
import { schemaDefaults } from '../../src/state/schema';

const poem = Array.from({ length: 6 }, (_, i) => `roses are red ${i}, violets are blue, sugar is sweet.`).join('\n\n');
const TEXT = `# domain: poetry\n${poem}\n# domain: <b>code</b>\n${Array.from({ length: 4 }, (_, i) => `let x${i} = ${i};`).join('\n\n')}`;

function setup(onuse = vi.fn()) {
  render(OwnTextDialog, { open: true, onclose: () => {}, seed: 1, onuse });
  return { onuse, box: screen.getByLabelText('Paste text') as HTMLTextAreaElement };
}

async function paste(box: HTMLTextAreaElement, text: string) {
  await fireEvent.input(box, { target: { value: text } });
  await new Promise((resolve) => setTimeout(resolve, 300));
}

function dropFile(bytes: Uint8Array<ArrayBuffer>, name = 'mine.txt') {
  const file = new File([bytes], name, { type: 'text/plain' });
  return fireEvent.change(screen.getByLabelText('Or choose a .txt file'), { target: { files: [file] } });
}

describe('OwnTextDialog', () => {
  it('sums up a pasted text, domain names as text, and trains on exactly it', async () => {
    const { onuse, box } = setup();
    expect(screen.getByRole('button', { name: 'Train on it' })).toBeDisabled();
    expect(screen.getByText('Your text stays in this browser; the link carries only its hash.')).toBeInTheDocument();
    await paste(box, TEXT);
    const summary = screen.getByTestId('own-summary');
    expect(summary.textContent).toContain('2 domains');
    expect(summary.textContent).toMatch(/poetry: 6 documents/);
    // a name with markup stays text
    expect(summary.textContent).toMatch(/<b>code<\/b>: 4 documents/);
    expect(summary.querySelector('b')).toBeNull();
    expect(summary.textContent).toMatch(/Vocabulary: \d+ of \d+ distinct characters kept; 0 mapped to the unknown token \(0\.0% of positions\)/);
    expect(summary.textContent).toMatch(/Held out for evaluation: \d+\.\d% of the text/);
    await fireEvent.click(screen.getByRole('button', { name: 'Train on it' }));
    expect(onuse).toHaveBeenCalledWith(TEXT);
  });

  it('trains only on a text already summed up: while a new one is read, the button waits', async () => {
    const { onuse, box } = setup();
    await paste(box, TEXT);
    const train = screen.getByRole('button', { name: 'Train on it' });
    expect(train).toBeEnabled();
    const more = `${TEXT}\n\none more paragraph of verse, roses and violets again.`;
    await fireEvent.input(box, { target: { value: more } });
    expect(train).toBeDisabled();
    await waitFor(() => expect(train).toBeEnabled());
    await fireEvent.click(train);
    expect(onuse).toHaveBeenCalledWith(more);
  });

  it('a text with a domain of one paragraph says which, and trains nothing', async () => {
    const { box } = setup();
    await paste(box, `${poem}\n# domain: lonely\nonly one paragraph here`);
    expect(screen.getByRole('alert').textContent).toBe('Domain “lonely” (line 12) has fewer than two documents; separate paragraphs with a blank line.');
    expect(screen.getByRole('button', { name: 'Train on it' })).toBeDisabled();
  });

  it('reads a UTF-8 file into the summary', async () => {
    setup();
    await dropFile(new TextEncoder().encode(TEXT));
    await waitFor(() => expect(screen.getByTestId('own-summary').textContent).toContain('2 domains'));
    expect((screen.getByLabelText('Paste text') as HTMLTextAreaElement).value).toBe(TEXT);
  });

  it('an empty, a binary or a non-UTF-8 file opens nothing and says what and where; the text read before stays', async () => {
    const { box, onuse } = setup();
    await paste(box, TEXT);
    await dropFile(new Uint8Array(0), 'empty.txt');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('The text is empty.'));
    await dropFile(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0a, 0x00, 0x01]), 'image.png');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('The file looks binary: line 2 holds the control character U+0000.'));
    await dropFile(Uint8Array.from([0x61, 0x0a, 0x62, 0xe9, 0x74, 0xe9]), 'latin1.txt');
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('The file is not UTF-8 text: byte 3 (line 2) does not start a valid character.'),
    );
    expect(box.value).toBe(TEXT);
    expect(screen.getByRole('button', { name: 'Train on it' })).toBeDisabled();
    expect(onuse).not.toHaveBeenCalled();
  });

  it('says it in Chinese too', async () => {
    locale.lang = 'zh-CN';
    try {
      render(OwnTextDialog, { open: true, onclose: () => {}, seed: 1, onuse: vi.fn() });
      const file = new File([new Uint8Array([0x61, 0xff])], 'bad.txt');
      await fireEvent.change(screen.getByLabelText('或选择一个 .txt 文件'), { target: { files: [file] } });
      await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('文件不是 UTF-8 文本：第 1 字节（第 1 行）不是有效字符的开头。'));
    } finally {
      locale.lang = 'en';
    }
  });
});

describe('the own text in the settings and the share dialog', () => {
  it('the settings say "none given", and choosing the task without a text opens the dialog', async () => {
    const onchange = vi.fn();
    render(SettingsPanel, { config: schemaDefaults(), onchange, onowntext: vi.fn() });
    expect(screen.getByTestId('own-status').textContent).toBe('your text (none given)');
    await fireEvent.change(screen.getByLabelText('Dataset'), { target: { value: 'own' } });
    expect(onchange).not.toHaveBeenCalled();
    expect(screen.getByRole('dialog', { name: 'Train on your own text' })).toHaveAttribute('open');
  });

  it('a link on a text not here names its hash; the share dialog says the text is not in the link', () => {
    const app = new AppState('#v=5&data=own&tx=4242', { replace() {}, push() {} });
    render(ShareDialog, { app, baseUrl: 'https://example.org/', open: true, onclose: () => {} });
    expect(screen.getByTestId('own-share').textContent).toContain('carries only the text’s hash (4242)');
    expect(ownTextHash(TEXT)).not.toBe(4242);
  });
});
