/**
 * Keyboard shortcuts for the whole window. Components register what a shortcut does while they are
 * mounted; one keydown listener (installed by `useShortcuts` in App) dispatches.
 *   "/" or Ctrl/⌘+K  focus the symbol search
 *   Ctrl/⌘+P         open the profile switcher (instead of printing)
 */
import { useEffect } from 'react';

export type ShortcutName = 'focusSymbolSearch' | 'openProfiles';

const actions = new Map<ShortcutName, () => void>();

/** Binds a shortcut to an action; returns the function that unbinds it. */
export function registerShortcut(name: ShortcutName, action: () => void): () => void {
  actions.set(name, action);
  return () => {
    if (actions.get(name) === action) actions.delete(name);
  };
}

/** Whether typing in this element should keep its keys ("/" is text in a text field). */
function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement;
}

/**
 * The letter a Ctrl/⌘ chord means. `key` is the letter the layout types, so it is right on every
 * Latin layout (Dvorak's K is not where QWERTY's is); on a non-Latin layout (Russian, Greek, Hebrew…)
 * `key` is "л" or "κ", so the key's physical position, `code` ("KeyK"), decides instead — the same
 * key the user would press for Ctrl+K with the Latin layout on.
 */
function chordLetter(event: Pick<KeyboardEvent, 'key' | 'code'>): string | null {
  const key = event.key.toLowerCase();
  if (/^[a-z]$/.test(key)) return key;
  const physical = /^Key([A-Z])$/.exec(event.code);
  return physical === null ? null : physical[1]!.toLowerCase();
}

/** Which shortcut a key press means, if any. Pure, for tests. */
export function shortcutFor(event: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey'>, inText: boolean): ShortcutName | null {
  const mod = event.ctrlKey || event.metaKey;
  if (event.altKey) return null;
  if (mod) {
    const letter = chordLetter(event);
    if (letter === 'k') return 'focusSymbolSearch';
    if (letter === 'p') return 'openProfiles';
    return null;
  }
  if (event.key === '/' && !inText) return 'focusSymbolSearch';
  return null;
}

export function useShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const name = shortcutFor(event, isTextEntry(event.target));
      const action = name === null ? undefined : actions.get(name);
      if (action === undefined) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
