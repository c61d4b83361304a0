// The HTTP API, relative to where the app is served.
export class HttpError extends Error {
  constructor(readonly status: number, message: string) { super(message); }
}

export async function getJson<T = any>(path: string): Promise<T> {
  const r = await fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!r.ok) {
    let msg = `${r.status}`;
    try { msg = (await r.json()).error ?? msg; } catch { /* not JSON */ }
    throw new HttpError(r.status, msg);
  }
  return r.json() as Promise<T>;
}

export async function postJson<T = any>(path: string, body: unknown): Promise<T> {
  const r = await fetch(path, { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const data = await r.json().catch(() => ({}));
  if (!r.ok) throw new HttpError(r.status, data.error ?? `${r.status}`);
  return data as T;
}

export const enc = encodeURIComponent;
