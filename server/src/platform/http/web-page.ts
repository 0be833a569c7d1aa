import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { COMPRESS_MIN_BYTES, accepts } from './compress-answers';

/** Written by the web build (web/vite.config.ts `pageChunks`): each landing page's chunks beyond the shell. */
const PAGE_CHUNKS_FILE = '.vite/page-chunks.json';
const ASSET = /^\/assets\/[\w.-]+\.js$/;

/**
 * How well a react-router path (`/networks/:id/:tab?`) fits an address's path: the number of its fixed parts that
 * match, or -1 when it does not fit at all.
 */
export function routeFit(route: string, pathname: string): number {
  const parts = route.split('/').filter(Boolean);
  const have = pathname.split('/').filter(Boolean);
  if (have.length > parts.length || have.length < parts.filter((p) => !p.endsWith('?')).length) return -1;
  let fixed = 0;
  for (const [i, part] of have.entries()) {
    if (parts[i].startsWith(':')) continue;
    if (parts[i] !== part) return -1;
    fixed++;
  }
  return fixed;
}

/** The chunks of the landing page an address opens — of the best-fitting route — or none. */
export function pageChunksFor(pathname: string, pages: Record<string, string[]>): string[] {
  let best: string[] = [];
  let bestFit = -1;
  for (const [route, files] of Object.entries(pages)) {
    const fit = routeFit(route, pathname);
    if (fit > bestFit) [best, bestFit] = [files, fit];
  }
  return best.filter((file) => ASSET.test(file));
}

/** The page with the browser told to fetch these chunks along with the shell (after it in the head, so the shell comes first). */
export function withModulePreloads(html: string, files: string[]): string {
  if (!files.length) return html;
  const links = files.map((file) => `<link rel="modulepreload" crossorigin href="${file}">`).join('');
  return html.replace('</head>', `${links}</head>`);
}

interface Variant {
  html: Buffer;
  brotli: Buffer | null;
  etag: string;
}

/**
 * Sends index.html for an address of the web app, naming its page's chunks (`<link rel="modulepreload">`) when it is
 * a landing page. Revalidated on each visit (`no-cache`, an ETag of the content, 304 while unchanged), like the file;
 * a new build is picked up at once (the files' times are checked on each request).
 */
export function webPageSender(webRoot: string) {
  let build: { stamp: string; html: string; pages: Record<string, string[]>; variants: Map<string, Variant> } | undefined;

  async function current() {
    const indexFile = path.join(webRoot, 'index.html');
    const chunksFile = path.join(webRoot, PAGE_CHUNKS_FILE);
    const [index, chunks] = await Promise.all([stat(indexFile), stat(chunksFile).catch(() => null)]);
    const stamp = `${index.mtimeMs}:${chunks?.mtimeMs}`;
    if (build?.stamp !== stamp) {
      const pages = chunks ? (JSON.parse(await readFile(chunksFile, 'utf8')) as Record<string, string[]>) : {};
      build = { stamp, html: await readFile(indexFile, 'utf8'), pages, variants: new Map() };
    }
    return build;
  }

  return async function sendWebPage(request: FastifyRequest, reply: FastifyReply) {
    const { html, pages, variants } = await current();
    const files = pageChunksFor(new URL(request.url, 'http://localhost').pathname, pages);
    const key = files.join(' ');
    let variant = variants.get(key);
    if (!variant) {
      const text = Buffer.from(withModulePreloads(html, files));
      variant = {
        html: text,
        brotli: text.length < COMPRESS_MIN_BYTES ? null : brotliCompressSync(text, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        etag: `"${createHash('sha256').update(text).digest('base64url').slice(0, 22)}"`,
      };
      variants.set(key, variant);
    }
    reply.header('cache-control', 'no-cache').header('etag', variant.etag).header('vary', 'accept-encoding').type('text/html; charset=utf-8');
    if (request.headers['if-none-match'] === variant.etag) return reply.code(304).send();
    if (variant.brotli && accepts(request, 'br')) return reply.header('content-encoding', 'br').send(variant.brotli);
    return reply.send(variant.html);
  };
}
