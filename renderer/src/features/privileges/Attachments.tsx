// Scans of a claim or a case: list, view, add. Bytes travel as base64 through the
// attachments channels and are shown from blob URLs (the CSP allows img-src blob:;
// it allows no frames or objects from blob:, so a PDF is offered as a download
// and opened by the system viewer rather than embedded).
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTACHMENT_CHUNK_CHARS, ATTACHMENT_MAX_BYTES, type Attachment } from '../../../../shared/ipc/channels/attachments';
import { api, type ApiError } from '../../bridge';
import { describeError } from '../../i18n/describeError';
import { formatBytes, formatDateTime } from '../../i18n/formatting';
import { Alert } from '../../ui/Alert';

export type Subject = { kind: 'claim' | 'case'; id: string };

function toBase64(bytes: Uint8Array): string {
  let s = '';
  // String.fromCharCode over slices: spreading millions of bytes at once overflows the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(b64: string): Uint8Array<ArrayBuffer> {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** Sends a file in base64 chunks; a chunk is a multiple of 4 characters so each decodes on its own. */
async function uploadFile(subject: Subject, file: File): Promise<{ ok: true; attachment: Attachment } | { ok: false; error: ApiError }> {
  const b64 = toBase64(new Uint8Array(await file.arrayBuffer()));
  const size = ATTACHMENT_CHUNK_CHARS - (ATTACHMENT_CHUNK_CHARS % 4);
  let uploadId: string | undefined;
  for (let at = 0; ; at += size) {
    const chunk = b64.slice(at, at + size);
    const done = at + size >= b64.length;
    const r = await api['attachments.upload']({ ...(uploadId ? { uploadId } : {}), subject, name: file.name, chunk, done });
    if (!r.ok) return r;
    uploadId = r.value.uploadId;
    if (done) return { ok: true, attachment: r.value.attachment! };
  }
}

export function Attachments({ subject, attachments, canAdd, onAdded }: { subject: Subject; attachments: Attachment[]; canAdd: boolean; onAdded: () => void }) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [viewing, setViewing] = useState<{ hash: string; url: string; type: string; name: string } | null>(null);
  const input = useRef<HTMLInputElement>(null);

  // A blob URL holds the bytes until revoked: free it when the view changes or closes.
  useEffect(() => () => {
    if (viewing) URL.revokeObjectURL(viewing.url);
  }, [viewing]);
  useEffect(() => setViewing(null), [subject.kind, subject.id]);

  const add = async (file: File) => {
    setError(null);
    if (file.size > ATTACHMENT_MAX_BYTES) {
      setError(t('privileges.attachments.tooLarge', { size: formatBytes(ATTACHMENT_MAX_BYTES, i18n.language) }));
      return;
    }
    setBusy(true);
    const r = await uploadFile(subject, file);
    setBusy(false);
    if (input.current) input.current.value = '';
    if (!r.ok) {
      setError(r.error.code === 'invalid_request' ? t('privileges.attachments.badFile') : describeError(t, r.error));
      return;
    }
    onAdded();
  };

  const open = async (a: Attachment) => {
    setError(null);
    const r = await api['attachments.get']({ subject, hash: a.hash });
    if (!r.ok) return setError(describeError(t, r.error));
    const url = URL.createObjectURL(new Blob([fromBase64(r.value.base64)], { type: a.type }));
    setViewing({ hash: a.hash, url, type: a.type, name: a.name });
  };

  return (
    <div className="attachments" data-testid="attachments">
      <div className="attachments-title">{t('privileges.attachments.title')}</div>
      {attachments.length === 0 && <div className="muted">{t('privileges.attachments.none')}</div>}
      <ul className="attachments-list">
        {attachments.map((a) => (
          <li key={a.hash}>
            <button type="button" className="link" onClick={() => open(a)} data-testid="attachment-open">
              {a.name}
            </button>{' '}
            <span className="muted">
              {a.type === 'application/pdf' ? 'PDF' : t('privileges.attachments.image')} · {formatBytes(a.size, i18n.language)} · {a.addedBy} · {formatDateTime(a.addedAt, i18n.language)}
            </span>
          </li>
        ))}
      </ul>
      {viewing && (
        <div className="attachment-view" data-testid="attachment-view">
          {viewing.type === 'application/pdf' ? (
            <a className="btn" href={viewing.url} download={viewing.name}>
              {t('privileges.attachments.downloadPdf')}
            </a>
          ) : (
            <img src={viewing.url} alt={viewing.name} />
          )}
          <button type="button" className="btn" onClick={() => setViewing(null)}>
            {t('privileges.attachments.close')}
          </button>
        </div>
      )}
      {canAdd && (
        <label className="attachments-add">
          <span className="muted">{busy ? t('privileges.attachments.uploading') : t('privileges.attachments.add')}</span>
          <input ref={input} type="file" accept="image/png,image/jpeg,application/pdf" disabled={busy} onChange={(e) => e.target.files?.[0] && add(e.target.files[0])} data-testid="attachment-input" />
        </label>
      )}
      {error && <Alert tone="error">{error}</Alert>}
    </div>
  );
}
