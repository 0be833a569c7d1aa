import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { defineConfig, type Plugin, type Rollup } from 'vite';
import react from '@vitejs/plugin-react';
import postcssPresetMantine from 'postcss-preset-mantine';
import { LANDING_PAGES } from './src/landing-pages';

const root = fileURLToPath(new URL('.', import.meta.url));
// The API server; override with ORBITA_API_URL when it runs elsewhere (e.g. http://localhost:3100).
const apiTarget = process.env.ORBITA_API_URL ?? 'http://localhost:3000';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * Brotli and gzip copies beside every text file of the build, made once at the best level, so the server
 * (@fastify/static `preCompressed`) sends them as they are instead of compressing on each request. Maps are never served.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'orbita-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      // not the build's own notes for the server (.vite/)
      const files = (await readdir(outDir, { recursive: true })).filter((f) => /\.(js|css|html|svg|json|txt)$/.test(f) && !f.startsWith('.'));
      await Promise.all(
        files.map(async (file) => {
          const full = path.join(outDir, file);
          const data = await readFile(full);
          if (data.length < 1024) return; // a header and a round trip cost more than they save
          await writeFile(`${full}.br`, await brotli(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }));
          await writeFile(`${full}.gz`, await gzipAsync(data, { level: 9 }));
        }),
      );
    },
  };
}

/** Where the server finds each landing page's chunks (server/src/platform/http/web-page.ts); not public (a dot folder). */
export const PAGE_CHUNKS_FILE = '.vite/page-chunks.json';

/**
 * For each of src/landing-pages.ts's pages, the chunks its module needs beyond the shell — its own and those it
 * imports, in order — so the server can name them in index.html for that address.
 */
function pageChunks(): Plugin {
  return {
    name: 'orbita-page-chunks',
    apply: 'build',
    generateBundle(_, bundle) {
      const chunks = Object.values(bundle).filter((c): c is Rollup.OutputChunk => c.type === 'chunk');
      const byFile = new Map(chunks.map((c) => [c.fileName, c]));
      const withImports = (start: Rollup.OutputChunk, into = new Set<string>()) => {
        if (into.has(start.fileName)) return into;
        into.add(start.fileName);
        for (const file of start.imports) withImports(byFile.get(file)!, into);
        return into;
      };
      const shell = new Set(chunks.filter((c) => c.isEntry).flatMap((c) => [...withImports(c)]));
      const pages: Record<string, string[]> = {};
      for (const [route, module] of Object.entries(LANDING_PAGES)) {
        const id = path.resolve(root, module);
        const chunk = chunks.find((c) => c.facadeModuleId === id) ?? chunks.find((c) => c.moduleIds.includes(id));
        if (!chunk) this.error(`landing page ${route}: ${module} is not in the build`);
        pages[route] = [...withImports(chunk)].filter((f) => !shell.has(f)).map((f) => `/${f}`);
      }
      this.emitFile({ type: 'asset', fileName: PAGE_CHUNKS_FILE, source: JSON.stringify(pages) });
    },
  };
}

export default defineConfig({
  root,
  plugins: [react(), precompress(), pageChunks()],
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
    // Maps stay beside the build for reading a stack trace on the server, without a sourceMappingURL comment,
    // and the server refuses to send them (server/src/platform/http/app.ts).
    sourcemap: 'hidden',
    // the limit that matters is compressed: e2e/web-budget.e2e.ts
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // everything the first page needs in one file (one request instead of ~25 small ones on a slow line)
            { name: 'shell', tags: ['$initial'] },
          ],
        },
      },
    },
  },
});
