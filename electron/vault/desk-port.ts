/**
 * The ProfileService as the desk's ProfilesPort (electron/desk/session.ts): the desk decides when to
 * connect; the vault holds the keys and hands over a session target only for a saved profile.
 */
import type { ProfilesPort, SessionTarget } from '../desk/session';
import type { ProfileService } from './profile-service';

export function profilesPort(service: ProfileService): ProfilesPort {
  return {
    list: () => service.listProfiles(),
    save: (input) => service.saveProfile(input),
    delete: (id) => {
      service.deleteProfile(id);
    },
    target: (id): SessionTarget => {
      const active = service.unlock(id);
      return {
        environment: active.environment,
        profileName: active.profileName,
        demoAccount: null,
        endpoints: active.endpoints,
        credentials: active.credentials,
      };
    },
    // Back to demo (null) always works, even while the profiles file is damaged (see activate()).
    setActive: (id) => {
      if (id === null) service.activate(null);
      else service.setActive(id);
    },
    test: (id) => service.testConnection(id),
  };
}
