// zod compiles fast validators with `new Function` unless told not to; under the app's Content-Security-Policy
// (no 'unsafe-eval', server/security-headers.ts) its probe for that, made when the first object schema is built, is a
// reported violation. Imported by src/hooks.client.ts, which SvelteKit loads before any page or layout module.
//
// zod keeps that setting in globalThis.__zod_globalConfig (zod/v4/core/core.js reads it, and keeps an object already
// there, when it first loads): set there, the crew's first page, which builds no schema, does not download zod's core.
// tests/e2e/csp.spec.ts fails if a zod upgrade moves it.
const holder = globalThis as { __zod_globalConfig?: Record<string, unknown> };
holder.__zod_globalConfig = Object.assign(holder.__zod_globalConfig ?? {}, { jitless: true });
