// A text/event-stream read from a fetch body: EventSource cannot POST, so the suitbuilder and the
// assistant read the stream themselves. The parser follows the format's rules: events end at a
// blank line, `data:` lines join with newlines, `:` lines are comments, CR, LF and CRLF all end a
// line. What it holds between events is bounded: a server that never ends a line or an event
// cannot grow the page's memory without limit.

export interface SseEvent { event: string; data: string; id?: string }

/** The most characters one event (its unfinished line and data lines) may hold. */
export const SSE_MAX_EVENT_CHARS = 1 << 20;

export class SseTooLarge extends Error {
  constructor(readonly limit: number) { super(`a server-sent event over ${limit} characters`); }
}

export class SseParser {
  private buffer = '';
  private event = '';
  private data: string[] = [];
  private dataChars = 0;
  private id: string | undefined;

  constructor(private readonly maxEventChars = SSE_MAX_EVENT_CHARS) {}

  /** Feeds a chunk of text; returns the events it completed. Throws SseTooLarge past the bound. */
  push(chunk: string): SseEvent[] {
    this.buffer += chunk;
    const out: SseEvent[] = [];
    for (;;) {
      const m = /\r\n|\r|\n/.exec(this.buffer);
      if (!m) break;
      // A lone CR at the very end may be the first half of a CRLF: wait for the next chunk.
      if (m[0] === '\r' && m.index === this.buffer.length - 1) break;
      const line = this.buffer.slice(0, m.index);
      this.buffer = this.buffer.slice(m.index + m[0].length);
      this.line(line, out);
    }
    if (this.buffer.length + this.dataChars > this.maxEventChars) {
      this.end();
      throw new SseTooLarge(this.maxEventChars);
    }
    return out;
  }

  /** The end of the stream: an event not ended by a blank line is dropped, as the format says. */
  end(): SseEvent[] {
    this.buffer = '';
    this.data = [];
    this.dataChars = 0;
    this.event = '';
    return [];
  }

  private line(line: string, out: SseEvent[]): void {
    if (line === '') {
      if (this.data.length) out.push({ event: this.event || 'message', data: this.data.join('\n'), ...(this.id !== undefined ? { id: this.id } : {}) });
      this.data = [];
      this.dataChars = 0;
      this.event = '';
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.event = value;
    else if (field === 'data') {
      this.data.push(value);
      this.dataChars += value.length + 1;
    }
    else if (field === 'id') this.id = value;
  }
}

/**
 * POSTs `body` as JSON and calls `onEvent` for each server-sent event until the stream ends or
 * `signal` aborts. A non-2xx answer rejects with the server's `error` text and Retry-After.
 */
export async function postEventStream(
  path: string, body: unknown, signal: AbortSignal, onEvent: (e: SseEvent) => void,
): Promise<void> {
  const r = await fetch(path, {
    method: 'POST', credentials: 'same-origin', signal,
    headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
    body: JSON.stringify(body),
  });
  if (!r.ok) {
    let msg = `${r.status}`;
    try { msg = (await r.json()).error ?? msg; } catch { /* not JSON */ }
    const retry = r.headers.get('Retry-After');
    throw new StreamError(r.status, msg, retry === null ? undefined : Number(retry));
  }
  if (!r.body) throw new StreamError(r.status, 'no body', undefined);
  const reader = r.body.pipeThrough(new TextDecoderStream()).getReader();
  const parser = new SseParser();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      for (const e of parser.push(value)) onEvent(e);
    }
  } finally {
    reader.releaseLock();
  }
}

export class StreamError extends Error {
  constructor(readonly status: number, message: string, readonly retryAfterS: number | undefined) { super(message); }
}
