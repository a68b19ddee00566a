/** "Updated 1 s ago": re-renders itself with the shared clock, so nothing else ticks with it. */
import { useClock } from './clock';
import { ageText } from './figures';
import { Figure } from './Figure';

/** Past this the figure turns to the warning colour: the exchange has gone quiet. */
const QUIET_MS = 5_000;

export function MessageAge({ at }: { at: number | null }) {
  const age = useClock((now) => (at === null ? null : Math.max(0, now - at)));
  return (
    <Figure
      label="Updated"
      value={age === null ? null : `${ageText(age)} ago`}
      warning={age !== null && age > QUIET_MS}
      testId="last-update"
    />
  );
}
