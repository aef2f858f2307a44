// Serves the parents' portal (the Vite build in dist/portal) at `/`. Every portal path
// (/cabinet, /password?token=..., /applications/42) answers with index.html, so an
// e-mailed link or a reload opens the right page; the API prefixes keep their JSON 404s.
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { PORTAL_API_PREFIX } from '../../shared/portal/contract';

/** Paths that belong to an API: never answered with the portal's page. */
const API_PREFIXES = ['/v1/', PORTAL_API_PREFIX + '/', '/updates/'];

/**
 * Where the built portal is: KABYL_PORTAL_DIR, else beside the bundled server
 * (dist/server.cjs -> dist/portal), else the repository's dist/portal (tests that run
 * the server from its TypeScript sources). Null when it has not been built.
 */
export function findPortalRoot(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = env.KABYL_PORTAL_DIR
    ? [path.resolve(env.KABYL_PORTAL_DIR)]
    : [path.join(__dirname, 'portal'), path.resolve(__dirname, '../../dist/portal')];
  return candidates.find((dir) => existsSync(path.join(dir, 'index.html'))) ?? null;
}

export function isPortalPage(req: FastifyRequest): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const url = req.url.split('?')[0];
  return !API_PREFIXES.some((p) => url.startsWith(p) || url === p.slice(0, -1));
}

/** Registers the static files; returns the not-found fallback that serves index.html. */
export function registerPortalStatic(app: FastifyInstance, root: string) {
  app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: true,
    index: ['index.html'],
    // dist/portal holds .br and .gz twins made at build time (scripts/build.mjs): phones on
    // slow links get the compressed bytes without the server compressing on each request.
    preCompressed: true,
    setHeaders(reply, filePath) {
      // Hashed file names never change content: cache them for a year. The page itself is
      // revalidated every time, so a new build reaches every phone at once.
      const hashed = filePath.includes(`${path.sep}assets${path.sep}`);
      reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  return (req: FastifyRequest, reply: FastifyReply): boolean => {
    if (!isPortalPage(req)) return false;
    // A missing asset is a 404, not the page: a stale cached page must not get HTML as JS.
    if (req.url.startsWith('/assets/')) return false;
    reply.header('cache-control', 'no-cache');
    void reply.sendFile('index.html');
    return true;
  };
}
