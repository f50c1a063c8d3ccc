// Bundles the `orgkey` command into one executable ESM file, dist/cli/orgkey.js (package.json "bin").
// jsforce, keytar and conf stay external and load from node_modules: keytar is a native module,
// and jsforce must stay a lazy import so `orgkey list` starts without it (a test checks that).
import fs from 'node:fs';
import { build } from 'esbuild';

const outfile = 'dist/cli/orgkey.js';

await build({
  entryPoints: ['cli/orgkey.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  logLevel: 'warning',
  external: ['jsforce', 'jsforce/*', 'keytar', 'conf', 'electron'],
  // Bundled CommonJS dependencies may call require(); give the ESM bundle one.
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __orgkeyCreateRequire } from 'node:module';\nconst require = __orgkeyCreateRequire(import.meta.url);",
  },
});
fs.chmodSync(outfile, 0o755);
