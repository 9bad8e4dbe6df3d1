// zod compiles fast validators with `new Function` unless told not to; under the app's Content-Security-Policy
// (no 'unsafe-eval', server/security-headers.ts) its probe for that, made when the first object schema is built, is a
// reported violation. Imported by src/hooks.client.ts, which SvelteKit loads before any page or layout module.
import { z } from 'zod';

z.config({ jitless: true });
