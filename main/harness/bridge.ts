// The localhost HTTP bridge: the IPC contract over `POST /ipc/<channel>`, and the
// built renderer, for running main's services under plain Node (no Electron binary)
// and for Playwright. It must be no open door to other local processes or to web
// pages the user has open: loopback only, a per-launch secret that only the page it
// serves learns, Host/Origin pinned (DNS rebinding, cross-site POSTs), JSON only, no CORS.
import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Dispatch } from '../ipc/dispatch';
import type { Sessions } from '../auth/session';
import { SECURITY_HEADERS } from '../ipc/security';

export interface BridgeOptions {
  dispatch: Dispatch;
  sessions: Sessions;
  /** the built renderer (dist/renderer); may be missing in a CLI-only build */
  rendererDir: string;
  /** 0 = any free port */
  port: number;
  /** fixed only in tests; otherwise random per launch */
  secret?: string;
}

export interface Bridge {
  url: string;
  port: number;
  secret: string;
  server: Server;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
/** import.upload sends <= 4 MiB chunks; JSON escaping can double them. */
const MAX_BODY = 12 * 1024 * 1024;
const CLIENT_ID = /^[A-Za-z0-9_-]{8,128}$/;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json; charset=utf-8',
};

export function startBridge(options: BridgeOptions): Promise<Bridge> {
  const secret = options.secret ?? randomBytes(32).toString('base64url');
  // Compare digests so the comparison is constant-time whatever the header's length.
  const secretDigest = createHash('sha256').update(secret).digest();
  let port = options.port;

  const server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      console.error('[kabyl] bridge error:', e);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error');
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host ?? '';
    if (host !== `${HOST}:${port}` && host !== `localhost:${port}`) {
      return send(res, 403, 'text/plain; charset=utf-8', 'forbidden host');
    }
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${host}`) {
      return send(res, 403, 'text/plain; charset=utf-8', 'forbidden origin');
    }
    const url = new URL(req.url ?? '/', `http://${host}`);

    if (url.pathname === '/health') {
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed');
      return send(res, 200, 'text/plain; charset=utf-8', 'ok');
    }
    if (url.pathname.startsWith('/ipc/'))
      return handleIpc(req, res, safeDecode(url.pathname.slice(5)) ?? '');
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed');
    return serveStatic(res, url.pathname, req.method === 'HEAD');
  }

  async function handleIpc(
    req: IncomingMessage,
    res: ServerResponse,
    channel: string,
  ): Promise<void> {
    // No CORS preflight is ever answered positively, and no Access-Control-* header is sent.
    if (req.method !== 'POST') return sendResult(res, 405, 'invalid_request', 'POST only');
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/json')
      return sendResult(res, 415, 'invalid_request', 'Content-Type must be application/json');
    const given = req.headers['x-kabyl-secret'];
    if (
      typeof given !== 'string' ||
      !timingSafeEqual(createHash('sha256').update(given).digest(), secretDigest)
    ) {
      return sendResult(res, 403, 'forbidden', 'missing or wrong X-Kabyl-Secret');
    }
    const client = req.headers['x-kabyl-client'];
    if (typeof client !== 'string' || !CLIENT_ID.test(client)) {
      return sendResult(
        res,
        400,
        'invalid_request',
        'X-Kabyl-Client: expected a random id of 8-128 letters, digits, - or _',
      );
    }
    const body = await readBody(req);
    if (body === null)
      return sendResult(res, 413, 'invalid_request', `request body larger than ${MAX_BODY} bytes`);
    let request: unknown;
    try {
      request = body.length === 0 ? undefined : JSON.parse(body.toString('utf8'));
    } catch {
      return sendResult(res, 400, 'invalid_request', 'request body: not valid JSON');
    }
    const result = await options.dispatch(channel, request, options.sessions.get(`http:${client}`));
    send(res, 200, 'application/json; charset=utf-8', JSON.stringify(result), {
      'Cache-Control': 'no-store',
    });
  }

  async function serveStatic(
    res: ServerResponse,
    pathname: string,
    headOnly: boolean,
  ): Promise<void> {
    const root = path.resolve(options.rendererDir);
    let rel = safeDecode(pathname);
    if (rel === null || rel.includes('\0'))
      return send(res, 400, 'text/plain; charset=utf-8', 'bad path');
    if (rel === '/' || rel === '') rel = '/index.html';
    let file = path.resolve(root, '.' + rel);
    if (file !== root && !file.startsWith(root + path.sep))
      return send(res, 403, 'text/plain; charset=utf-8', 'forbidden path');
    let info = await stat(file).catch(() => null);
    if (!info?.isFile()) {
      // Client-side routes (no extension) get the app; a missing asset is a 404.
      if (path.extname(rel) !== '') return send(res, 404, 'text/plain; charset=utf-8', 'not found');
      file = path.join(root, 'index.html');
      info = await stat(file).catch(() => null);
      if (!info?.isFile()) {
        return send(
          res,
          503,
          'text/plain; charset=utf-8',
          'The renderer is not built: run `npm run build` (renderer/ -> dist/renderer).',
        );
      }
    }
    const ext = path.extname(file).toLowerCase();
    let content = await readFile(file);
    const extra: Record<string, string> = {};
    if (ext === '.html') {
      content = Buffer.from(injectSecret(content.toString('utf8'), secret));
      extra['Cache-Control'] = 'no-store';
    }
    send(res, 200, TYPES[ext] ?? 'application/octet-stream', headOnly ? '' : content, extra);
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, HOST, () => {
      server.off('error', reject);
      const address = server.address();
      port = typeof address === 'object' && address ? address.port : options.port;
      resolve({
        url: `http://${HOST}:${port}/`,
        port,
        secret,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

/** Hands the per-launch secret to the page we serve, and only to it. */
export function injectSecret(html: string, secret: string): string {
  const meta = `<meta name="kabyl-bridge" content="${secret}">`;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (!head) return meta + html;
  const at = head.index + head[0].length;
  return html.slice(0, at) + meta + html.slice(at);
}

/** A malformed %-escape is a bad request, not a thrown error. */
function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        tooBig = true;
        chunks.length = 0;
        return;
      }
      if (!tooBig) chunks.push(chunk);
    });
    req.on('end', () => resolve(tooBig ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, ...extra });
  res.end(body);
}

function sendResult(res: ServerResponse, status: number, code: string, message: string): void {
  send(
    res,
    status,
    'application/json; charset=utf-8',
    JSON.stringify({ ok: false, error: { code, message } }),
    {
      'Cache-Control': 'no-store',
    },
  );
}
