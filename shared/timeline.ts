import { z } from 'zod';

/** One entry of the connection timeline the status bar can open (connects, renewals, errors…). */
export const timelineEntrySchema = z.object({
  at: z.number().int().nonnegative(),
  kind: z.enum(['connecting', 'connected', 'disconnected', 'reconnecting', 'renewal', 'listen-key', 'resync', 'error', 'info']),
  message: z.string().max(500),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;
