// Saves bytes main produced as a file through a blob link: the page never
// handles a path, and the same code works in the harness's browser and under
// Electron (which shows its own save dialog for a download).
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(text.length));
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

export function saveBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // the download has its own copy once started; give it a moment before freeing the URL
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function bytesToBase64(bytes: Uint8Array): string {
  let text = '';
  const STEP = 0x8000;
  for (let i = 0; i < bytes.length; i += STEP)
    text += String.fromCharCode(...bytes.subarray(i, i + STEP));
  return btoa(text);
}
