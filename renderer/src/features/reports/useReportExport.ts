// One export: reports.export, polling reports.progress every 250 ms, then the
// file fetched in base64 pieces and saved. The progress bar shows from the
// first poll, so any export longer than a moment shows it.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type ApiError, type Res, type Result } from '../../bridge';
import { useCommand } from '../../data/useQuery';
import { base64ToBytes, saveBlob, XLSX_MIME } from './saveBytes';

export type ReportJob = Res<'reports.export'>;
export type ExportState =
  | { phase: 'idle' }
  | { phase: 'running'; job: ReportJob }
  | { phase: 'downloading'; job: ReportJob; received: number }
  | { phase: 'saved'; job: ReportJob }
  | { phase: 'error'; error: ApiError | null; message?: string };

const POLL_MS = 250;

type Request = { report: ReportJob['report']; lang: ReportJob['lang']; asOf?: string };

export function useReportExport() {
  // The whole flow is one command: a failure at any step is told to the session and kept.
  const { run: runCommand, error } = useCommand();
  const [progress, setProgress] = useState<ExportState>({ phase: 'idle' });
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const run = useCallback(
    async (request: Request) => {
      setProgress({ phase: 'idle' });
      await runCommand(async (): Promise<Result<null>> => {
        const started = await api['reports.export'](request);
        if (!started.ok) return started;
        let job = started.value;
        while (alive.current && job.state === 'running') {
          setProgress({ phase: 'running', job });
          await new Promise((r) => setTimeout(r, POLL_MS));
          const next = await api['reports.progress']({ jobId: job.jobId });
          if (!next.ok) return next;
          job = next.value;
        }
        if (!alive.current) return { ok: true, value: null };
        if (job.state === 'failed') {
          // The job's own failure (main's message) is not a call's error: nothing to note.
          setProgress({ phase: 'error', error: null, message: job.error ?? '' });
          return { ok: true, value: null };
        }
        const pieces: Uint8Array<ArrayBuffer>[] = [];
        let offset = 0;
        for (;;) {
          setProgress({ phase: 'downloading', job, received: offset });
          const piece = await api['reports.download']({ jobId: job.jobId, offset });
          if (!piece.ok) return piece;
          const bytes = base64ToBytes(piece.value.chunk);
          pieces.push(bytes);
          offset += bytes.length;
          if (piece.value.done || bytes.length === 0) break;
        }
        saveBlob(job.fileName, new Blob(pieces, { type: XLSX_MIME }));
        if (alive.current) setProgress({ phase: 'saved', job });
        return { ok: true, value: null };
      });
    },
    [runCommand],
  );

  const state: ExportState = error ? { phase: 'error', error } : progress;
  return { state, run };
}
