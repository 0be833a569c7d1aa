import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { build, defineConfig, type Plugin, type Rollup } from 'vite';
import react from '@vitejs/plugin-react';
import postcssPresetMantine from 'postcss-preset-mantine';
import { LANDING_PAGES } from './src/landing-pages';
import { DOOR_SHELL, DOOR_WORKER_URL } from './src/features/events/check-in/door-worker-rules';

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
      const withImports = (start: Rollup.OutputChunk) => chunkClosure(start, byFile);
      const shell = new Set(chunks.filter((c) => c.isEntry).flatMap((c) => [...withImports(c)]));
      const pages: Record<string, string[]> = {};
      for (const [route, module] of Object.entries(LANDING_PAGES)) {
        const chunk = chunkOf(chunks, module);
        if (!chunk) this.error(`landing page ${route}: ${module} is not in the build`);
        pages[route] = [...withImports(chunk)].filter((f) => !shell.has(f)).map((f) => `/${f}`);
      }
      this.emitFile({ type: 'asset', fileName: PAGE_CHUNKS_FILE, source: JSON.stringify(pages) });
    },
  };
}

/** The chunk a module of src/ (`src/features/x/XPage.tsx`) ended up in: the one it starts, else the one holding it. */
function chunkOf(chunks: Rollup.OutputChunk[], module: string) {
  const id = path.resolve(root, module);
  return chunks.find((c) => c.facadeModuleId === id) ?? chunks.find((c) => c.moduleIds.includes(id));
}

/** A chunk and the chunks it imports, transitively; with `lazy`, also those it loads later (`import()`). */
function chunkClosure(start: Rollup.OutputChunk, byFile: Map<string, Rollup.OutputChunk>, lazy = false, into = new Set<string>()) {
  if (into.has(start.fileName)) return into;
  into.add(start.fileName);
  for (const file of lazy ? [...start.imports, ...start.dynamicImports] : start.imports) chunkClosure(byFile.get(file)!, byFile, lazy, into);
  return into;
}

/**
 * The check-in page's service worker (src/features/events/check-in/door-worker.ts) as /door-worker.js: bundled on
 * its own as a classic script, with the list of files it keeps — the shell (index.html, the entry and what it
 * imports, their CSS, the English words) and the check-in page with everything it may load later (jsQR, its words)
 * — and a version hashed from them, so each build's worker has its own cache and drops the older ones.
 */
function doorWorker(): Plugin {
  return {
    name: 'orbita-door-worker',
    apply: 'build',
    generateBundle: {
      // after Vite has put index.html into the bundle
      order: 'post',
      async handler(_, bundle) {
        const chunks = Object.values(bundle).filter((c): c is Rollup.OutputChunk => c.type === 'chunk');
        const byFile = new Map(chunks.map((c) => [c.fileName, c]));
        const moduleChunk = (module: string) => chunkOf(chunks, module) ?? this.error(`door worker: ${module} is not in the build`);
        const html = bundle['index.html'];
        if (html?.type !== 'asset') return this.error('door worker: index.html is not in the build');
        // The shell: what index.html names (Vite has by now folded the entry chunk into the HTML) and what that imports.
        const names = new Set<string>();
        for (const [, file] of String(html.source).matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)) {
          const chunk = byFile.get(file);
          if (chunk) chunkClosure(chunk, byFile, false, names);
          else names.add(file);
        }
        // the shell is in already, so its own lazy chunks (every other page) are not followed
        chunkClosure(moduleChunk(LANDING_PAGES['/events/:id/check-in']), byFile, true, names);
        chunkClosure(moduleChunk('src/shared/i18n/english.ts'), byFile, true, names);
        for (const name of [...names]) {
          const meta = byFile.get(name)?.viteMetadata;
          for (const file of [...(meta?.importedCss ?? []), ...(meta?.importedAssets ?? [])]) names.add(file);
        }
        // index.html names its icon, a file of public/
        const files = [DOOR_SHELL, '/favicon.svg', ...[...names].sort().map((name) => `/${name}`)];
        const version = createHash('sha256').update(JSON.stringify(files)).update(html.source).digest('hex').slice(0, 16);
        const output = await build({
          configFile: false,
          root,
          publicDir: false,
          logLevel: 'warn',
          define: { __DOOR_VERSION__: JSON.stringify(version), __DOOR_FILES__: JSON.stringify(files) },
          build: {
            write: false,
            minify: true,
            lib: { entry: path.resolve(root, 'src/features/events/check-in/door-worker.ts'), formats: ['iife'], name: 'orbitaDoorWorker' },
          },
        });
        const [code] = (Array.isArray(output) ? output : [output as Rollup.RollupOutput]).flatMap((o) => o.output.filter((c) => c.type === 'chunk').map((c) => c.code));
        this.emitFile({ type: 'asset', fileName: DOOR_WORKER_URL.slice(1), source: code });
      },
    },
  };
}

export default defineConfig({
  root,
  plugins: [react(), precompress(), pageChunks(), doorWorker()],
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
