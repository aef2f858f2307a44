// The desktop's update feed: electron-updater's generic provider reads
// `latest.yml` from a base URL and downloads the installer it names, relative
// to the same URL. The server serves a configured folder (KABYL_UPDATES_DIR)
// at /updates/: the files electron-builder wrote for a release, as they are.
// Only plain file names in that folder are served; nothing else on disk is reachable.
import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._ +-]{0,200}$/;

export function serveUpdates(
  app: FastifyInstance,
  dir: string,
  notFound: (reply: FastifyReply, message: string) => unknown,
): void {
  const root = path.resolve(dir);
  app.get('/updates/:file', async (req, reply) => {
    const name = (req.params as { file: string }).file;
    const file = path.join(root, name);
    let size = -1;
    if (SAFE_NAME.test(name) && !name.includes('..') && path.dirname(file) === root) {
      try {
        const st = statSync(file);
        if (st.isFile()) size = st.size;
      } catch {
        // absent: answered below
      }
    }
    if (size < 0) return notFound(reply, `no update file ${name}`);
    const yml = name.endsWith('.yml');
    return reply
      .header('content-length', size)
      // the feed must be read fresh on every check; an installer never changes under its name
      .header('cache-control', yml ? 'no-cache' : 'public, max-age=86400')
      .type(yml ? 'text/yaml; charset=utf-8' : 'application/octet-stream')
      .send(createReadStream(file));
  });
}
