/**
 * Retired WS API methods (PROTOCOL §13.3). The change log of 2024-07-24 announced that the v1
 * account methods (`account.position`, `account.status`, `account.balance`) "will be deprecated"
 * in favour of their `v2/` versions. A retired endpoint answers an error instead of data; the
 * only report is for REST v1 `positionRisk`: `-5000 "... is retired"` (UNCONFIRMED for the WS
 * API). Tests choose how a retired method answers: `retired` (that -5000 error) or `unknown`
 * (exactly what this simulator answers for a method it does not know, errors.ts).
 */
import { type ApiError, unsupportedMethod } from './errors';

/** The methods that can be retired: the v1 account reads the change log named. */
export const RETIRABLE_METHODS = ['account.position', 'account.status', 'account.balance'] as const;

/** A retirable method. */
export type RetirableMethod = (typeof RETIRABLE_METHODS)[number];

/** How a retired method answers. */
export type RetiredAs = 'retired' | 'unknown';

/** The set of retired methods of one simulator. */
export class MethodRetirement {
  private readonly retired = new Map<string, RetiredAs>();

  /** Retires `method`; it answers `as` from now on. */
  retire(method: RetirableMethod, as: RetiredAs = 'retired'): void {
    this.retired.set(method, as);
  }

  /** Brings back one method, or every method when none is named; returns how many came back. */
  restore(method?: RetirableMethod): number {
    if (method === undefined) {
      const count = this.retired.size;
      this.retired.clear();
      return count;
    }
    return this.retired.delete(method) ? 1 : 0;
  }

  /** How `method` answers now, or undefined when it serves data. */
  stateOf(method: string): RetiredAs | undefined {
    return this.retired.get(method);
  }

  /** The error a retired method answers with (status 400 either way). */
  errorFor(method: string): ApiError | undefined {
    const state = this.retired.get(method);
    if (state === undefined) return undefined;
    if (state === 'unknown') return unsupportedMethod();
    return { status: 400, code: -5000, msg: `${method} is retired, use v2/${method} instead.` };
  }
}
