import { z } from 'zod';

/** A failure that crosses a process boundary: a stable machine code and a message a trader can read. */
export const appErrorSchema = z.object({
  code: z.string().min(1).max(64),
  message: z.string().max(2000),
});
export type AppError = z.infer<typeof appErrorSchema>;

/** Every invoke call answers with a Result: errors are values, never exceptions thrown across IPC. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** The schema of `Result<T>` for a given value schema. */
export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: appErrorSchema }),
  ]);
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function err(code: string, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}
