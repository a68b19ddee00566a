/** "Last msg 1.2 s ago": re-renders itself every second, so nothing else ticks with it. */
import { useEffect, useState } from 'react';
import { formatAmount } from '../../shared/format';
import { Figure } from './Figure';

const TICK_MS = 1000;

export function MessageAge({ at }: { at: number | null }) {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  // Main and renderer read the same machine clock; clamp the small skew between their reads.
  const ageSeconds = at === null ? null : Math.max(0, now - at) / 1000;
  return <Figure label="Last msg" value={ageSeconds === null ? null : `${formatAmount(ageSeconds, 1)} s ago`} />;
}
