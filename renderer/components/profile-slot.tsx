/**
 * Where the profile UI (renderer/components/profiles/, built separately) plugs into the dashboard:
 * the toolbar's profile menu, Ctrl/⌘+P, the demo introduction's "Add your API key", and the
 * "Edit profile" button of a rejected-key banner.
 */
import { useEffect } from 'react';
import { openAddProfile, openEditActiveProfile, openProfileMenu } from './profiles/profile-openers';
import { ProfileMenu } from './profiles/ProfileMenu';
import { registerShortcut } from './shortcuts';

/** The toolbar's profile menu, and the shortcut that opens it. */
export function ProfileSlot() {
  useEffect(() => registerShortcut('openProfiles', () => void openProfileMenu()), []);
  return <ProfileMenu />;
}

/** "Add your API key" (demo mode). */
export function addApiKey(): void {
  openAddProfile();
}

/** "Edit profile" (the exchange refused the active profile's key). */
export function editActiveProfile(): void {
  openEditActiveProfile();
}
