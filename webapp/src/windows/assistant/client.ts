// The assistant's HTTP API, as the window uses it: sessions, history, and a question answered as
// a stream (POST /agent/ask/stream, read with fetch since EventSource cannot POST), or in one
// piece from POST /agent/ask where the server has no stream. `base` is where the API is (the
// page's own origin in the app; a loopback server in the tests).
import { SseParser, SseTooLarge } from '../../sse';
import { answerAction, errorEventFailure, eventAction, type Action, type Failure } from './model';

/** A failed request, with what the window needs to say about it. `started`: the question was accepted. */
export class AskFailure extends Error {
  constructor(readonly failure: Failure, readonly started: boolean) {
    super(failure.detail || failure.reason || String(failure.status));
  }
}

/** How long a stream may stay silent (the server sends a heartbeat far more often) before it is given up. */
export const QUIET_MS = 90_000;
/** The most characters of an error body read. */
const MAX_ERROR_BODY = 4096;

const json = { 'Content-Type': 'application/json', Accept: 'application/json' };

export async function newSession(base = '', signal?: AbortSignal): Promise<string> {
  const d = await call(`${base}agent/sessions/new`, { method: 'POST', headers: json, body: '{}', signal });
  const id = (d as { session_id?: unknown })?.session_id;
  if (typeof id !== 'string') throw new AskFailure({ status: 200, reason: 'bad-answer' }, false);
  return id;
}

export async function history(base: string, sessionId: string, signal?: AbortSignal): Promise<unknown> {
  return call(`${base}agent/sessions/${encodeURIComponent(sessionId)}/history`, { headers: { Accept: 'application/json' }, signal });
}

export async function health(base = '', signal?: AbortSignal): Promise<{ status?: unknown; runner?: unknown }> {
  return (await call(`${base}agent/health`, { headers: { Accept: 'application/json' }, signal })) as { status?: unknown; runner?: unknown };
}

/**
 * Asks one question. Each event of the answer (text, tool calls and results, the answer) reaches
 * `onAction` as it comes; resolves once the answer came. Rejects with an AskFailure: `started`
 * false when the server refused the question before answering (429, 503, 401 ...).
 */
export async function ask(
  base: string, body: { session_id: string; message: string }, signal: AbortSignal, onAction: (a: Action) => void, quietMs = QUIET_MS,
): Promise<void> {
  const payload = JSON.stringify(body);
  const r = await send(`${base}agent/ask/stream`, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' }, body: payload, signal });
  if (r.status === 404 || r.status === 405) {
    // No stream on this server: the whole answer at once.
    const d = await call(`${base}agent/ask`, { method: 'POST', headers: json, body: payload, signal });
    const a = answerAction(d);
    if (!a) throw new AskFailure({ status: 200, reason: 'bad-answer' }, true);
    onAction(a);
    return;
  }
  if (!r.ok) throw new AskFailure(await failureOf(r), false);
  if (!(r.headers.get('Content-Type') ?? '').includes('text/event-stream')) {
    const a = answerAction(await r.json().catch(() => null));
    if (!a) throw new AskFailure({ status: r.status, reason: 'bad-answer' }, true);
    onAction(a);
    return;
  }
  if (!r.body) throw new AskFailure({ status: r.status, reason: 'cut-short' }, true);
  await readStream(r.body, signal, onAction, quietMs);
}

async function readStream(body: NonNullable<Response['body']>, signal: AbortSignal, onAction: (a: Action) => void, quietMs: number): Promise<void> {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  const parser = new SseParser();
  let quiet: ReturnType<typeof setTimeout> | undefined;
  let wentQuiet = false;
  const arm = () => {
    clearTimeout(quiet);
    quiet = setTimeout(() => { wentQuiet = true; reader.cancel().catch(() => {}); }, quietMs);
  };
  const onAbort = () => { reader.cancel().catch(() => {}); };
  signal.addEventListener('abort', onAbort);
  try {
    arm();
    for (;;) {
      let chunk: ReadableStreamReadResult<string>;
      try {
        chunk = await reader.read();
      } catch {
        if (signal.aborted) throw signal.reason ?? new DOMException('aborted', 'AbortError');
        throw new AskFailure({ status: 0, reason: wentQuiet ? 'quiet' : 'network' }, true);
      }
      if (signal.aborted) throw signal.reason ?? new DOMException('aborted', 'AbortError');
      if (chunk.done) break;
      arm(); // heartbeats (comments) count: the server is alive
      let events;
      try { events = parser.push(chunk.value); } catch (e) {
        if (e instanceof SseTooLarge) throw new AskFailure({ status: 0, reason: 'too-large' }, true);
        throw e;
      }
      for (const e of events) {
        let data: unknown = null;
        try { data = JSON.parse(e.data); } catch { /* not JSON: ignored below */ }
        if (e.event === 'error') throw new AskFailure(errorEventFailure(data), true);
        const a = eventAction(e.event, data);
        if (!a) continue;
        onAction(a);
        if (a.type === 'answer') return;
      }
    }
    if (wentQuiet) throw new AskFailure({ status: 0, reason: 'quiet' }, true);
    throw new AskFailure({ status: 0, reason: 'cut-short' }, true);
  } finally {
    clearTimeout(quiet);
    signal.removeEventListener('abort', onAbort);
    reader.cancel().catch(() => {});
  }
}

async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, credentials: 'same-origin' });
  } catch (e) {
    if (init.signal?.aborted) throw e;
    throw new AskFailure({ status: 0, reason: 'network' }, false);
  }
}

async function call(url: string, init: RequestInit): Promise<unknown> {
  const r = await send(url, init);
  if (!r.ok) throw new AskFailure(await failureOf(r), false);
  try {
    return await r.json();
  } catch {
    throw new AskFailure({ status: r.status, reason: 'bad-answer' }, false);
  }
}

/** A refusal's status, its Retry-After (seconds or an HTTP date) and the server's words (`detail`, `error` or `message`). */
export async function failureOf(r: Response): Promise<Failure> {
  const text = (await r.text().catch(() => '')).slice(0, MAX_ERROR_BODY);
  let detail = '';
  let retryBody: number | undefined;
  try {
    const d = JSON.parse(text) as Record<string, unknown>;
    const said = [d.detail, d.error, d.message].find((v) => typeof v === 'string');
    detail = typeof said === 'string' ? said : '';
    if (typeof d.retry_after_s === 'number' && Number.isFinite(d.retry_after_s)) retryBody = d.retry_after_s;
  } catch { /* not JSON */ }
  const retryAfterS = retryAfter(r.headers.get('Retry-After')) ?? retryBody;
  return { status: r.status, detail: detail.slice(0, 300), ...(retryAfterS !== undefined ? { retryAfterS } : {}) };
}

export function retryAfter(h: string | null, now = Date.now()): number | undefined {
  if (!h) return undefined;
  if (/^\s*\d+\s*$/.test(h)) return Number(h);
  const at = Date.parse(h);
  return Number.isFinite(at) ? Math.max(0, Math.ceil((at - now) / 1000)) : undefined;
}
