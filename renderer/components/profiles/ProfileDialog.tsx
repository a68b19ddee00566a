/**
 * Add or edit a profile, in a modal <dialog> (the browser keeps focus inside it and Escape closes
 * it). The secret goes to main once, on save, and is cleared from its field right after; closing
 * the dialog drops it too. After a save, "Test connection" makes one signed request with the
 * profile and shows the answer.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { ConnectionTest, ProfilesState, ProfileSummary } from '../../../shared/profiles';
import { activateProfile, saveProfile, testConnection } from './profile-actions';
import { checkForm, emptyForm, fieldForError, formFor, toInput, type FieldErrors, type FormField, type ProfileForm } from './profile-form';
import { ProfileFields, type SecretElement } from './ProfileFields';

export interface DialogTarget {
  /** The profile to edit; null to add one. */
  readonly profile: ProfileSummary | null;
  readonly keyStore: ProfilesState['keyStore'];
}

interface Props {
  readonly target: DialogTarget;
  readonly onClose: () => void;
}

const FIELD_ORDER: readonly FormField[] = ['name', 'urls', 'apiKey', 'secret', 'plaintext', 'form'];

export function ProfileDialog({ target, onClose }: Props) {
  const titleId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const secretRef = useRef<SecretElement>(null);
  const [editing, setEditing] = useState<ProfileSummary | null>(target.profile);
  const [form, setForm] = useState<ProfileForm>(() => (target.profile === null ? emptyForm() : formFor(target.profile)));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [keyStoreAvailable, setKeyStoreAvailable] = useState(target.keyStore === 'available');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<ProfileSummary | null>(null);
  const [test, setTest] = useState<ConnectionTest | 'running' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    const element = dialog.current;
    if (element === null) return;
    if (!element.open) element.showModal();
    nameRef.current?.focus();
    return () => element.close();
  }, []);

  const clearSecret = () => {
    if (secretRef.current !== null) secretRef.current.value = '';
  };

  const close = () => {
    clearSecret();
    onClose();
  };

  const change = (patch: Partial<ProfileForm>) => {
    setForm((previous) => ({ ...previous, ...patch }));
    setSaved(null);
    setTest(null);
  };

  // The first field with a message takes focus, once the messages are rendered.
  const focusPending = useRef<FormField | null>(null);
  const showErrors = (next: FieldErrors) => {
    focusPending.current = FIELD_ORDER.find((field) => next[field] !== undefined) ?? null;
    setErrors(next);
  };
  useEffect(() => {
    const field = focusPending.current;
    focusPending.current = null;
    if (field !== null) dialog.current?.querySelector<HTMLElement>(`[data-focus-field="${field}"]`)?.focus();
  }, [errors]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const secret = secretRef.current?.value ?? '';
    const found = checkForm(form, secret, { editing, keyStoreAvailable });
    if (Object.keys(found).length > 0) {
      showErrors(found);
      return;
    }
    setBusy(true);
    const result = await saveProfile(toInput(form, secret, editing));
    setBusy(false);
    if (!result.ok) {
      if (result.error.code === 'no-keystore') setKeyStoreAvailable(false);
      showErrors({ [fieldForError(result.error.code)]: result.error.message });
      return;
    }
    // The secret is in main now; nothing here keeps it.
    clearSecret();
    setErrors({});
    setEditing(result.value);
    setForm((previous) => ({ ...previous, apiKey: '', allowPlaintext: false }));
    setSaved(result.value);
    setTest(null);
    setNotice(null);
  };

  // After a save, the next step is testing it: bring that into view and focus.
  const savedBox = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (saved === null) return;
    savedBox.current?.scrollIntoView({ block: 'nearest' });
    savedBox.current?.querySelector('button')?.focus();
  }, [saved]);

  const runTest = async (profile: ProfileSummary) => {
    setTest('running');
    const result = await testConnection(profile.id);
    setTest(result.ok ? result.value : { ok: false, message: result.error.message, openPositions: null });
  };

  const use = async (profile: ProfileSummary) => {
    setBusy(true);
    const result = await activateProfile(profile.id);
    setBusy(false);
    if (result.ok) close();
    else setNotice(result.error.message);
  };

  return (
    <dialog
      ref={dialog}
      className="profile-dialog"
      aria-labelledby={titleId}
      data-testid="profile-dialog"
      onCancel={(event) => {
        event.preventDefault(); // Escape: close through React, so the secret is cleared first
        close();
      }}
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <h2 id={titleId}>{editing === null ? 'Add an API key' : `Edit ${editing.name}`}</h2>
        <ProfileFields form={form} errors={errors} editing={editing} secretRef={secretRef} nameRef={nameRef} onChange={change} />

        {!keyStoreAvailable && (
          <div className="plaintext-warning" data-testid="plaintext-warning">
            <p>
              <strong>This computer has no OS key store</strong> (on Linux: no Secret Service or KWallet). PerpDesk can only
              save the secret <strong>unencrypted</strong>, in a file that any program running as you can read.
            </p>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={form.allowPlaintext}
                data-focus-field="plaintext"
                aria-invalid={errors.plaintext !== undefined}
                onChange={(event) => change({ allowPlaintext: event.target.checked })}
              />
              Store the secret unencrypted on this computer; I accept the risk.
            </label>
            {errors.plaintext !== undefined && (
              <p className="field-error" data-testid="error-plaintext">
                {errors.plaintext}
              </p>
            )}
          </div>
        )}

        {errors.form !== undefined && (
          <p className="form-error" role="alert" tabIndex={-1} data-focus-field="form" data-testid="error-form">
            {errors.form}
          </p>
        )}

        {saved !== null && (
          <div ref={savedBox} className="saved" data-testid="profile-saved">
            <p role="status">
              Saved <strong>{saved.name}</strong> (key …{saved.apiKeyTail}
              {saved.secretStorage === 'plaintext-opt-in' ? ', secret stored unencrypted' : ', secret encrypted by the OS key store'}).
            </p>
            <div className="dialog-buttons">
              <button type="button" disabled={test === 'running'} onClick={() => void runTest(saved)}>
                {test === 'running' ? 'Testing…' : 'Test connection'}
              </button>
              <button type="button" disabled={busy} onClick={() => void use(saved)}>
                Use this profile
              </button>
            </div>
            {test !== null && test !== 'running' && (
              <p className={test.ok ? 'test-result test-ok' : 'test-result test-failed'} role="status" data-testid="test-result">
                {test.message}
              </p>
            )}
            {notice !== null && (
              <p className="form-error" role="alert">
                {notice}
              </p>
            )}
          </div>
        )}

        <div className="dialog-buttons dialog-footer">
          <button type="button" onClick={close}>
            {saved === null ? 'Cancel' : 'Close'}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Saving…' : saved === null ? 'Save' : 'Save changes'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
