import { ApiFailure } from './client.js';

/**
 * Fetches a file from the API (a path made with `path(route, …)`) with the staff token and hands it to the browser as a download: a plain link cannot
 * carry the bearer header, so the answer becomes a Blob behind a temporary object URL.
 */
export async function downloadFile(url: string, token: string, fallbackName: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  } catch {
    throw new ApiFailure(0, 'network', 'The server cannot be reached.');
  }
  if (!res.ok) {
    const text = await res.text();
    let message = `The server answered ${res.status}.`;
    try {
      const body = JSON.parse(text) as { error?: { message?: string } };
      if (body.error?.message) message = body.error.message;
    } catch {
      // keep the generic message
    }
    throw new ApiFailure(res.status, res.status === 401 ? 'unauthorized' : res.status === 403 ? 'forbidden' : 'bad_request', message);
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  saveBlob(await res.blob(), name);
}

/** Offers a Blob as a file download. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
