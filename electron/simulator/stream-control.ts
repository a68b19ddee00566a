/**
 * Live control messages on a stream connection (PROTOCOL §7): SUBSCRIBE, UNSUBSCRIBE,
 * LIST_SUBSCRIPTIONS, SET_PROPERTY and GET_PROPERTY. Pure: it reads the connection's state
 * and returns the reply plus the changes to apply, so the socket code stays trivial.
 */
import { MAX_STREAMS_PER_CONNECTION, isStreamName } from './stream-url';

/** What a control message may read. */
export interface ControlState {
  readonly streams: ReadonlySet<string>;
  readonly combined: boolean;
}

/** A request id as echoed back: unsigned integer, string (sent by Binance's own connector), or null. */
export type ControlId = number | string | null;

/** The reply to send and the state changes to apply. */
export interface ControlOutcome {
  readonly reply: { result: unknown; id: ControlId } | { error: { code: number; msg: string }; id: ControlId };
  readonly subscribe?: readonly string[];
  readonly unsubscribe?: readonly string[];
  readonly combined?: boolean;
}

const METHODS = ['SUBSCRIBE', 'UNSUBSCRIBE', 'LIST_SUBSCRIPTIONS', 'SET_PROPERTY', 'GET_PROPERTY'] as const;

/** Error codes of the stream protocol: 0 unknown property, 1 bad value type, 2 invalid request, 3 invalid JSON. */
const fail = (code: 0 | 1 | 2 | 3, msg: string, id: ControlId): ControlOutcome => ({
  reply: { error: { code, msg }, id },
});
const ok = (result: unknown, id: ControlId, changes: Omit<ControlOutcome, 'reply'> = {}): ControlOutcome => ({
  reply: { result, id },
  ...changes,
});

/** Handles one text frame received on a stream connection. */
export function handleControl(text: string, state: ControlState): ControlOutcome {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch (error) {
    return fail(3, `Invalid JSON: ${(error as Error).message}`, null);
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    return fail(2, 'Invalid request: expected a JSON object', null);
  }
  const { id, method, params } = message as Record<string, unknown>;
  if (!isControlId(id)) return fail(2, 'Invalid request: request ID must be an unsigned integer', null);
  if (method === undefined) return fail(2, 'Invalid request: missing field `method`', id);
  const known = METHODS.find((m) => m === method);
  if (!known) {
    const expected = METHODS.map((m) => `\`${m}\``).join(', ');
    const shown = typeof method === 'string' ? method : JSON.stringify(method);
    return fail(2, `Invalid request: unknown variant \`${shown}\`, expected one of ${expected}`, id);
  }
  switch (known) {
    case 'SUBSCRIBE':
      return subscribe(params, state, id);
    case 'UNSUBSCRIBE':
      if (!streamList(params)) return fail(2, 'Invalid request: invalid stream', id);
      return ok(null, id, { unsubscribe: params });
    case 'LIST_SUBSCRIPTIONS':
      return ok([...state.streams], id);
    case 'SET_PROPERTY':
      return setProperty(params, id);
    case 'GET_PROPERTY':
      return getProperty(params, state, id);
  }
}

function subscribe(params: unknown, state: ControlState, id: ControlId): ControlOutcome {
  if (!streamList(params)) return fail(2, 'Invalid request: invalid stream', id);
  const total = new Set([...state.streams, ...params]).size;
  // Binance documents the cap but not its error text.
  if (total > MAX_STREAMS_PER_CONNECTION) return fail(2, 'Invalid request: too many streams', id);
  return ok(null, id, { subscribe: params });
}

function setProperty(params: unknown, id: ControlId): ControlOutcome {
  if (!Array.isArray(params) || params.length !== 2) return fail(2, 'Invalid request: expected [name, value]', id);
  const [name, value] = params as [unknown, unknown];
  if (typeof name !== 'string') return fail(2, 'Invalid request: property name must be a string', id);
  if (name !== 'combined') return fail(0, 'Unknown property', id);
  if (typeof value !== 'boolean') return fail(1, 'Invalid value type: expected Boolean', id);
  return ok(null, id, { combined: value });
}

function getProperty(params: unknown, state: ControlState, id: ControlId): ControlOutcome {
  if (!Array.isArray(params) || params.length !== 1) return fail(2, 'Invalid request: expected [name]', id);
  const [name] = params as [unknown];
  if (typeof name !== 'string') return fail(2, 'Invalid request: property name must be a string', id);
  if (name !== 'combined') return fail(0, 'Unknown property', id);
  return ok(state.combined, id);
}

/** Ids are unsigned integers per the docs; strings are echoed too (PROTOCOL §12). */
function isControlId(id: unknown): id is number | string {
  return typeof id === 'string' || (typeof id === 'number' && Number.isSafeInteger(id) && id >= 0);
}

function streamList(params: unknown): params is string[] {
  return Array.isArray(params) && params.every(isStreamName);
}
