/**
 * The profiles in the menu: switch to one, edit it, or delete it after an explicit confirmation.
 * Shows only what main sends: name, environment, key type, the API key's last 4 characters, and
 * whether the secret is stored unencrypted.
 */
import { useEffect, useRef, useState } from 'react';
import type { ProfileSummary } from '../../../shared/profiles';
import { ENVIRONMENT_LABEL } from '../labels';
import { KEY_TYPE_LABEL } from './profile-form';

interface Props {
  readonly profiles: readonly ProfileSummary[];
  readonly activeId: string | null;
  readonly busy: boolean;
  readonly onActivate: (id: string) => void;
  readonly onEdit: (profile: ProfileSummary) => void;
  readonly onDelete: (profile: ProfileSummary) => void;
}

export function ProfileList({ profiles, activeId, busy, onActivate, onEdit, onDelete }: Props) {
  const [confirming, setConfirming] = useState<string | null>(null);
  if (profiles.length === 0) {
    return <p className="profile-empty">No API keys yet. Add one to watch a real account.</p>;
  }
  return (
    <ul className="profile-list" aria-label="Saved profiles">
      {profiles.map((profile) => (
        <li key={profile.id} className="profile-row" data-testid={`profile-row-${profile.name}`}>
          {confirming === profile.id ? (
            <DeleteConfirmation
              profile={profile}
              onConfirm={() => {
                setConfirming(null);
                onDelete(profile);
              }}
              onCancel={() => setConfirming(null)}
            />
          ) : (
            <>
              <button
                type="button"
                className="profile-use"
                aria-current={profile.id === activeId ? 'true' : undefined}
                disabled={busy}
                onClick={() => onActivate(profile.id)}
              >
                <span className="profile-row-name">{profile.name}</span>
                <span className="profile-badges">
                  {profile.id === activeId && <span className="profile-badge-active">active</span>}
                  {profile.secretStorage === 'plaintext-opt-in' && (
                    <span className="profile-badge-warn" title="The secret is stored unencrypted on this computer">
                      unencrypted
                    </span>
                  )}
                </span>
                <span className="profile-row-meta">
                  {ENVIRONMENT_LABEL[profile.environment]} · {KEY_TYPE_LABEL[profile.keyType]} · key …{profile.apiKeyTail}
                </span>
              </button>
              <button type="button" className="quiet" aria-label={`Edit ${profile.name}`} disabled={busy} onClick={() => onEdit(profile)}>
                Edit
              </button>
              <button
                type="button"
                className="quiet"
                aria-label={`Delete ${profile.name}`}
                disabled={busy}
                onClick={() => setConfirming(profile.id)}
              >
                Delete
              </button>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

function DeleteConfirmation({ profile, onConfirm, onCancel }: { profile: ProfileSummary; onConfirm: () => void; onCancel: () => void }) {
  const cancel = useRef<HTMLButtonElement>(null);
  // The safe choice takes focus, so a stray Enter does not delete.
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div className="profile-confirm" role="group" aria-label={`Delete ${profile.name}?`}>
      <p>
        Delete <strong>{profile.name}</strong>? Its API key and secret are removed from this computer.
      </p>
      <button type="button" className="danger" onClick={onConfirm}>
        Delete
      </button>
      <button ref={cancel} type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
