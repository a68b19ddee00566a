/**
 * The toolbar's profile switcher: a button naming the account in use ("Demo" or the profile), and a
 * panel to switch profile, add or edit an API key, delete one (after confirming), or go back to
 * demo mode. The panel is non-modal: it takes focus when it opens, Escape or a click outside closes
 * it, and focus returns to the button. The add/edit dialog is modal (ProfileDialog).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProfilesState, ProfileSummary } from '../../../shared/profiles';
import type { AppError, Result } from '../../../shared/result';
import { selectConnection } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { ENVIRONMENT_LABEL } from '../labels';
import { usePopover } from '../Popover';
import '../../styles/profiles.css';
import { activateProfile, deleteProfile, listProfiles } from './profile-actions';
import { registerProfileOpeners } from './profile-openers';
import { ProfileDialog, type DialogTarget } from './ProfileDialog';
import { ProfileList } from './ProfileList';

export function ProfileMenu() {
  const connection = useAppStore(selectConnection);
  const popover = usePopover();
  const { open, show, close } = popover;
  const [profiles, setProfiles] = useState<ProfilesState | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [dialog, setDialog] = useState<DialogTarget | null>(null);

  const refresh = useCallback(async () => {
    const result = await listProfiles();
    if (result.ok) {
      setProfiles(result.value);
      setError(null);
    } else {
      setError(result.error);
    }
    return result;
  }, []);

  const openMenu = useCallback(() => {
    setDialog(null);
    show();
    void refresh();
  }, [refresh, show]);

  const openDialog = useCallback(
    async (pick: (state: ProfilesState | null) => ProfileSummary | null) => {
      close(false);
      const result = await refresh();
      const state = result.ok ? result.value : null;
      // Unknown (the list failed): assume a key store; main refuses with no-keystore if there is none.
      setDialog({ profile: pick(state), keyStore: state?.keyStore ?? 'available' });
    },
    [refresh, close],
  );

  useEffect(
    () =>
      registerProfileOpeners({
        menu: openMenu,
        create: () => void openDialog(() => null),
        editActive: () => void openDialog((state) => state?.profiles.find((p) => p.id === state.activeId) ?? null),
      }),
    [openMenu, openDialog],
  );

  // Focus goes back to the button once the dialog is gone (the closing <dialog> would move it to <body>).
  const returnFocus = useRef(false);
  useEffect(() => {
    if (dialog !== null || !returnFocus.current) return;
    returnFocus.current = false;
    popover.triggerProps.ref.current?.focus();
  }, [dialog, popover.triggerProps.ref]);

  const run = async (action: () => Promise<Result<unknown>>, closeAfter: boolean) => {
    setBusy(true);
    const result = await action();
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    if (closeAfter) close(true);
    else void refresh();
  };

  // After a delete the confirmation's buttons are gone, and the browser would drop focus to the
  // page: it goes to the profile now in the deleted one's place (or the one above), or to "Add API
  // key…" when none is left. Run once the list (or the error) from main is rendered.
  const focusAfterDelete = useRef<number | null>(null);
  const panelRef = popover.panelProps.ref;
  useEffect(() => {
    const index = focusAfterDelete.current;
    const panel = panelRef.current;
    if (index === null || panel === null) return;
    focusAfterDelete.current = null;
    const rows = panel.querySelectorAll<HTMLButtonElement>('.profile-use');
    const target = rows[Math.min(index, rows.length - 1)] ?? panel.querySelector<HTMLButtonElement>('[data-testid="add-profile"]');
    target?.focus();
  }, [profiles, error, panelRef]);

  const remove = (profile: ProfileSummary) => {
    focusAfterDelete.current = Math.max(0, profiles?.profiles.findIndex((p) => p.id === profile.id) ?? 0);
    void run(() => deleteProfile(profile.id), false);
  };

  const isDemo = connection === null || connection.environment === 'demo';
  const label = isDemo ? 'Demo' : connection.profileName;

  return (
    <div ref={popover.anchorRef} className="profile-menu">
      <button
        {...popover.triggerProps}
        className={`profile-button${open ? ' pressed' : ''}`}
        aria-label={`Profile: ${label}. Switch profile`}
        data-testid="profile-button"
        onClick={() => (open ? close(false) : openMenu())}
      >
        <span className={`profile-env profile-env-${isDemo ? 'demo' : connection.environment}`}>
          {isDemo ? 'DEMO' : ENVIRONMENT_LABEL[connection.environment]}
        </span>
        <span className="profile-button-name">{label}</span>
        <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div {...popover.panelProps} aria-label="Profiles" className="profile-panel" data-testid="profile-menu">
          {error !== null && (
            <p className="profile-error" role="alert" data-testid="profile-menu-error">
              {error.message}
            </p>
          )}
          {profiles !== null && profiles.keyStore === 'unavailable' && (
            <p className="profile-note-warn">No OS key store on this computer: secrets can only be saved unencrypted.</p>
          )}
          {profiles !== null && (
            <ProfileList
              profiles={profiles.profiles}
              activeId={profiles.activeId}
              busy={busy}
              onActivate={(id) => void run(() => activateProfile(id), true)}
              onEdit={(profile) => void openDialog((state) => state?.profiles.find((p) => p.id === profile.id) ?? profile)}
              onDelete={remove}
            />
          )}
          <div className="profile-actions">
            <button type="button" className="primary" data-testid="add-profile" disabled={busy} onClick={() => void openDialog(() => null)}>
              Add API key…
            </button>
            <button type="button" disabled={busy || isDemo} onClick={() => void run(() => activateProfile(null), true)}>
              Back to demo
            </button>
          </div>
        </div>
      )}
      {dialog !== null && (
        <ProfileDialog
          target={dialog}
          onClose={() => {
            returnFocus.current = true;
            setDialog(null);
          }}
        />
      )}
    </div>
  );
}
