import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import ShareDialog from '../../src/components/ShareDialog.svelte';
import { AppState } from '../../src/state/app.svelte';
import { makeSnapshot } from './fixtures';

const BASE = 'https://example.org/moe/';
const makeApp = (hash = '#v=5&E=4') => new AppState(hash, { replace() {}, push() {} });

function snippetBox(): HTMLTextAreaElement {
  return screen.getByLabelText('Embed code') as HTMLTextAreaElement;
}

describe('ShareDialog', () => {
  it('shows the link to this setup, which carries app.hash', () => {
    const app = makeApp();
    render(ShareDialog, { app, baseUrl: BASE, open: true, onclose: () => {} });
    const dialog = screen.getByRole('dialog', { name: 'Share' });
    expect(dialog).toHaveAttribute('open');
    const link = screen.getByRole('textbox', { name: 'Link to this setup' }) as HTMLInputElement;
    expect(app.hash).toBe('#v=5&E=4');
    expect(link.value).toBe(`https://example.org/moe/${app.hash}`);
    expect(link).toHaveAttribute('readonly');
    // focus starts on the link, ready to copy
    expect(document.activeElement).toBe(link);
  });

  it('follows a config change', async () => {
    const app = makeApp();
    render(ShareDialog, { app, baseUrl: BASE, open: true, onclose: () => {} });
    app.set('topK', 1);
    await tick();
    expect((screen.getByRole('textbox', { name: 'Link to this setup' }) as HTMLInputElement).value).toContain('E=4&k=1');
  });

  it('adds step=N when asked to open at the current step, only once there is a step', async () => {
    const app = makeApp();
    render(ShareDialog, { app, baseUrl: BASE, open: true, onclose: () => {} });
    const box = screen.getByRole('checkbox', { name: /current step/ });
    expect(box).toBeDisabled();
    expect(screen.getByText('Train a few steps first to link to a trained state.')).toBeInTheDocument();
    app.session.snapshot = makeSnapshot({ E: 4, step: 37 });
    await tick();
    expect(box).toBeEnabled();
    expect(box).toHaveAccessibleName('Train to the current step (37) when opened');
    await fireEvent.click(box);
    const link = screen.getByRole('textbox', { name: 'Link to this setup' }) as HTMLInputElement;
    expect(link.value).toBe(`${BASE}#v=5&E=4&step=37`);
    // the embed opens at that step too
    expect(snippetBox().value).toContain('step=37&amp;embed=1');
  });

  it('builds the iframe snippet from the embed options', async () => {
    render(ShareDialog, { app: makeApp(), baseUrl: BASE, open: true, onclose: () => {} });
    expect(snippetBox().value).toBe(
      `<iframe src="${BASE}#v=5&amp;E=4&amp;embed=1" width="100%" height="520" style="border:0" allow="fullscreen" title="MoE Playground"></iframe>`,
    );
    // one checkbox per panel
    expect(screen.getByRole('group', { name: 'Panels to show' }).querySelectorAll('input[type=checkbox]')).toHaveLength(11);
    await fireEvent.click(screen.getByRole('checkbox', { name: 'Expert load' }));
    await fireEvent.click(screen.getByRole('checkbox', { name: 'Routing flow' }));
    await fireEvent.click(screen.getByRole('checkbox', { name: 'Start training as soon as it loads' }));
    await fireEvent.input(screen.getByLabelText('Controls to show'), { target: { value: 'E, k' } });
    // panels in the page's order, whatever order they were ticked in
    expect(snippetBox().value).toContain('#v=5&amp;E=4&amp;autoplay=1&amp;embed=1&amp;panels=flow,load&amp;controls=E,k"');
  });

  it('shows an error for an unknown control and leaves it out', async () => {
    render(ShareDialog, { app: makeApp(), baseUrl: BASE, open: true, onclose: () => {} });
    const field = screen.getByLabelText('Controls to show');
    await fireEvent.input(field, { target: { value: 'E, bogus' } });
    expect(screen.getByText('Not a setting, left out: bogus')).toBeInTheDocument();
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(snippetBox().value).toContain('controls=E"');
  });

  it('validates host origins: an invalid one shows an error and is left out', async () => {
    render(ShareDialog, { app: makeApp(), baseUrl: BASE, open: true, onclose: () => {} });
    const field = screen.getByLabelText('Host page origins allowed to control it');
    expect(screen.getByText(/only from these origins/)).toBeInTheDocument();
    await fireEvent.input(field, { target: { value: 'javascript:alert(1), https://Slides.Example.com' } });
    expect(screen.getByText(/Not an http\(s\) origin, left out: javascript:alert\(1\)/)).toBeInTheDocument();
    expect(field).toHaveAttribute('aria-invalid', 'true');
    const code = snippetBox().value;
    expect(code).toContain('origins=https://slides.example.com"');
    expect(code).not.toContain('javascript');
  });

  it('gives the reveal.js code with the tool origin', () => {
    render(ShareDialog, { app: makeApp(), baseUrl: BASE, open: true, onclose: () => {} });
    const code = (screen.getByLabelText('Code for the deck page') as HTMLTextAreaElement).value;
    expect(code).toContain("Reveal.on('slidechanged'");
    expect(code).toContain('"https://example.org"');
  });

  it('copies with the clipboard API and announces it', async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    try {
      render(ShareDialog, { app: makeApp(), baseUrl: BASE, open: true, onclose: () => {} });
      await fireEvent.click(screen.getByRole('button', { name: 'Copy link' }));
      await vi.waitFor(() => expect(screen.getByText('Link copied')).toBeInTheDocument());
      expect(writeText).toHaveBeenCalledWith(`${BASE}#v=5&E=4`);
      expect(screen.getByText('Link copied')).toHaveAttribute('aria-live', 'polite');
    } finally {
      Reflect.deleteProperty(navigator, 'clipboard');
    }
  });

  it('falls back to select and execCommand, and says so when that fails too', async () => {
    const exec = vi.fn(() => false);
    Object.defineProperty(document, 'execCommand', { value: exec, configurable: true });
    try {
      render(ShareDialog, { app: makeApp(), baseUrl: BASE, open: true, onclose: () => {} });
      await fireEvent.click(screen.getByRole('button', { name: 'Copy embed code' }));
      await vi.waitFor(() => expect(screen.getByText(/Could not copy/)).toBeInTheDocument());
      expect(exec).toHaveBeenCalledWith('copy');
      expect(document.activeElement).toBe(snippetBox());
    } finally {
      Reflect.deleteProperty(document, 'execCommand');
    }
  });

  it('closes on Escape and the close button, and gives focus back to the opener', async () => {
    const opener = document.createElement('button');
    opener.textContent = 'Share';
    document.body.append(opener);
    opener.focus();
    const onclose = vi.fn();
    const { rerender } = render(ShareDialog, { app: makeApp(), baseUrl: BASE, open: false, onclose });
    expect(screen.queryByRole('dialog')).toBeNull();
    await rerender({ open: true });
    const dialog = screen.getByRole('dialog', { name: 'Share' });
    expect(dialog.contains(document.activeElement)).toBe(true);
    await fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(onclose).toHaveBeenCalledTimes(1);
    await fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onclose).toHaveBeenCalledTimes(2);
    await rerender({ open: false });
    expect(dialog).not.toHaveAttribute('open');
    expect(document.activeElement).toBe(opener);
    opener.remove();
  });

  it('keeps Tab inside the dialog', async () => {
    render(ShareDialog, { app: makeApp(), baseUrl: BASE, open: true, onclose: () => {} });
    const close = screen.getByRole('button', { name: 'Close' });
    // the last control is the Copy button of "Copy as framework settings"
    const copyFlags = screen.getByRole('button', { name: 'Copy' });
    copyFlags.focus();
    await fireEvent.keyDown(copyFlags, { key: 'Tab' });
    expect(document.activeElement).toBe(close);
    await fireEvent.keyDown(close, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(copyFlags);
  });
});
