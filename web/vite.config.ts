import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import postcssPresetMantine from 'postcss-preset-mantine';

const root = fileURLToPath(new URL('.', import.meta.url));
// The API server; override with ORBITA_API_URL when it runs elsewhere (e.g. http://localhost:3100).
const apiTarget = process.env.ORBITA_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  root,
  plugins: [react()],
  css: {
    postcss: {
      plugins: [
        postcssPresetMantine(),
      ],
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
});
