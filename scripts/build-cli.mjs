// Bundles the `orgkey` command into executable ESM, dist/cli/orgkey.js (package.json "bin"), plus the
// chunks it loads on demand in dist/cli/chunks/.
// jsforce and keytar stay external and load from node_modules: keytar is a native module, and
// jsforce must stay a lazy import so `orgkey list` starts without it (a test checks that). The CLI
// writes its settings file itself (electron/core/settings/store.ts): conf is the app's, through
// electron-store.
//
// Start-up time is budgeted (README, "Performance": `orgkey list` within 150 ms of a bare `node`),
// hence splitting: the core is a chunk of its own, loaded when a command runs
// (cli/lazy-context.ts), so `--help`, `--version` and usage errors never load it (measured: about
// 90 ms less). Minifying was measured too and saved nothing (V8 only pre-parses functions that do
// not run), so stack traces stay readable.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const outdir = 'dist/cli';
const entry = path.join(outdir, 'orgkey.js');

const result = await build({
  entryPoints: { orgkey: 'cli/orgkey.ts' },
  outdir,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  metafile: true,
  logLevel: 'warning',
  external: ['jsforce', 'jsforce/*', 'keytar', 'electron'],
  // Bundled CommonJS dependencies may call require(); give each ESM file one. (A shebang is valid
  // at the top of any module, so the chunks carrying one too is harmless.)
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __orgkeyCreateRequire } from 'node:module';\nconst require = __orgkeyCreateRequire(import.meta.url);",
  },
});

// Chunk names carry a content hash: drop the chunks of earlier builds.
const written = new Set(Object.keys(result.metafile.outputs).map((file) => path.resolve(file)));
const chunks = path.join(outdir, 'chunks');
for (const name of fs.readdirSync(chunks)) {
  const file = path.resolve(chunks, name);
  if (!written.has(file)) fs.rmSync(file, { force: true });
}
fs.chmodSync(entry, 0o755);
