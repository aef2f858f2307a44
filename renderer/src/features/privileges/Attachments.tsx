// Scans of a claim or a case: list, view, add. Bytes travel as base64 through the
// attachments channels and are shown from blob URLs (the CSP allows img-src blob:;
// it allows no frames or objects from blob:, so a PDF is offered as a download
// and opened by the system viewer rather than embedded).
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ATTACHMENT_CHUNK_CHARS,
  ATTACHMENT_MAX_BYTES,
  type Attachment,
} from '../../../../shared/ipc/channels/attachments';
import { api, type Result } from '../../bridge';
import { useCommand } from '../../data/useQuery';
import { describeError } from '../../i18n/describeError';
import { formatBytes, formatDateTime } from '../../i18n/formatting';
import { Alert } from '../../ui/Alert';

export type Subject = { kind: 'claim' | 'case'; id: string };

function toBase64(bytes: Uint8Array): string {
  let s = '';
  // String.fromCharCode over slices: spreading millions of bytes at once overflows the stack.
  for (let i = 0; i < bytes.length; i += 0x8000)
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(b64: string): Uint8Array<ArrayBuffer> {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** Sends a file in base64 chunks, each a multiple of 4 characters so it decodes on its own. */
async function uploadFile(subject: Subject, file: File): Promise<Result<Attachment>> {
  const b64 = toBase64(new Uint8Array(await file.arrayBuffer()));
  const size = ATTACHMENT_CHUNK_CHARS - (ATTACHMENT_CHUNK_CHARS % 4);
  let uploadId: string | undefined;
  for (let at = 0; ; at += size) {
    const chunk = b64.slice(at, at + size);
    const done = at + size >= b64.length;
    const r = await api['attachments.upload']({
      ...(uploadId ? { uploadId } : {}),
      subject,
      name: file.name,
      chunk,
      done,
    });
    if (!r.ok) return r;
    uploadId = r.value.uploadId;
    if (done) return { ok: true, value: r.value.attachment! };
  }
}

interface Viewing {
  hash: string;
  url: string;
  type: string;
  name: string;
}

export function Attachments({
  subject,
  attachments,
  canAdd,
  onAdded,
}: {
  subject: Subject;
  attachments: Attachment[];
  canAdd: boolean;
  onAdded: () => void;
}) {
  const { t, i18n } = useTranslation();
  const upload = useCommand();
  const fetching = useCommand();
  const busy = upload.busy;
  const [tooLarge, setTooLarge] = useState(false);
  const [viewing, setViewing] = useState<Viewing | null>(null);
  const input = useRef<HTMLInputElement>(null);

  // A blob URL holds the bytes until revoked: free it when the view changes or closes.
  useEffect(
    () => () => {
      if (viewing) URL.revokeObjectURL(viewing.url);
    },
    [viewing],
  );
  // Another claim or case closes the open scan (during render: no frame shows it there).
  const subjectKey = `${subject.kind}/${subject.id}`;
  const [viewedSubject, setViewedSubject] = useState(subjectKey);
  if (viewedSubject !== subjectKey) {
    setViewedSubject(subjectKey);
    setViewing(null);
  }

  const add = async (file: File) => {
    fetching.clearError();
    upload.clearError();
    setTooLarge(file.size > ATTACHMENT_MAX_BYTES);
    if (file.size > ATTACHMENT_MAX_BYTES) return;
    const added = await upload.run(() => uploadFile(subject, file));
    if (input.current) input.current.value = '';
    if (added) onAdded();
  };

  const open = async (a: Attachment) => {
    upload.clearError();
    setTooLarge(false);
    const r = await fetching.run(() => api['attachments.get']({ subject, hash: a.hash }));
    if (!r) return;
    const url = URL.createObjectURL(new Blob([fromBase64(r.base64)], { type: a.type }));
    setViewing({ hash: a.hash, url, type: a.type, name: a.name });
  };

  const error = (): string | null => {
    const size = formatBytes(ATTACHMENT_MAX_BYTES, i18n.language);
    if (tooLarge) return t('privileges.attachments.tooLarge', { size });
    // A file main cannot read as a scan is the user's to fix, not a failure.
    if (upload.error?.code === 'invalid_request') return t('privileges.attachments.badFile');
    const failed = upload.error ?? fetching.error;
    return failed ? describeError(t, failed) : null;
  };
  const message = error();

  return (
    <div className="attachments" data-testid="attachments">
      <div className="attachments-title">{t('privileges.attachments.title')}</div>
      {attachments.length === 0 && <div className="muted">{t('privileges.attachments.none')}</div>}
      <ul className="attachments-list">
        {attachments.map((a) => (
          <li key={a.hash}>
            <button
              type="button"
              className="link"
              onClick={() => open(a)}
              data-testid="attachment-open"
            >
              {a.name}
            </button>{' '}
            <span className="muted">
              {a.type === 'application/pdf' ? 'PDF' : t('privileges.attachments.image')} ·{' '}
              {formatBytes(a.size, i18n.language)} · {a.addedBy} ·{' '}
              {formatDateTime(a.addedAt, i18n.language)}
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
          <span className="muted">
            {busy ? t('privileges.attachments.uploading') : t('privileges.attachments.add')}
          </span>
          <input
            ref={input}
            type="file"
            accept="image/png,image/jpeg,application/pdf"
            disabled={busy}
            onChange={(e) => e.target.files?.[0] && add(e.target.files[0])}
            data-testid="attachment-input"
          />
        </label>
      )}
      {message && <Alert tone="error">{message}</Alert>}
    </div>
  );
}
