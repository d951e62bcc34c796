/** The console's session: signing in with the API key, and what the console needs to know. */
import { z } from 'zod';

export const signInSchema = z.object({ apiKey: z.string().min(1).max(512) }).strict();

export const sessionSchema = z.object({
  signedIn: z.literal(true),
  temporalUiUrl: z.string().nullable().meta({ description: 'the Temporal Web UI, to link to workflows' }),
  namespace: z.string(),
});
