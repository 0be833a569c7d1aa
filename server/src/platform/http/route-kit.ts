import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor, CommandContext } from '../context';
import type { DatabaseHandle } from '../db/client';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionToken: string | null;
    csrfToken: string | null;
  }
  interface FastifyInstance {
    /** Every route with the policy it declares, for the authorisation matrix test and the docs. */
    routeTable: { method: string; url: string; policy: string | undefined }[];
  }
  interface FastifyContextConfig {
    /** Names the policy a write route enforces; the authorisation matrix test requires one for every write route. */
    policy?: string;
  }
}

export type App = FastifyInstance<any, any, any, any, ZodTypeProvider>;

/** What a route hands its command: the database, who acts and from where. */
export function commandContext(request: FastifyRequest, handle: DatabaseHandle): CommandContext {
  return { db: handle.db, actor: request.actor, ip: request.ip };
}
