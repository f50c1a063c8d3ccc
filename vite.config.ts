import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { purgeSlds, sourceWords } from './scripts/purge-slds';

const rendererRoot = fileURLToPath(new URL('./renderer', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/renderer', import.meta.url));

/**
 * Builds the sandboxed renderer.
 *
 * `base: './'` keeps every asset URL relative, so the same build works from `app://orgkey/` in
 * Electron and from the browser host's https test origin. Everything (SLDS CSS and its images)
 * is bundled, because the CSP allows only `'self'`. The build ships only the SLDS rules the
 * renderer uses (scripts/purge-slds.ts); the dev server serves SLDS whole.
 */
export default defineConfig(({ command }) => ({
  root: rendererRoot,
  base: './',
  plugins: [react()],
  css: {
    postcss: { plugins: command === 'build' ? [purgeSlds(sourceWords(rendererRoot))] : [] },
  },
  build: {
    outDir,
    emptyOutDir: true,
    // Small images referenced by the SLDS stylesheet may be inlined: the CSP allows `img-src data:`.
    assetsInlineLimit: 4096,
    sourcemap: false,
  },
}));
