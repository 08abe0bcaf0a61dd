import { fileURLToPath } from 'node:url';

// The Tailwind config is named explicitly: Vite runs with web/ as its root, and tests run from anywhere.
export default {
  plugins: {
    tailwindcss: { config: fileURLToPath(new URL('./tailwind.config.ts', import.meta.url)) },
    autoprefixer: {},
  },
};
