import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyInstance, FastifyRequest } from 'fastify';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Under this, compressing saves less than its header costs (as for the web build's files). */
export const COMPRESS_MIN_BYTES = 1024;

const ENCODING_NAMED = { br: /\bbr\b/, gzip: /\bgzip\b/ };

/** Whether the client takes this content encoding. */
export function accepts(request: FastifyRequest, encoding: keyof typeof ENCODING_NAMED): boolean {
  return ENCODING_NAMED[encoding].test(String(request.headers['accept-encoding'] ?? ''));
}

/**
 * API answers in JSON travel compressed when the client accepts it (brotli, else gzip): the registry's page of 20
 * organisations is 26 KB as text, ~5 KB compressed — a tenth of a second on a school's 1.6 Mbit/s line. Quick levels,
 * as each answer is compressed once. Answers of /api/auth/ (the CSRF token) are left as they are: a secret in a
 * compressed answer beside text an attacker chooses could be guessed from the answer's size (BREACH).
 */
export function compressAnswers(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (typeof payload !== 'string' || Buffer.byteLength(payload) < COMPRESS_MIN_BYTES) return payload;
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/auth/')) return payload;
    if (!/^application\/(problem\+)?json/.test(String(reply.getHeader('content-type') ?? ''))) return payload;
    reply.header('vary', 'accept-encoding');
    if (accepts(request, 'br')) {
      reply.header('content-encoding', 'br').removeHeader('content-length');
      return brotli(payload, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } });
    }
    if (accepts(request, 'gzip')) {
      reply.header('content-encoding', 'gzip').removeHeader('content-length');
      return gzipAsync(payload, { level: 6 });
    }
    return payload;
  });
}
