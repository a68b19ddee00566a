/**
 * The simulator's HMAC keys for each demo account, picked out by name. Demo mode's exchange thread
 * and the CLI's in-process exchange both hand these to the desk; a simulator without one of the
 * accounts is a build mistake, reported by name rather than connecting with a missing key.
 */
import type { DemoAccount } from '../../shared/connection';
import type { SimAccountCredentials } from '../simulator';

/** An HMAC key pair: every demo account signs with HMAC (the simulator's asymmetric keys are for the key tests). */
export interface DemoAccountKey {
  apiKey: string;
  secret: string;
}

/** One HMAC key per demo account (`oneway`, `hedge`, `multi`); throws when the simulator lacks one. */
export function demoAccountCredentials(accounts: readonly SimAccountCredentials[]): Record<DemoAccount, DemoAccountKey> {
  const keyOf = (name: DemoAccount): DemoAccountKey => {
    const account = accounts.find((candidate) => candidate.name === name);
    if (account === undefined) throw new Error(`The simulator has no ${name} account`);
    return { apiKey: account.apiKey, secret: account.secret };
  };
  return { oneway: keyOf('oneway'), hedge: keyOf('hedge'), multi: keyOf('multi') };
}
