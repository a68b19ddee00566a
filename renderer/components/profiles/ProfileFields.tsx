/**
 * The profile form's fields: name, exchange (with four URLs for a custom one), key type, API key,
 * and the secret. The secret field is uncontrolled: its text stays in the field itself — never in
 * React state, never in a store — and the dialog reads it once, on save.
 */
import { useId, useState, type ChangeEvent, type RefObject } from 'react';
import type { ProfileSummary } from '../../../shared/profiles';
import { readKeyFile } from './profile-actions';
import { exchangeChanged, KEY_TYPES, URL_FIELDS, type FieldErrors, type FormField, type ProfileForm } from './profile-form';

export type SecretElement = HTMLInputElement | HTMLTextAreaElement;

interface Props {
  readonly form: ProfileForm;
  readonly errors: FieldErrors;
  readonly editing: ProfileSummary | null;
  readonly secretRef: RefObject<SecretElement | null>;
  readonly nameRef: RefObject<HTMLInputElement | null>;
  readonly onChange: (patch: Partial<ProfileForm>) => void;
}

/** `aria-describedby`/`aria-invalid` for a field with an optional error message. */
function described(id: string, errors: FieldErrors, field: FormField, hint?: string) {
  const ids = [hint, errors[field] === undefined ? undefined : `${id}-${field}-error`].filter(Boolean).join(' ');
  return { 'aria-invalid': errors[field] !== undefined, 'aria-describedby': ids === '' ? undefined : ids };
}

function FieldError({ id, errors, field }: { id: string; errors: FieldErrors; field: FormField }) {
  const message = errors[field];
  if (message === undefined) return null;
  return (
    <p id={`${id}-${field}-error`} className="field-error" data-testid={`error-${field}`}>
      {message}
    </p>
  );
}

export function ProfileFields({ form, errors, editing, secretRef, nameRef, onChange }: Props) {
  const id = useId();
  const [fileNote, setFileNote] = useState<string | null>(null);
  const pem = form.keyType !== 'HMAC';

  const pickFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    input.value = ''; // drop the File: only its text is wanted, and only in the secret field
    if (file === undefined) return;
    try {
      const text = await readKeyFile(file);
      if (secretRef.current !== null) secretRef.current.value = text;
      setFileNote(`Loaded ${file.name}.`);
    } catch (error) {
      setFileNote((error as Error).message);
    }
  };

  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-name`}>Profile name</label>
        <input
          ref={nameRef}
          id={`${id}-name`}
          data-focus-field="name"
          value={form.name}
          maxLength={100}
          autoComplete="off"
          placeholder="e.g. Main account"
          onChange={(event) => onChange({ name: event.target.value })}
          {...described(id, errors, 'name')}
        />
        <FieldError id={id} errors={errors} field="name" />
      </div>

      <div className="field">
        <label htmlFor={`${id}-env`}>Exchange</label>
        <select
          id={`${id}-env`}
          value={form.environment}
          onChange={(event) => onChange({ environment: event.target.value as ProfileForm['environment'] })}
        >
          <option value="testnet">Binance testnet</option>
          <option value="mainnet">Binance (mainnet)</option>
          <option value="custom">Custom URLs</option>
        </select>
      </div>

      {form.environment === 'custom' && (
        <fieldset className="field-group" {...described(id, errors, 'urls')}>
          <legend>Custom exchange URLs</legend>
          <div className="url-grid">
            {URL_FIELDS.map(({ field, label, placeholder }, index) => (
              <div className="field" key={field}>
                <label htmlFor={`${id}-url-${field}`}>{label}</label>
                <input
                  id={`${id}-url-${field}`}
                  data-focus-field={index === 0 ? 'urls' : undefined}
                  value={form.urls[field]}
                  maxLength={300}
                  placeholder={placeholder}
                  spellCheck={false}
                  autoComplete="off"
                  onChange={(event) => onChange({ urls: { ...form.urls, [field]: event.target.value } })}
                />
              </div>
            ))}
          </div>
          <p className="field-hint">Only wss:// and https:// (plain ws:// and http:// on this computer only).</p>
          <FieldError id={id} errors={errors} field="urls" />
        </fieldset>
      )}

      <fieldset className="field-group key-types">
        <legend>Key type</legend>
        {KEY_TYPES.map(({ value, label, hint }) => (
          <label key={value} className="radio">
            <input
              type="radio"
              name={`${id}-key-type`}
              value={value}
              checked={form.keyType === value}
              onChange={() => {
                setFileNote(null);
                onChange({ keyType: value });
              }}
            />
            <span>
              {label} <span className="muted">— {hint}</span>
            </span>
          </label>
        ))}
      </fieldset>

      <p className="profile-note" id={`${id}-readonly`}>
        Use a <strong>read-only</strong> API key: in the exchange’s API management, enable reading only — no trading, no
        withdrawals — and restrict it to your IP address. PerpDesk never places orders.
      </p>

      <div className="field">
        <label htmlFor={`${id}-api-key`}>
          API key
          {editing !== null && <span className="muted"> — leave empty to keep the stored one</span>}
        </label>
        <input
          id={`${id}-api-key`}
          data-focus-field="apiKey"
          value={form.apiKey}
          maxLength={256}
          spellCheck={false}
          autoComplete="off"
          placeholder={editing === null ? '64 letters and digits' : `ends with …${editing.apiKeyTail}`}
          onChange={(event) => onChange({ apiKey: event.target.value })}
          {...described(id, errors, 'apiKey', `${id}-readonly`)}
        />
        <FieldError id={id} errors={errors} field="apiKey" />
      </div>

      <div className="field">
        <label htmlFor={`${id}-secret`}>
          {pem ? 'Private key (PEM)' : 'API secret'}
          {editing !== null && (
            <span className="muted">
              {exchangeChanged(form, editing) ? ' — needed again for the new exchange' : ' — leave empty to keep the stored one'}
            </span>
          )}
        </label>
        {pem ? (
          <textarea
            ref={secretRef as RefObject<HTMLTextAreaElement | null>}
            key="pem"
            id={`${id}-secret`}
            data-focus-field="secret"
            className="secret-pem"
            rows={5}
            spellCheck={false}
            autoComplete="off"
            placeholder={'-----BEGIN PRIVATE KEY-----\n…\n-----END PRIVATE KEY-----'}
            {...described(id, errors, 'secret')}
          />
        ) : (
          <input
            ref={secretRef as RefObject<HTMLInputElement | null>}
            key="hmac"
            id={`${id}-secret`}
            data-focus-field="secret"
            type="password"
            spellCheck={false}
            autoComplete="new-password"
            {...described(id, errors, 'secret')}
          />
        )}
        {pem && (
          <div className="file-pick">
            <label className="file-button">
              Choose key file…
              <input type="file" accept=".pem,.key,.txt,text/plain" onChange={(event) => void pickFile(event)} />
            </label>
            {fileNote !== null && (
              <span className="muted" role="status">
                {fileNote}
              </span>
            )}
          </div>
        )}
        <FieldError id={id} errors={errors} field="secret" />
      </div>
    </>
  );
}
