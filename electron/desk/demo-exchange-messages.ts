/**
 * What demo mode's exchange thread and the main thread say to each other. Both sides parse what
 * they receive with these schemas: a message that does not fit is refused, never half-used.
 */
import { z } from 'zod';

/** How the worker starts its simulator (the worker's `workerData`). Always on 127.0.0.1. */
export const workerConfigSchema = z.strictObject({
  /** 0: a free port; after a crash, the previous port, so the client's URLs stay valid. */
  port: z.number().int().min(0).max(65_535),
  seed: z.number().int().min(0).max(2 ** 31 - 1),
  /** Occasional fills and funding, so demo mode feels like a live account. */
  activity: z.boolean(),
  /** Serve `POST /__sim` (tests read the exchange's truth through it); off in the app. */
  control: z.boolean(),
  /** The bearer token `POST /__sim` requires (tests choose it); the simulator draws a random one when absent. */
  controlToken: z.string().regex(/^[A-Za-z0-9_-]{32,128}$/).optional(),
  /** Mark step (ms); the simulator's default when absent. */
  markIntervalMs: z.number().int().min(1).max(3_600_000).optional(),
});
export type WorkerConfig = z.infer<typeof workerConfigSchema>;

/** Main → worker. */
export const toWorkerSchema = z.strictObject({ type: z.literal('close') });
export type ToWorker = z.infer<typeof toWorkerSchema>;

const loopbackUrl = (protocol: 'ws:' | 'http:') =>
  z
    .string()
    .max(200)
    .refine((text) => {
      // URL.canParse is not in Node 18 typings; a failed parse is simply a refusal.
      try {
        const url = new URL(text);
        return url.protocol === protocol && url.hostname === '127.0.0.1';
      } catch {
        return false;
      }
    }, `must be a ${protocol}// URL on 127.0.0.1`);

const hmacKeySchema = z.strictObject({ apiKey: z.string().min(1).max(256), secret: z.string().min(1).max(256) });

/** Worker → main: listening, with where and how to connect. */
export const readyMessageSchema = z.strictObject({
  type: z.literal('ready'),
  /** The worker's thread id (never 0, the main thread's). */
  threadId: z.number().int().min(1),
  urls: z.strictObject({
    wsApi: loopbackUrl('ws:'),
    market: loopbackUrl('ws:'),
    private: loopbackUrl('ws:'),
    rest: loopbackUrl('http:'),
  }),
  accounts: z.strictObject({ oneway: hmacKeySchema, hedge: hmacKeySchema, multi: hmacKeySchema }),
});
export type ReadyMessage = z.infer<typeof readyMessageSchema>;

/** Worker → main: the simulator has stopped; the thread ends next. */
export const closedMessageSchema = z.strictObject({ type: z.literal('closed') });

export const fromWorkerSchema = z.discriminatedUnion('type', [readyMessageSchema, closedMessageSchema]);
export type FromWorker = z.infer<typeof fromWorkerSchema>;
