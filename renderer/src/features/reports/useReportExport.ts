// One export: reports.export, polling reports.progress every 250 ms, then the
// file fetched in base64 pieces and saved. The progress bar shows from the
// first poll, so any export longer than a moment shows it.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type ApiError, type Res } from '../../bridge';
import { base64ToBytes, saveBlob, XLSX_MIME } from './saveBytes';

export type ReportJob = Res<'reports.export'>;
export type ExportState =
  | { phase: 'idle' }
  | { phase: 'running'; job: ReportJob }
  | { phase: 'downloading'; job: ReportJob; received: number }
  | { phase: 'saved'; job: ReportJob }
  | { phase: 'error'; error: ApiError | null; message?: string };

const POLL_MS = 250;

export function useReportExport() {
  const [state, setState] = useState<ExportState>({ phase: 'idle' });
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const run = useCallback(async (request: { report: ReportJob['report']; lang: ReportJob['lang']; asOf?: string }) => {
    const started = await api['reports.export'](request);
    if (!started.ok) return setState({ phase: 'error', error: started.error });
    let job = started.value;
    while (alive.current && job.state === 'running') {
      setState({ phase: 'running', job });
      await new Promise((r) => setTimeout(r, POLL_MS));
      const next = await api['reports.progress']({ jobId: job.jobId });
      if (!next.ok) return setState({ phase: 'error', error: next.error });
      job = next.value;
    }
    if (!alive.current) return;
    if (job.state === 'failed') return setState({ phase: 'error', error: null, message: job.error ?? '' });
    const pieces: Uint8Array<ArrayBuffer>[] = [];
    let offset = 0;
    for (;;) {
      setState({ phase: 'downloading', job, received: offset });
      const piece = await api['reports.download']({ jobId: job.jobId, offset });
      if (!piece.ok) return setState({ phase: 'error', error: piece.error });
      const bytes = base64ToBytes(piece.value.chunk);
      pieces.push(bytes);
      offset += bytes.length;
      if (piece.value.done || bytes.length === 0) break;
    }
    saveBlob(job.fileName, new Blob(pieces, { type: XLSX_MIME }));
    if (alive.current) setState({ phase: 'saved', job });
  }, []);

  return { state, run };
}
