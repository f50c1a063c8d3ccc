import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const rendererRoot = fileURLToPath(new URL('./renderer', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/renderer', import.meta.url));

/**
 * Builds the sandboxed renderer.
 *
 * `base: './'` keeps every asset URL relative, so the same build works from `app://orgkey/` in
 * Electron and from the browser host's https test origin. Everything (SLDS CSS and its images)
 * is bundled, because the CSP allows only `'self'` (STYLE.md practice 8).
 */
export default defineConfig({
  root: rendererRoot,
  base: './',
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    // Small images referenced by the SLDS stylesheet may be inlined: the CSP allows `img-src data:`.
    assetsInlineLimit: 4096,
    sourcemap: false,
  },
});
