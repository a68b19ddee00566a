/**
 * The toolbar's profile switcher: a button naming the account in use ("Demo" or the profile), and a
 * panel to switch profile, add or edit an API key, delete one (after confirming), or go back to
 * demo mode. The panel is non-modal: it takes focus when it opens, Escape or a click outside closes
 * it, and focus returns to the button. The add/edit dialog is modal (ProfileDialog).
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { ProfilesState, ProfileSummary } from '../../../shared/profiles';
import type { AppError, Result } from '../../../shared/result';
import { selectConnection } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { ENVIRONMENT_LABEL } from '../labels';
import '../../styles/profiles.css';
import { activateProfile, deleteProfile, listProfiles } from './profile-actions';
import { registerProfileOpeners } from './profile-openers';
import { ProfileDialog, type DialogTarget } from './ProfileDialog';
import { ProfileList } from './ProfileList';

const FOCUSABLE = 'button:not(:disabled), input, select, textarea, [tabindex]:not([tabindex="-1"])';

export function ProfileMenu() {
  const connection = useAppStore(selectConnection);
  const [open, setOpen] = useState(false);
  const [profiles, setProfiles] = useState<ProfilesState | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [dialog, setDialog] = useState<DialogTarget | null>(null);
  const panelId = useId();
  const anchor = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

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
    setOpen(true);
    void refresh();
  }, [refresh]);

  const closeMenu = useCallback((returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) button.current?.focus();
  }, []);

  const openDialog = useCallback(
    async (pick: (state: ProfilesState | null) => ProfileSummary | null) => {
      setOpen(false);
      const result = await refresh();
      const state = result.ok ? result.value : null;
      // Unknown (the list failed): assume a key store; main refuses with no-keystore if there is none.
      setDialog({ profile: pick(state), keyStore: state?.keyStore ?? 'available' });
    },
    [refresh],
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
    button.current?.focus();
  }, [dialog]);

  // Focus moves into the panel when it opens; a pointer press outside closes it.
  useEffect(() => {
    if (!open) return;
    const first = panel.current?.querySelector<HTMLElement>(FOCUSABLE) ?? panel.current;
    first?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (!anchor.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const run = async (action: () => Promise<Result<unknown>>, closeAfter: boolean) => {
    setBusy(true);
    const result = await action();
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    if (closeAfter) closeMenu(true);
    else void refresh();
  };

  const isDemo = connection === null || connection.environment === 'demo';
  const label = isDemo ? 'Demo' : connection.profileName;

  return (
    <div ref={anchor} className="profile-menu">
      <button
        ref={button}
        type="button"
        className={`profile-button${open ? ' pressed' : ''}`}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        aria-label={`Profile: ${label}. Switch profile`}
        data-testid="profile-button"
        onClick={() => (open ? closeMenu(false) : openMenu())}
      >
        <span className={`profile-env profile-env-${isDemo ? 'demo' : connection.environment}`}>
          {isDemo ? 'DEMO' : ENVIRONMENT_LABEL[connection.environment]}
        </span>
        <span className="profile-button-name">{label}</span>
        <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div
          ref={panel}
          id={panelId}
          role="dialog"
          aria-label="Profiles"
          tabIndex={-1}
          className="profile-panel"
          data-testid="profile-menu"
          onKeyDown={(event) => {
            if (event.key !== 'Escape') return;
            event.stopPropagation();
            closeMenu(true);
          }}
        >
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
              onDelete={(profile) => void run(() => deleteProfile(profile.id), false)}
            />
          )}
          <div className="profile-actions">
            <button type="button" className="primary" disabled={busy} onClick={() => void openDialog(() => null)}>
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
