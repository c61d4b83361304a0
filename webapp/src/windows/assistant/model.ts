// The Assistant window's state, pure: the conversation, the answer being produced (its text as it
// streams, the tools it calls), and what went wrong, in words a user can act on. Everything the
// server or the model sends is checked here before it reaches the view: shapes, lengths, counts.

/** The server's bound on a question, in characters. */
export const MAX_MESSAGE_CHARS = 10_000;
/** The most characters of one answer shown (a runaway model's text is cut, with a note). */
export const MAX_ANSWER_CHARS = 200_000;
/** The most messages kept in view (the oldest go first). */
export const MAX_MESSAGES = 400;
/** The most tool calls shown for one answer. */
export const MAX_TOOLS = 50;

export interface ToolCall {
  id: string;
  name: string;
  /** The arguments, compact and short. */
  args: string;
  status: 'running' | 'ok' | 'error';
  preview?: string;
}

export interface ChatMessage {
  role: 'user' | 'assistant';
  text: string;
  /** ISO time, or null when the server gave none. */
  timestamp: string | null;
  isError?: boolean;
  tools?: ToolCall[];
  durationMs?: number;
  numTurns?: number;
}

export type Phase = 'loading' | 'ready' | 'asking' | 'absent';

export interface ChatState {
  phase: Phase;
  sessionId: string | null;
  messages: ChatMessage[];
  /** The answer being produced, shown as it grows. */
  pending: { text: string; tools: ToolCall[] } | null;
  /** The last failure, in words; cleared by the next question. */
  error: string | null;
}

export const initialChat = (sessionId: string | null): ChatState =>
  ({ phase: 'loading', sessionId, messages: [], pending: null, error: null });

export type Action =
  | { type: 'history'; sessionId: string | null; messages: ChatMessage[] }
  | { type: 'absent' }
  | { type: 'new-chat'; sessionId: string }
  | { type: 'session'; sessionId: string }
  | { type: 'ask'; text: string; at: string }
  | { type: 'text'; delta: string }
  | { type: 'tool_call'; id: string; name: string; args: string }
  | { type: 'tool_result'; id: string; name: string; isError: boolean; preview: string }
  | { type: 'answer'; result: string; isError: boolean; durationMs?: number; numTurns?: number; at: string }
  /** Refused before the question started (429, 503, 401 ...): the question is taken back. */
  | { type: 'refused'; message: string }
  /** Failed after it started: what came so far stays, marked as failed. */
  | { type: 'failed'; message: string }
  /** A failure outside a question (loading the history, starting a chat). */
  | { type: 'problem'; message: string };

const CUT = '\n\n[the answer was cut here: it was too long to show]';

export function reduce(s: ChatState, a: Action): ChatState {
  switch (a.type) {
    case 'history':
      return { ...s, phase: 'ready', sessionId: a.sessionId, messages: a.messages.slice(-MAX_MESSAGES), pending: null, error: null };
    case 'absent':
      return { ...s, phase: 'absent', pending: null };
    case 'new-chat':
      return { ...s, phase: 'ready', sessionId: a.sessionId, messages: [], pending: null, error: null };
    case 'session':
      return { ...s, sessionId: a.sessionId };
    case 'ask':
      if (s.phase === 'asking') return s;
      return { ...s, phase: 'asking', error: null, pending: { text: '', tools: [] }, messages: keep([...s.messages, { role: 'user', text: a.text, timestamp: a.at }]) };
    case 'text': {
      const p = s.pending;
      if (!p || s.phase !== 'asking' || p.text.endsWith(CUT)) return s;
      const text = p.text.length + a.delta.length > MAX_ANSWER_CHARS ? p.text + a.delta.slice(0, MAX_ANSWER_CHARS - p.text.length) + CUT : p.text + a.delta;
      return { ...s, pending: { ...p, text } };
    }
    case 'tool_call': {
      const p = s.pending;
      if (!p || s.phase !== 'asking' || p.tools.length >= MAX_TOOLS) return s;
      return { ...s, pending: { ...p, tools: [...p.tools, { id: a.id, name: a.name, args: a.args, status: 'running' }] } };
    }
    case 'tool_result': {
      const p = s.pending;
      if (!p || s.phase !== 'asking') return s;
      // By id; a result whose call was never seen (or had no id) settles the oldest running call of that name.
      let i = a.id ? p.tools.findIndex((t) => t.id === a.id) : -1;
      if (i < 0) i = p.tools.findIndex((t) => t.status === 'running' && t.name === a.name);
      if (i < 0) return s;
      const tools = p.tools.map((t, j) => (j === i ? { ...t, status: a.isError ? 'error' as const : 'ok' as const, preview: a.preview } : t));
      return { ...s, pending: { ...p, tools } };
    }
    case 'answer': {
      if (s.phase !== 'asking') return s;
      const p = s.pending ?? { text: '', tools: [] };
      const text = a.result.trim() ? clip(a.result) : p.text;
      const tools = p.tools.map((t) => (t.status === 'running' ? { ...t, status: 'ok' as const } : t));
      const msg: ChatMessage = { role: 'assistant', text, timestamp: a.at, tools, ...(a.isError ? { isError: true } : {}), durationMs: a.durationMs, numTurns: a.numTurns };
      return { ...s, phase: 'ready', pending: null, messages: keep([...s.messages, msg]), error: a.isError ? 'The assistant could not answer that question.' : null };
    }
    case 'refused': {
      if (s.phase !== 'asking') return { ...s, error: a.message };
      const last = s.messages.at(-1);
      const messages = last?.role === 'user' ? s.messages.slice(0, -1) : s.messages;
      return { ...s, phase: 'ready', pending: null, messages, error: a.message };
    }
    case 'failed': {
      if (s.phase !== 'asking') return { ...s, error: a.message };
      const p = s.pending;
      const tools = p?.tools.map((t) => (t.status === 'running' ? { ...t, status: 'error' as const } : t)) ?? [];
      const partial: ChatMessage[] = p && (p.text || tools.length) ? [{ role: 'assistant', text: p.text, timestamp: null, tools, isError: true }] : [];
      return { ...s, phase: 'ready', pending: null, messages: keep([...s.messages, ...partial]), error: a.message };
    }
    case 'problem':
      return { ...s, phase: s.phase === 'loading' ? 'ready' : s.phase, error: a.message };
  }
}

const keep = (ms: ChatMessage[]) => (ms.length > MAX_MESSAGES ? ms.slice(-MAX_MESSAGES) : ms);
const clip = (t: string) => (t.length > MAX_ANSWER_CHARS ? t.slice(0, MAX_ANSWER_CHARS) + CUT : t);
const str = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '');
const obj = (v: unknown): Record<string, unknown> | null => (v && typeof v === 'object' && !Array.isArray(v) ? v as Record<string, unknown> : null);
const count = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined);

/** A tool call's arguments in one short line: compact JSON, at most `max` characters. */
export function shortArgs(v: unknown, max = 80): string {
  let text: string;
  if (typeof v === 'string') {
    try { text = JSON.stringify(JSON.parse(v)); } catch { text = v; }
  } else {
    try { text = JSON.stringify(v) ?? ''; } catch { text = ''; }
  }
  text = text.replace(/\s+/g, ' ');
  if (text === '{}' || text === 'null') return '';
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

/**
 * One server-sent event of POST /agent/ask/stream as an action, or null for one to ignore (an
 * unknown kind, a shape that does not fit). `error` events are read by errorEventFailure.
 */
export function eventAction(event: string, data: unknown, now: () => string = () => new Date().toISOString()): Action | null {
  const d = obj(data);
  if (!d) return null;
  switch (event) {
    case 'text':
      return typeof d.delta === 'string' && d.delta ? { type: 'text', delta: d.delta.slice(0, MAX_ANSWER_CHARS) } : null;
    case 'tool_call':
      return typeof d.name === 'string' ? { type: 'tool_call', id: str(d.id, 200), name: d.name.slice(0, 100), args: shortArgs(d.arguments) } : null;
    case 'tool_result':
      return { type: 'tool_result', id: str(d.id, 200), name: str(d.name, 100), isError: d.is_error === true, preview: str(d.preview, 300) };
    case 'answer':
      return answerAction(d, now);
    default:
      return null;
  }
}

/** The stream's `error` event ({status, message, retry_after_s?}) as a failure. */
export function errorEventFailure(v: unknown): Failure {
  const d = obj(v) ?? {};
  const retryAfterS = count(d.retry_after_s);
  return { status: count(d.status) ?? 0, detail: str(d.message, 300), ...(retryAfterS !== undefined ? { retryAfterS } : {}) };
}

/** The answer of POST /agent/ask (or the stream's `answer` event) as an action; null if it is no answer. */
export function answerAction(v: unknown, now: () => string = () => new Date().toISOString()): Action | null {
  const d = obj(v);
  if (!d || typeof d.result !== 'string') return null;
  return { type: 'answer', result: d.result, isError: d.is_error === true, durationMs: count(d.duration_ms), numTurns: count(d.num_turns), at: now() };
}

/** GET /agent/sessions/{id}/history's messages that can be shown; anything else is left out. */
export function parseHistory(v: unknown): ChatMessage[] {
  const list = obj(v)?.messages;
  if (!Array.isArray(list)) return [];
  const out: ChatMessage[] = [];
  for (const m of list.slice(-MAX_MESSAGES)) {
    const o = obj(m);
    // A turn with no text (an assistant turn that only called tools) has nothing to show.
    if (!o || (o.role !== 'user' && o.role !== 'assistant') || typeof o.text !== 'string' || !o.text.trim()) continue;
    out.push({ role: o.role, text: clip(o.text), timestamp: time(o.timestamp) });
  }
  return out;
}

function time(v: unknown): string | null {
  // Seconds or milliseconds since the epoch, or an ISO string.
  const ms = typeof v === 'number' ? (v < 1e11 ? v * 1000 : v) : typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/** Why a question did not get its answer: an HTTP status (0: never reached the server) and what the server said. */
export interface Failure {
  status: number;
  retryAfterS?: number;
  detail?: string;
  reason?: 'network' | 'quiet' | 'too-large' | 'cut-short' | 'bad-answer';
}

/** Seconds as a person reads them: "45 s", "3 min". */
export function waitText(s: number): string {
  const n = Math.max(1, Math.ceil(s));
  return n < 90 ? `${n} s` : `${Math.ceil(n / 60)} min`;
}

/** A failure in words a user can act on. */
export function failureMessage(f: Failure): string {
  const detail = f.detail ? f.detail.trim().slice(0, 200) : '';
  const said = detail ? ` (The server said: ${detail.replace(/[.\s]+$/, '')}.)` : '';
  const retry = f.retryAfterS !== undefined ? `try again in ${waitText(f.retryAfterS)}` : 'try again in a moment';
  switch (f.reason) {
    case 'network': return 'Could not reach the server: check the connection and try again.';
    case 'quiet': return 'The server stopped sending anything: the answer was abandoned. Try again.';
    case 'too-large': return 'The server sent more than can be shown: the answer was abandoned.';
    case 'cut-short': return 'The answer stopped before it was finished (the connection closed). Try again.';
    case 'bad-answer': return 'The server sent an answer that could not be read.';
  }
  switch (f.status) {
    case 401: return 'You are logged out: log in again to ask the assistant.';
    case 403: return 'This chat is not yours: start a New chat.';
    case 404: return 'There is no assistant on this server.';
    case 413: return `The message is too long: at most ${MAX_MESSAGE_CHARS.toLocaleString('en')} characters.`;
    case 429: return `Too many questions: ${retry}.${said}`;
    case 503: return `The assistant is busy with other questions: ${retry}.${said}`;
    case 502:
    case 504:
      return /time|took too long/i.test(detail) || f.status === 504
        ? 'The assistant took too long and was stopped. Try a simpler or narrower question.'
        : `The assistant failed${detail ? `: ${detail}` : ''}. Try again.`;
    case 400: return `The server refused the question${detail ? `: ${detail}` : ''}.`;
    case 0: return `The assistant failed${detail ? `: ${detail}` : ''}.`;
    default: return `The server answered ${f.status}${detail ? `: ${detail}` : ''}.`;
  }
}
