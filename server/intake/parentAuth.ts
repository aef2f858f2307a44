// Who a parent is, for the intake. The portal plugs in its own sessions through
// ParentAuth; until then (and for the tests and the load test) a pre-issued
// parent token signed with the server's key stands in: `kbp_PAYLOAD.SIGNATURE`,
// PAYLOAD the base64url JSON {p: parentId, c?: child PINs, x: expiry ms}.
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface ParentIdentity {
  parentId: string;
  /** the child PINs this parent may apply for; absent when the portal does not restrict it */
  children?: readonly string[];
}

export interface ParentAuth {
  /** The parent an `Authorization` header names, or null when it names none. */
  authenticate(
    authorization: string | undefined,
  ): Promise<ParentIdentity | null> | ParentIdentity | null;
}

const PREFIX = 'kbp_';

export class SignedParentTokens implements ParentAuth {
  private readonly key: Buffer;

  constructor(secret: string) {
    if (secret.length < 16)
      throw new Error('the parent token secret must be at least 16 characters');
    this.key = Buffer.from(secret, 'utf8');
  }

  issue(parent: ParentIdentity, expiresAt: number): string {
    const payload = Buffer.from(
      JSON.stringify({ p: parent.parentId, c: parent.children, x: expiresAt }),
    ).toString('base64url');
    return `${PREFIX}${payload}.${this.sign(payload)}`;
  }

  authenticate(authorization: string | undefined, now = Date.now()): ParentIdentity | null {
    if (!authorization?.startsWith('Bearer ')) return null;
    const token = authorization.slice(7).trim();
    if (!token.startsWith(PREFIX)) return null;
    const [payload, signature] = token.slice(PREFIX.length).split('.');
    if (!payload || !signature) return null;
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      const body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
        p?: unknown;
        c?: unknown;
        x?: unknown;
      };
      if (typeof body.p !== 'string' || body.p === '' || typeof body.x !== 'number') return null;
      if (body.x < now) return null;
      const children = Array.isArray(body.c)
        ? body.c.filter((c) => typeof c === 'string')
        : undefined;
      return { parentId: body.p, children };
    } catch {
      return null;
    }
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}
