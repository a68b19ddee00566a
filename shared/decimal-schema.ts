import { z } from 'zod';
import { DECIMAL_PATTERN } from './decimal';

/** An exchange decimal string (see decimal.ts), validated at every boundary. */
export const decimalStringSchema = z.string().regex(DECIMAL_PATTERN, 'a decimal string');
export type DecimalString = z.infer<typeof decimalStringSchema>;
