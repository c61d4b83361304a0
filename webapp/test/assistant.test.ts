/// <reference types="node" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SseParser, SseTooLarge } from '../src/sse';
import { isSessionId, loadSession, saveSession, sessionKey } from '../src/windows/assistant/storage';
import {
  MAX_ANSWER_CHARS, MAX_TOOLS, answerAction, errorEventFailure, eventAction, failureMessage, initialChat, parseHistory, reduce, shortArgs,
  type Action, type ChatState,
} from '../src/windows/assistant/model';
import { AskFailure, ask, history, newSession, retryAfter } from '../src/windows/assistant/client';
import { blocks, spans } from '../src/windows/assistant/text';

const ID = '0b6f3c9e-2f1d-4c7a-9a0e-5d1f2b3c4d5e';
const ID2 = '7e2d1c0b-aaaa-4bbb-8ccc-123456789abc';

class MemoryStorage {
  items = new Map<string, string>();
  getItem(k: string) { return this.items.get(k) ?? null; }
  setItem(k: string, v: string) { this.items.set(k, v); }
  removeItem(k: string) { this.items.delete(k); }
}

describe('the SSE parser', () => {
  it('skips heartbeat comments and joins an event split across chunks', () => {
    const p = new SseParser();
    expect(p.push(': ping\n\n: ping\n\nevent: te')).toEqual([]);
    expect(p.push('xt\ndata: {"delta":"Hel"}\n')).toEqual([]);
    expect(p.push('\nevent: text\ndata: {"delta":"lo"}\n\n')).toEqual([
      { event: 'text', data: '{"delta":"Hel"}' },
      { event: 'text', data: '{"delta":"lo"}' },
    ]);
  });

  it('refuses an event that outgrows its bound, whether one endless line or many data lines', () => {
    const line = new SseParser(100);
    expect(() => line.push('data: ' + 'x'.repeat(200))).toThrow(SseTooLarge);
    const lines = new SseParser(100);
    lines.push('data: 0123456789\n'.repeat(5));
    expect(() => lines.push('data: 0123456789\n'.repeat(5))).toThrow(SseTooLarge);
    // Ended events free their room: many small ones pass.
    const ok = new SseParser(100);
    for (let i = 0; i < 50; i++) expect(ok.push('data: 0123456789\n\n')).toHaveLength(1);
  });
});

describe('the session id in storage', () => {
  it('is kept under a key per user', () => {
    expect(sessionKey('admin')).toBe('overlord.assistant.session.v1:admin');
    const s = new MemoryStorage();
    saveSession(s, 'admin', ID);
    saveSession(s, 'bob', ID2);
    expect(loadSession(s, 'admin')).toBe(ID);
    expect(loadSession(s, 'bob')).toBe(ID2);
    expect(loadSession(s, 'carol')).toBeNull();
    expect([...s.items.keys()].sort()).toEqual(['overlord.assistant.session.v1:admin', 'overlord.assistant.session.v1:bob']);
  });

  it('keeps only canonical UUIDs, forgets on null, and survives a storage that refuses', () => {
    const s = new MemoryStorage();
    s.setItem(sessionKey('admin'), 'not-a-uuid');
    expect(loadSession(s, 'admin')).toBeNull();
    saveSession(s, 'admin', ID.toUpperCase());
    expect(s.getItem(sessionKey('admin'))).toBe('not-a-uuid');
    saveSession(s, 'admin', null);
    expect(s.getItem(sessionKey('admin'))).toBeNull();
    expect(isSessionId(ID)).toBe(true);
    expect(isSessionId(`${ID}\n`)).toBe(false);
    const refusing = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); }, removeItem: () => {} };
    expect(loadSession(refusing, 'admin')).toBeNull();
    expect(() => saveSession(refusing, 'admin', ID)).not.toThrow();
  });
});

const run = (s: ChatState, ...as: Action[]) => as.reduce(reduce, s);
const ready = (): ChatState => reduce(initialChat(ID), { type: 'history', sessionId: ID, messages: [] });

describe('the conversation state', () => {
  it('shows the answer as it grows, tool calls as they happen, then keeps the answer', () => {
    let s = run(ready(), { type: 'ask', text: 'who is online?', at: '2026-12-05T12:00:00.000Z' });
    expect(s.phase).toBe('asking');
    expect(s.messages).toEqual([{ role: 'user', text: 'who is online?', timestamp: '2026-12-05T12:00:00.000Z' }]);
    s = run(s, { type: 'tool_call', id: 'c1', name: 'get_live_players', args: '' });
    expect(s.pending?.tools).toEqual([{ id: 'c1', name: 'get_live_players', args: '', status: 'running' }]);
    s = run(s, { type: 'tool_result', id: 'c1', name: 'get_live_players', isError: false, preview: '[...]' }, { type: 'text', delta: 'Three ' });
    expect(s.pending).toEqual({ text: 'Three ', tools: [{ id: 'c1', name: 'get_live_players', args: '', status: 'ok', preview: '[...]' }] });
    s = run(s, { type: 'text', delta: 'are.' });
    expect(s.pending?.text).toBe('Three are.');
    // A second question while one runs is not taken.
    expect(run(s, { type: 'ask', text: 'again', at: 'x' })).toBe(s);
    s = run(s, { type: 'answer', result: 'Three are online.', isError: false, durationMs: 1200, numTurns: 2, at: '2026-12-05T12:00:02.000Z' });
    expect(s.phase).toBe('ready');
    expect(s.pending).toBeNull();
    expect(s.messages[1]).toMatchObject({ role: 'assistant', text: 'Three are online.', durationMs: 1200, numTurns: 2, tools: [{ name: 'get_live_players', status: 'ok' }] });
    expect(s.error).toBeNull();
  });

  it('keeps the streamed text when the answer event has none, and settles tool results by name when ids are missing', () => {
    const s = run(ready(), { type: 'ask', text: 'q', at: 't' }, { type: 'tool_call', id: '', name: 'search_items', args: '{"q":"x"}' },
      { type: 'tool_result', id: '', name: 'search_items', isError: true, preview: 'bad' }, { type: 'text', delta: 'partial' },
      { type: 'answer', result: '  ', isError: false, at: 't2' });
    expect(s.messages[1]).toMatchObject({ text: 'partial', tools: [{ name: 'search_items', status: 'error', preview: 'bad' }] });
  });

  it('takes a refused question back and says why; a failed one keeps what came, marked failed', () => {
    const asked = run(ready(), { type: 'ask', text: 'q', at: 't' });
    const refused = run(asked, { type: 'refused', message: 'Too many questions' });
    expect(refused).toMatchObject({ phase: 'ready', messages: [], pending: null, error: 'Too many questions' });
    const failed = run(asked, { type: 'tool_call', id: 'c', name: 'get_inventory', args: '' }, { type: 'text', delta: 'half' }, { type: 'failed', message: 'took too long' });
    expect(failed.phase).toBe('ready');
    expect(failed.error).toBe('took too long');
    expect(failed.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(failed.messages[1]).toMatchObject({ text: 'half', isError: true, tools: [{ status: 'error' }] });
    // Nothing came: only the question stays.
    expect(run(asked, { type: 'failed', message: 'x' }).messages).toHaveLength(1);
  });

  it('ignores events outside a question, and bounds an answer and its tool calls', () => {
    const idle = ready();
    expect(run(idle, { type: 'text', delta: 'stray' }, { type: 'answer', result: 'stray', isError: false, at: 't' })).toEqual(idle);
    let s = run(idle, { type: 'ask', text: 'q', at: 't' });
    for (let i = 0; i < 30; i++) s = run(s, { type: 'text', delta: 'x'.repeat(MAX_ANSWER_CHARS / 10) });
    expect(s.pending!.text.length).toBeLessThan(MAX_ANSWER_CHARS + 100);
    expect(s.pending!.text).toMatch(/too long to show\]$/);
    for (let i = 0; i < MAX_TOOLS + 10; i++) s = run(s, { type: 'tool_call', id: `c${i}`, name: 't', args: '' });
    expect(s.pending!.tools).toHaveLength(MAX_TOOLS);
  });

  it('empties the view on a new chat and keeps its id', () => {
    const s = run(ready(), { type: 'ask', text: 'q', at: 't' }, { type: 'answer', result: 'a', isError: false, at: 't' }, { type: 'new-chat', sessionId: ID2 });
    expect(s).toMatchObject({ sessionId: ID2, messages: [], phase: 'ready', error: null });
  });

  it('reads the history, leaving out what it cannot show', () => {
    const got = parseHistory({ messages: [
      { role: 'user', text: 'hi', timestamp: '2026-12-05T12:00:00Z' },
      { role: 'assistant', text: 'hello', timestamp: 1_764_936_000 },
      { role: 'system', text: 'secret prompt' }, { role: 'user', text: 42 }, null, 'junk', { role: 'assistant', text: ' ' },
      { role: 'assistant', text: '<img src=x onerror=alert(1)>', timestamp: 'not a time' },
    ] });
    expect(got).toEqual([
      { role: 'user', text: 'hi', timestamp: '2026-12-05T12:00:00.000Z' },
      { role: 'assistant', text: 'hello', timestamp: new Date(1_764_936_000_000).toISOString() },
      { role: 'assistant', text: '<img src=x onerror=alert(1)>', timestamp: null },
    ]);
    expect(parseHistory({ messages: 'nope' })).toEqual([]);
    expect(parseHistory(null)).toEqual([]);
  });

  it('reads stream events defensively', () => {
    expect(eventAction('text', { delta: 'a' })).toEqual({ type: 'text', delta: 'a' });
    expect(eventAction('text', { delta: 5 })).toBeNull();
    expect(eventAction('text', 'a')).toBeNull();
    expect(eventAction('tool_call', { id: 'c', name: 'get_player_state', arguments: { character: 'Larsson', extra: 'x'.repeat(200) } }))
      .toMatchObject({ type: 'tool_call', id: 'c', name: 'get_player_state', args: expect.stringMatching(/^\{"character":"Larsson".{0,70}…$/) });
    expect(eventAction('tool_call', { id: 'c' })).toBeNull();
    expect(eventAction('tool_result', { id: 'c', name: 'n', is_error: 'yes', preview: 'p' })).toEqual({ type: 'tool_result', id: 'c', name: 'n', isError: false, preview: 'p' });
    expect(eventAction('surprise', {})).toBeNull();
    expect(answerAction({ result: 'r', is_error: true, duration_ms: -1, num_turns: 3 }, () => 'now')).toEqual({ type: 'answer', result: 'r', isError: true, durationMs: undefined, numTurns: 3, at: 'now' });
    expect(answerAction({ result: null })).toBeNull();
    expect(errorEventFailure({ status: 502, message: 'timed out after 120 s', retry_after_s: 'soon' })).toEqual({ status: 502, detail: 'timed out after 120 s' });
    expect(shortArgs('{ "a" : 1 }')).toBe('{"a":1}');
    expect(shortArgs({})).toBe('');
  });

  it('says each failure in words a user can act on', () => {
    expect(failureMessage({ status: 429, retryAfterS: 42 })).toBe('Too many questions: try again in 42 s.');
    expect(failureMessage({ status: 429, retryAfterS: 37, detail: 'rate limit exceeded.' })).toBe('Too many questions: try again in 37 s. (The server said: rate limit exceeded.)');
    expect(failureMessage({ status: 429, retryAfterS: 1800 })).toMatch(/try again in 30 min/);
    expect(failureMessage({ status: 503, retryAfterS: 5 })).toMatch(/busy.*try again in 5 s/);
    expect(failureMessage({ status: 502, detail: 'assistant timed out after 120s' })).toMatch(/took too long/);
    expect(failureMessage({ status: 502, detail: 'runner exited with 1' })).toBe('The assistant failed: runner exited with 1. Try again.');
    expect(failureMessage({ status: 401 })).toMatch(/log in/);
    expect(failureMessage({ status: 0, reason: 'network' })).toMatch(/Could not reach the server/);
    expect(failureMessage({ status: 413 })).toMatch(/10,000 characters/);
    expect(retryAfter('17')).toBe(17);
    expect(retryAfter(new Date(Date.parse('2026-12-05T12:01:00Z')).toUTCString(), Date.parse('2026-12-05T12:00:00Z'))).toBe(60);
    expect(retryAfter('soon')).toBeUndefined();
  });
});

describe('answer text', () => {
  it('reads code fences, paragraphs, lists and inline code, and leaves markup as text', () => {
    const b = blocks('Hello <b>there</b>\nsecond line\n\n- one `get_inventory`\n- two\n\n```sql\nSELECT 1;\n```\nafter');
    expect(b).toEqual([
      { kind: 'para', lines: ['Hello <b>there</b>', 'second line'] },
      { kind: 'list', items: ['one `get_inventory`', 'two'] },
      { kind: 'code', lang: 'sql', text: 'SELECT 1;' },
      { kind: 'para', lines: ['after'] },
    ]);
    expect(spans('one `get_inventory` and `x')).toEqual([{ code: false, text: 'one ' }, { code: true, text: 'get_inventory' }, { code: false, text: ' and `x' }]);
    // A fence still open while the answer streams runs to the end.
    expect(blocks('```\npartial')).toEqual([{ kind: 'code', lang: '', text: 'partial' }]);
  });
});

// The client against a real HTTP server on loopback: streams written in pieces, refusals, the fallback.
type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;
let server: Server;
let base = '';
let handler: Handler = (_q, res) => { res.statusCode = 500; res.end(); };
const asked: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => { asked.push(`${req.method} ${req.url}`); handler(req, res, body); });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((ok) => { server.closeAllConnections(); server.close(() => ok()); }));

const sse = (res: ServerResponse) => res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
const collect = async (quietMs?: number) => {
  const got: Action[] = [];
  let error: AskFailure | null = null;
  await ask(base, { session_id: ID, message: 'who is online?' }, new AbortController().signal, (a) => got.push(a), quietMs)
    .catch((e) => { error = e; });
  return { got, error: error as AskFailure | null };
};

describe('the assistant client', () => {
  it('reads a streamed answer written in pieces, with heartbeats between them', async () => {
    let sent = '';
    handler = (req, res, body) => {
      sent = body;
      sse(res);
      const parts = [': heartbeat\n\n', 'event: tool_call\ndata: {"id":"c1","name":"get_live_players","arguments":{}}\n', '\n',
        'event: tool_result\ndata: {"id":"c1","name":"get_live_players","is_error":false,"preview":"[]"}\n\nevent: text\ndata: {"delt', 'a":"Nobody "}\n\n',
        ': heartbeat\n\nevent: text\ndata: {"delta":"is online."}\n\n',
        `event: answer\ndata: {"result":"Nobody is online.","session_id":"${ID}","duration_ms":40,"num_turns":2,"is_error":false}\n\n`];
      let i = 0;
      const next = () => { if (i < parts.length) { res.write(parts[i++]); setTimeout(next, 5); } else res.end(); };
      next();
    };
    const { got, error } = await collect();
    expect(error).toBeNull();
    expect(JSON.parse(sent)).toEqual({ session_id: ID, message: 'who is online?' });
    expect(got.map((a) => a.type)).toEqual(['tool_call', 'tool_result', 'text', 'text', 'answer']);
    expect(got[4]).toMatchObject({ result: 'Nobody is online.', durationMs: 40, numTurns: 2 });
    expect(asked.at(-1)).toBe('POST /agent/ask/stream');
  });

  it('falls back to POST /agent/ask where the server has no stream', async () => {
    handler = (req, res) => {
      if (req.url === '/agent/ask/stream') { res.writeHead(405, { 'Content-Type': 'application/json' }); res.end('{"detail":"Method Not Allowed"}'); return; }
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ result: 'All at once.', session_id: ID, duration_ms: 5, num_turns: 1, is_error: false }));
    };
    const { got, error } = await collect();
    expect(error).toBeNull();
    expect(asked.slice(-2)).toEqual(['POST /agent/ask/stream', 'POST /agent/ask']);
    expect(got).toMatchObject([{ type: 'answer', result: 'All at once.' }]);
  });

  it('tells a refusal before the stream (429 with Retry-After, 503, 401) from a failure within it', async () => {
    handler = (_q, res) => { res.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': '37' }); res.end('{"detail":"rate limit exceeded"}'); };
    let r = await collect();
    expect(r.error?.started).toBe(false);
    expect(r.error?.failure).toEqual({ status: 429, retryAfterS: 37, detail: 'rate limit exceeded' });
    expect(failureMessage(r.error!.failure)).toMatch(/try again in 37 s/);

    handler = (_q, res) => { res.writeHead(401); res.end(); };
    r = await collect();
    expect(r.error?.failure.status).toBe(401);

    handler = (_q, res) => { sse(res); res.end('event: text\ndata: {"delta":"so far"}\n\nevent: error\ndata: {"status":502,"message":"the assistant timed out after 120 s"}\n\n'); };
    r = await collect();
    expect(r.got).toEqual([{ type: 'text', delta: 'so far' }]);
    expect(r.error?.started).toBe(true);
    expect(failureMessage(r.error!.failure)).toMatch(/took too long/);
  });

  it('says a stream that ends without an answer was cut short, and gives up on one gone quiet', async () => {
    handler = (_q, res) => { sse(res); res.end('event: text\ndata: {"delta":"half"}\n\n'); };
    let r = await collect();
    expect(r.error?.failure.reason).toBe('cut-short');

    handler = (_q, res) => { sse(res); res.write(': heartbeat\n\n'); /* then nothing */ };
    r = await collect(300);
    expect(r.error?.failure.reason).toBe('quiet');
    expect(r.error?.started).toBe(true);
  });

  it('makes sessions and reads history', async () => {
    handler = (req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(req.url === '/agent/sessions/new' ? JSON.stringify({ session_id: ID2 }) : JSON.stringify({ messages: [{ role: 'user', text: 'hi', timestamp: '2026-12-05T12:00:00Z' }] }));
    };
    expect(await newSession(base)).toBe(ID2);
    expect(parseHistory(await history(base, ID2))).toHaveLength(1);
    expect(asked.at(-1)).toBe(`GET /agent/sessions/${ID2}/history`);
    handler = (_q, res) => { res.writeHead(200, { 'Content-Type': 'application/json' }); res.end('{"session_id":7}'); };
    await expect(newSession(base)).rejects.toBeInstanceOf(AskFailure);
  });
});
