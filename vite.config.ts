import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('./web', import.meta.url)),
  plugins: [react()],
  // postcss.config.js lives at the repo root, not in web/ where Vite would start looking.
  css: { postcss: repoRoot },
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      // @tremor/react does not declare itself free of side effects, so every component (date
      // pickers, calendars) would be kept; its modules only define components, so unused ones can go.
      treeshake: { moduleSideEffects: (id: string) => !id.includes('/node_modules/@tremor/react/') },
    },
  },
  server: {
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
});
