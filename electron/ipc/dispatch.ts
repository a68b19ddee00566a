/**
 * The one path every invoke call takes in main, whatever carried it (Electron IPC or the browser test
 * bridge): the channel must exist, the arguments must match the contract's schema, and the answer is
 * always a Result — nothing thrown crosses the process boundary.
 */
import { z } from 'zod';
import { invokeContract, isInvokeChannel, type InvokeHandlers } from '../../shared/ipc';
import { err, ok, type Result } from '../../shared/result';

/** A failure meant for the user: its code and message are returned to the renderer as they are. */
export class IpcFailure extends Error {
  override readonly name = 'IpcFailure';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface DispatchLog {
  (entry: { channel: string; outcome: 'ok' | 'rejected' | 'failed'; detail?: string }): void;
}

/** Validates and runs one invoke call. Unknown channels and malformed arguments change nothing. */
export async function dispatchInvoke(
  handlers: InvokeHandlers,
  channel: string,
  args: unknown,
  log?: DispatchLog,
): Promise<Result<unknown>> {
  if (!isInvokeChannel(channel)) {
    log?.({ channel: channel.slice(0, 60), outcome: 'rejected', detail: 'unknown channel' });
    return err('unknown-channel', 'This request is not part of the PerpDesk API.');
  }
  const parsed = invokeContract[channel].args.safeParse(args);
  if (!parsed.success) {
    log?.({ channel, outcome: 'rejected', detail: 'invalid arguments' });
    return err('invalid-request', `Invalid ${channel} request: ${z.prettifyError(parsed.error)}`);
  }
  try {
    const handler = handlers[channel] as (...values: unknown[]) => unknown;
    const value = await handler(...(parsed.data as unknown[]));
    log?.({ channel, outcome: 'ok' });
    return ok(value);
  } catch (error) {
    if (error instanceof IpcFailure) {
      log?.({ channel, outcome: 'failed', detail: error.code });
      return err(error.code, error.message);
    }
    log?.({ channel, outcome: 'failed', detail: error instanceof Error ? error.name : 'unknown' });
    return err('internal', `PerpDesk could not complete ${channel}; details are in the log.`);
  }
}

