/**
 * zod without its JIT, for the one-shot `orgkey` process.
 *
 * zod 4 compiles each object schema's parser with `new Function` on its first parse: a win where a
 * shape is parsed many times (the app), a loss where the settings file is parsed once and the
 * process exits (about 3 ms of `orgkey list`, whose start is budgeted: README, "Performance"). zod
 * reads `jitless` when a schema is built, so this module must be evaluated before the settings
 * schema is (lazy-context.ts imports it first).
 */
import * as z from 'zod';

z.config({ jitless: true });
