// The portal API as typed calls: one function per endpoint of shared/portal/contract.ts.
import {
  type AcceptedResponse,
  type AddChildRequest,
  type ApplicationView,
  type ApplyRequest,
  type Cabinet,
  type CampaignInfo,
  type ChildView,
  type Choice,
  type DocumentInfo,
  type Draft,
  type ForgotPasswordRequest,
  IDEMPOTENCY_HEADER,
  type LinkInfo,
  PORTAL_API_PREFIX,
  type Receipt,
  type RegisterRequest,
  type SchoolsPage,
  type SchoolsQuery,
  type SessionInfo,
  type SetPasswordRequest,
  type SignInRequest,
  type TransferRequest,
} from '../../../shared/portal/contract';
import { request, setCsrfToken } from './http';

const api = (path: string) => PORTAL_API_PREFIX + path;
const enc = encodeURIComponent;

async function withSession(p: Promise<SessionInfo>): Promise<SessionInfo> {
  const session = await p;
  setCsrfToken(session.csrfToken);
  return session;
}

export const portalApi = {
  register: (body: RegisterRequest) =>
    request<AcceptedResponse>('POST', api('/register'), { body }),
  linkInfo: (token: string) => request<LinkInfo>('GET', api(`/password/link?token=${enc(token)}`)),
  setPassword: (body: SetPasswordRequest) =>
    withSession(request<SessionInfo>('POST', api('/password/set'), { body })),
  signIn: (body: SignInRequest) =>
    withSession(request<SessionInfo>('POST', api('/sign-in'), { body })),
  signOut: async () => {
    await request<null>('POST', api('/sign-out'));
    setCsrfToken(null);
  },
  session: () => withSession(request<SessionInfo>('GET', api('/session'))),
  setLanguage: (language: string) =>
    request<unknown>('PATCH', api('/account'), { body: { language } }),
  forgotPassword: (body: ForgotPasswordRequest) =>
    request<AcceptedResponse>('POST', api('/forgot-password'), { body }),
  campaign: () => request<CampaignInfo>('GET', api('/campaign')),
  cabinet: () => request<Cabinet>('GET', api('/cabinet')),
  addChild: (body: AddChildRequest) => request<ChildView>('POST', api('/children'), { body }),
  putDraft: (pin: string, body: Choice) =>
    request<Draft>('PUT', api(`/children/${enc(pin)}/draft`), { body }),
  schools: (q: SchoolsQuery) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(q))
      if (v !== undefined && v !== '') params.set(k, String(v));
    return request<SchoolsPage>('GET', api(`/schools?${params}`));
  },
  /** The raw file as the body: the server sniffs its bytes, the declared type is a hint. */
  uploadDocument: (file: File) =>
    request<DocumentInfo>('POST', api('/documents'), {
      raw: file,
      headers: { 'content-type': file.type || 'application/octet-stream' },
    }),
  /** One key per submission, kept across retries, so a retry can never apply twice. */
  apply: (body: ApplyRequest, idempotencyKey: string) =>
    request<Receipt>('POST', api('/applications'), {
      body,
      headers: { [IDEMPOTENCY_HEADER]: idempotencyKey },
    }),
  application: (id: string) => request<ApplicationView>('GET', api(`/applications/${enc(id)}`)),
  applicationEventsUrl: (id: string) => api(`/applications/${enc(id)}/events`),
  withdraw: (id: string) =>
    request<ApplicationView>('POST', api(`/applications/${enc(id)}/withdraw`), { body: {} }),
  transfer: (id: string, body: TransferRequest) =>
    request<ApplicationView>('POST', api(`/applications/${enc(id)}/transfer`), { body }),
};

/** getRandomValues, not randomUUID: the latter exists only on https pages and localhost. */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
