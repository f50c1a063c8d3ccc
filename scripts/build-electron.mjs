// Bundles the Electron main process (ESM) and the sandboxed preload (one CommonJS file, as
// sandboxed preloads cannot load modules). Dependencies stay external: they load from node_modules.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };

await build({
  ...common,
  entryPoints: ['electron/main.ts'],
  outfile: 'dist/electron/main.js',
  format: 'esm',
  packages: 'external',
});

// The X11 clipboard owner, a utility process of its own (electron/platform/clipboard/x11-owner.ts).
await build({
  ...common,
  entryPoints: ['electron/platform/clipboard/x11-owner-utility.ts'],
  outfile: 'dist/electron/x11-clipboard-owner.cjs',
  format: 'cjs',
});

await build({
  ...common,
  entryPoints: ['electron/preload.ts'],
  outfile: 'dist/electron/preload.cjs',
  format: 'cjs',
  external: ['electron'],
});
