/**
 * Opening the profile UI from elsewhere: the Ctrl/⌘+P shortcut, the demo introduction's "Add your
 * API key", an auth-failure banner's "Edit profile". ProfileMenu registers what opening means while
 * it is mounted; each function returns false when it is not.
 */

export interface ProfileOpeners {
  /** Opens the toolbar's profile menu and focuses it. */
  menu: () => void;
  /** Opens the dialog for a new profile. */
  create: () => void;
  /** Opens the dialog on the active profile (a new one in demo mode). */
  editActive: () => void;
}

let current: ProfileOpeners | null = null;

/** Called by ProfileMenu on mount; returns the function that unregisters it. */
export function registerProfileOpeners(openers: ProfileOpeners): () => void {
  current = openers;
  return () => {
    if (current === openers) current = null;
  };
}

/** Opens the profile switcher (the keyboard shortcut's action). */
export function openProfileMenu(): boolean {
  current?.menu();
  return current !== null;
}

/** Opens "Add API key…". */
export function openAddProfile(): boolean {
  current?.create();
  return current !== null;
}

/** Opens the active profile for editing, e.g. after the exchange refused its key. */
export function openEditActiveProfile(): boolean {
  current?.editActive();
  return current !== null;
}
