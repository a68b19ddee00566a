/**
 * What the P5 bench runs in the app's page before the page's own scripts: it waits for the first
 * position row in the DOM, then for two animation frames — the first runs before the frame that
 * holds the row is painted, the second once it has been (so the reading may be up to one frame
 * late, never early). The probe only watches; it changes nothing in the page. Times are absolute
 * (ms since the epoch), comparable with the bench's and the app process's clocks on one machine.
 */

/** Where the probe leaves its reading in the page. */
export const PROBE_GLOBAL = '__perpdeskP5Probe';

/** A position row in the positions table (as the glue tests find them). */
export const FIRST_ROW_SELECTOR = 'table[aria-label="Positions"] [data-row-key]';

/** The probe's reading, once the row has been painted. */
export interface ProbeReading {
  /** The row was first seen in the DOM (MutationObserver). */
  rowInDom?: number;
  /** Two frames later: the row is on screen. */
  rowPainted?: number;
}

/** The probe as page-script text (an init script: it runs before anything of the page's own). */
export function pageProbeScript(): string {
  return `(() => {
  const now = () => performance.timeOrigin + performance.now();
  const reading = {};
  Object.defineProperty(window, ${JSON.stringify(PROBE_GLOBAL)}, { value: reading });
  const observer = new MutationObserver(() => {
    if (document.querySelector(${JSON.stringify(FIRST_ROW_SELECTOR)}) === null) return;
    observer.disconnect();
    reading.rowInDom = now();
    requestAnimationFrame(() => requestAnimationFrame(() => { reading.rowPainted = now(); }));
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;
}
