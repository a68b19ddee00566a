/**
 * The receiving end of the `positions` channel: collects the parts of a version and hands the
 * change over only once every part has arrived, in order, so a partially received version is never
 * shown. A part out of sequence means something was lost: the receiver must resync.
 * (No zod here: the renderer imports this file.)
 */
import type { PositionsView } from './position';
import { applyChange, type PositionsChange } from './positions-delta';
import type { ListEdit } from './positions-list-edit';
import type { PositionsDeltaPart, PositionsFullPart, PositionsPush } from './positions-push';

export type Outcome =
  /** A whole version arrived and applied: show it. */
  | { kind: 'view'; view: PositionsView }
  /** More parts of this version are on their way. */
  | { kind: 'waiting' }
  /** A part is missing or out of order, or the delta does not fit the view held: ask for the state again. */
  | { kind: 'resync' };

const WAITING: Outcome = { kind: 'waiting' };
const RESYNC: Outcome = { kind: 'resync' };

function samePartOf(a: PositionsPush, b: PositionsPush): boolean {
  return (
    a.kind === b.kind &&
    a.version === b.version &&
    a.parts === b.parts &&
    (a.kind === 'full' || a.baseVersion === (b as PositionsDeltaPart).baseVersion)
  );
}

function joinEdits<Item, Patch>(edits: readonly (Partial<ListEdit<Item, Patch>> | undefined)[]): ListEdit<Item, Patch> {
  const joined: ListEdit<Item, Patch> = { removed: [], added: [], patched: [], placed: [] };
  for (const edit of edits) {
    if (edit === undefined) continue;
    joined.removed.push(...(edit.removed ?? []));
    joined.added.push(...(edit.added ?? []));
    joined.patched.push(...(edit.patched ?? []));
    joined.placed.push(...(edit.placed ?? []));
  }
  return joined;
}

/** The change carried by a complete, in-order set of parts; null if part 0 has no head. */
export function joinParts(parts: readonly PositionsPush[]): PositionsChange | null {
  const first = parts[0];
  if (first?.head === undefined) return null;
  if (first.kind === 'full') {
    const fulls = parts as readonly PositionsFullPart[];
    return {
      kind: 'full',
      version: first.version,
      head: first.head,
      rows: fulls.flatMap((part) => part.rows ?? []),
      openSymbols: fulls.flatMap((part) => part.openSymbols ?? []),
      hedgeNets: fulls.flatMap((part) => part.hedgeNets ?? []),
    };
  }
  const deltas = parts as readonly PositionsDeltaPart[];
  return {
    kind: 'delta',
    version: first.version,
    baseVersion: first.baseVersion,
    head: first.head,
    rows: joinEdits(deltas.map((part) => part.rows)),
    openSymbols: joinEdits(deltas.map((part) => part.openSymbols)),
    hedgeNets: joinEdits(deltas.map((part) => part.hedgeNets)),
  };
}

export class PositionsReceiver {
  /** Parts of the version being received, in order. */
  private parts: PositionsPush[] = [];

  /** Takes one push; `current` is the view on screen. */
  receive(current: PositionsView | null, push: PositionsPush): Outcome {
    if (push.part === 0) {
      const interrupted = this.parts.length > 0;
      this.parts = [push];
      // A full view may restart at any time (the sender resynced); anything else cut short means loss.
      if (interrupted && push.kind !== 'full') {
        this.parts = [];
        return RESYNC;
      }
    } else {
      const previous = this.parts[this.parts.length - 1];
      if (previous === undefined || !samePartOf(previous, push) || push.part !== this.parts.length) {
        this.parts = [];
        return RESYNC;
      }
      this.parts.push(push);
    }
    if (this.parts.length < push.parts) return WAITING;
    const change = joinParts(this.parts);
    this.parts = [];
    const view = change === null ? null : applyChange(current, change);
    return view === null ? RESYNC : { kind: 'view', view };
  }
}

/**
 * Applies pushes in order from `start`, as a renderer would; the view after the last complete
 * version, or null if a push called for a resync. For tests and tools that replay a recording.
 */
export function replayPushes(pushes: Iterable<PositionsPush>, start: PositionsView | null = null): PositionsView | null {
  const receiver = new PositionsReceiver();
  let view = start;
  for (const push of pushes) {
    const outcome = receiver.receive(view, push);
    if (outcome.kind === 'resync') return null;
    if (outcome.kind === 'view') view = outcome.view;
  }
  return view;
}
