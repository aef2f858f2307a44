// Other parents, through the portal API as their phones would call it: they register,
// follow the mailed link, add their child and apply. The journeys use them to take the
// last seats of a stream.
import type { Receipt, SchoolsPage, SessionInfo } from '../../../shared/portal/contract';
import {
  CSRF_HEADER,
  IDEMPOTENCY_HEADER,
  PORTAL_API_PREFIX,
} from '../../../shared/portal/contract';
import type { Family } from './campaign';
import { PASSWORD_LINK, waitForMail } from './mail';

export class ApiParent {
  private cookie = '';
  private csrf = '';

  constructor(
    private readonly base: string,
    private readonly mailDir: string,
    readonly family: Family,
    readonly email: string,
  ) {}

  private async call<T>(
    method: string,
    p: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const res = await fetch(this.base + PORTAL_API_PREFIX + p, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf && method !== 'GET' ? { [CSRF_HEADER]: this.csrf } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // The session cookie is Secure: set by hand, as fetch keeps no jar.
    const set = res.headers.getSetCookie().map((c) => c.split(';')[0]);
    if (set.length) this.cookie = set.join('; ');
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  }

  /** Registers, sets the password from the mailed link, adds the child. */
  async signUp(): Promise<this> {
    const { parentPin, childPin } = this.family;
    const phone = `+996700${parentPin.slice(-6)}`;
    await this.call('POST', '/register', {
      pin: parentPin,
      email: this.email,
      phone,
      language: 'en',
    });
    const [link] = await waitForMail(this.mailDir, this.email, PASSWORD_LINK);
    const token = new URL(link).searchParams.get('token')!;
    const session = await this.call<SessionInfo>('POST', '/password/set', {
      token,
      password: 'filler-password-1',
    });
    this.csrf = session.csrfToken;
    await this.call('POST', '/children', { pin: childPin });
    return this;
  }

  schools(q = ''): Promise<SchoolsPage> {
    const params = new URLSearchParams({ childPin: this.family.childPin, limit: '100' });
    if (q) params.set('q', q);
    return this.call<SchoolsPage>('GET', `/schools?${params}`);
  }

  apply(schoolId: string, language: string): Promise<Receipt> {
    const key = `filler-${this.family.childPin}-${schoolId}-${language}`;
    return this.call<Receipt>(
      'POST',
      '/applications',
      { childPin: this.family.childPin, choice: { schoolId, language } },
      { [IDEMPOTENCY_HEADER]: key },
    );
  }
}
