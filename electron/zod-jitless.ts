/**
 * Imported first by the preload: zod probes `new Function` when it builds its first object schema,
 * and the page's strict CSP reports that probe as a violation even though zod catches it. jitless
 * mode skips the probe; validation works the same, only without generated code.
 */
import { config } from 'zod';

config({ jitless: true });
