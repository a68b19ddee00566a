/**
 * "Test connection": one signed `account.position` (weight 5) over a fresh WS API socket, with the
 * profile's own endpoints and key, after one clock sample so the timestamp is on the exchange's time.
 * The answer is always a ConnectionTest in plain words, never a throw; the socket is always closed.
 */
import { isZeroDecimal } from '../../shared/decimal';
import type { ConnectionTest } from '../../shared/profiles';
import { measureClockOffset } from '../exchange/clock';
import { ExchangeError, forKeyType } from '../exchange/errors';
import { accountPosition } from '../exchange/methods';
import { createSigner, type Signer } from '../exchange/signing';
import type { RpcSocket } from '../exchange/transport';
import type { UnlockedProfile } from './profile-vault';

export interface ConnectionTestDeps {
  /** Opens the WS API socket (RpcSocket.connect in the app). */
  connectRpc: (url: string, requestTimeoutMs: number) => Promise<RpcSocket>;
  /** `GET /fapi/v1/time` on a REST base (rest.ts in the app). */
  fetchServerTime: (restBase: string) => Promise<number>;
  now: () => number;
  /** Per-request timeout on the socket (ms). */
  requestTimeoutMs: number;
}

const MAX_MESSAGE = 500;

function failed(message: string): ConnectionTest {
  return { ok: false, message: message.slice(0, MAX_MESSAGE), openPositions: null };
}

function where(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url.slice(0, 80);
  }
}

const ENVIRONMENT_LABEL: Record<UnlockedProfile['environment'], string> = {
  testnet: 'Binance testnet',
  mainnet: 'Binance',
  custom: 'the custom exchange',
};

export async function runConnectionTest(profile: UnlockedProfile, deps: ConnectionTestDeps): Promise<ConnectionTest> {
  let signer: Signer;
  try {
    signer = createSigner(profile.credentials);
  } catch {
    return failed('The private key of this profile cannot sign requests: edit the profile and choose the key again.');
  }

  let offsetMs: number;
  try {
    const sample = await measureClockOffset(() => deps.fetchServerTime(profile.endpoints.rest), deps.now, 1);
    offsetMs = sample.offsetMs;
  } catch (error) {
    const message = (error as Error).message;
    return failed(message.startsWith('Could not reach') ? message : `${where(profile.endpoints.rest)} did not answer as an exchange: ${message}`);
  }

  let rpc: RpcSocket;
  try {
    rpc = await deps.connectRpc(profile.endpoints.wsApi, deps.requestTimeoutMs);
  } catch (error) {
    return failed(`Could not reach ${where(profile.endpoints.wsApi)}: ${(error as Error).message}`);
  }
  try {
    const rows = await accountPosition({ rpc, signer, serverNow: () => deps.now() + offsetMs });
    const open = rows.filter((row) => !isZeroDecimal(row.positionAmt)).length;
    return {
      ok: true,
      message: `Connected to ${ENVIRONMENT_LABEL[profile.environment]}: the key can read positions (${open} open position${open === 1 ? '' : 's'}).`,
      openPositions: open,
    };
  } catch (error) {
    // ExchangeError messages are ours, in plain words (exchange/errors.ts), naming the key type the
    // signature was made with when the exchange refused it; anything else is not shown.
    if (error instanceof ExchangeError) return failed(forKeyType(error, signer.keyType).message);
    return failed('The exchange answered in a way PerpDesk does not understand.');
  } finally {
    rpc.close();
  }
}
