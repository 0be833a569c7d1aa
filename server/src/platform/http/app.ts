import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError } from 'fastify';
import type { DestinationStream } from 'pino';
import { type ZodTypeProvider, jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from '../config';
import type { DatabaseHandle } from '../db/client';
import { Problem } from '../problem';
import { setPublicUrl } from '../mail/links';
import { answerClientError, frameworkProblem, handleError, sendProblem } from './problem-handler';
import { loggerOptions } from './log';
import { rejectUnstorableText } from './storable-text';
import '../russian-zod';
import { SESSION_COOKIE, resolveSession } from '../../modules/accounts/sessions';
import { moduleRoutes } from '../../modules';
import { healthRoutes } from './health-routes';
import { sharedRateLimitStore } from './shared-rate-limit';
import { webPageSender } from './web-page';
import { compressAnswers } from './compress-answers';
import type { App } from './route-kit';


export const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../web/dist');
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The map's tile host is the only outside place images may come from: a name that smuggles in `<img src>`
 * must not reach any other host. `{s}` subdomains become a wildcard.
 */
function tileSources(tileUrl: string): string[] {
  try {
    const url = new URL(tileUrl.replace('{s}', 'a'));
    const host = tileUrl.includes('{s}.') ? `*.${url.host.split('.').slice(1).join('.')}` : url.host;
    return [`${url.protocol}//${host}`];
  } catch {
    return [];
  }
}

function isHashedAsset(webRoot: string, filePath: string): boolean {
  return path.relative(webRoot, filePath).startsWith(`assets${path.sep}`);
}

/** `logStream` sends the log elsewhere than stdout and `webRoot` looks for the built web app elsewhere (tests). */
export async function buildApp(
  handle: DatabaseHandle,
  config: Config,
  options: { logStream?: DestinationStream; webRoot?: string } = {},
): Promise<App> {
  const webRoot = options.webRoot ?? webDist;
  setPublicUrl(config.publicUrl);
  const app = Fastify({
    logger: loggerOptions(config.logLevel, options.logStream),
    trustProxy: config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    // A malformed or overlong URL is refused before routing: in Russian problem+json too.
    frameworkErrors: (error, _request, reply) => sendProblem(reply, frameworkProblem(error as FastifyError)),
    clientErrorHandler: answerClientError,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.addHook('preValidation', rejectUnstorableText);
  // A multipart body without its boundary cannot be read at all: refused here rather than crashing the parser.
  app.addHook('preValidation', async (request) => {
    const type = request.headers['content-type'] ?? '';
    if (/^multipart\//i.test(type) && !/;\s*boundary=/i.test(type)) throw new Problem(400, 'Ошибка в запросе', 'Файл отправлен без границы частей (boundary) в заголовке Content-Type.');
  });
  app.decorate('routeTable', []);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') app.routeTable.push({ method, url: route.url, policy: (route.config as { policy?: string } | undefined)?.policy });
    }
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', ...tileSources(config.tileUrl)],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false, store: sharedRateLimitStore() });
  await app.register(multipart, { limits: { fileSize: 50 * 1024 * 1024, files: 1 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Орбита API', description: 'API платформы сетевого взаимодействия образовательных организаций', version: '1.0.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('csrfToken', null);
  app.addHook('onRequest', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const session = await resolveSession(handle.db, token);
    if (!session) return;
    request.actor = session.actor;
    request.sessionToken = token;
    request.csrfToken = session.csrfToken;
    // Cookie-authenticated writes must prove they come from our own pages (double-submit token).
    if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== session.csrfToken) {
      return sendProblem(reply, new Problem(403, 'Запрос отклонён', 'Не подтверждён источник запроса (CSRF). Обновите страницу и повторите.'));
    }
  });

  // API answers carry people's data (children, staff, exports): no browser or proxy may keep a copy.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
  compressAnswers(app);
  // Which of the server processes answered (ORBITA_WORKERS): for an operator following one request, and the cluster test.
  if (cluster.isWorker) app.addHook('onSend', async (_request, reply) => void reply.header('x-orbita-worker', String(cluster.worker!.id)));

  await app.register(
    async (api) => {
      await healthRoutes(api, handle);
      await moduleRoutes(api, handle, config);
    },
    { prefix: '/api' },
  );
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // Registered even before the web app is built, so that a build finished after start is served without a restart.
  await app.register(fastifyStatic, {
    root: webRoot,
    // the brotli and gzip copies made at build (web/vite.config.ts), chosen by Accept-Encoding
    preCompressed: true,
    cacheControl: false,
    // Files under /assets carry their content's hash in the name: kept a year and never revalidated. Everything else
    // (index.html, which names the current assets) is revalidated on each visit, so a new release shows at once.
    setHeaders: (reply, filePath) => {
      reply.header('cache-control', isHashedAsset(webRoot, filePath) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
    // The build keeps source maps for reading stack traces on the server, and notes for it in .vite/; they are not published.
    allowedPath: (pathName) => !pathName.endsWith('.map') && !pathName.startsWith('/.'),
  });
  const sendWebPage = webPageSender(webRoot);
  app.setNotFoundHandler((request, reply) => {
    if (
      request.url.startsWith('/api') ||
      // a missing asset (an old release's chunk, a map) is a 404, not the page, which the browser would take for a script
      request.url.startsWith('/assets/') ||
      !['GET', 'HEAD'].includes(request.method) ||
      !existsSync(path.join(webRoot, 'index.html'))
    ) {
      return sendProblem(reply, new Problem(404, 'Не найдено', `Адрес ${request.url} не существует.`));
    }
    // Client-side routes of the web app all load its single page, naming the chunks of the page at that address.
    return sendWebPage(request, reply);
  });
  return app;
}
