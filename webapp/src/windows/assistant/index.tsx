// Assistant: questions about the fleet answered by the server's assistant (/agent). The session id
// is kept per user in localStorage and the conversation comes back from the server's history on
// load; an answer is shown as it is produced, with each tool call as it happens; refusals (rate
// limit, busy, timeout, logged out) are said in words. Model text is rendered as text only.
import { useEffect, useId, useReducer, useRef, useState, type KeyboardEvent } from 'react';
import { useApp } from '../../app/context';
import { AskFailure, ask, health, history, newSession } from './client';
import { MAX_MESSAGE_CHARS, failureMessage, initialChat, parseHistory, reduce, type ChatMessage, type ToolCall } from './model';
import { loadSession, saveSession } from './storage';
import { blocks, spans } from './text';

const failureOf = (e: unknown) => (e instanceof AskFailure ? e : new AskFailure({ status: 0, reason: 'network' }, false));

export default function Assistant() {
  const { user } = useApp();
  const [s, dispatch] = useReducer(reduce, user, (u) => initialChat(loadSession(localStorage, u)));
  const [input, setInput] = useState('');
  const [runner, setRunner] = useState('');
  const asking = useRef<AbortController | null>(null);
  const log = useRef<HTMLDivElement>(null);
  const box = useRef<HTMLTextAreaElement>(null);
  const ids = useId();

  useEffect(() => () => asking.current?.abort(), []);

  // The runner's name (GET /agent/health) and the conversation so far.
  useEffect(() => {
    const ac = new AbortController();
    health('', ac.signal).then(
      (h) => setRunner(typeof h.runner === 'string' ? h.runner.slice(0, 40) : ''),
      (e) => { if (!ac.signal.aborted && failureOf(e).failure.status === 404) dispatch({ type: 'absent' }); });
    const id = loadSession(localStorage, user);
    if (!id) dispatch({ type: 'history', sessionId: null, messages: [] });
    else {
      history('', id, ac.signal).then(
        (d) => dispatch({ type: 'history', sessionId: id, messages: parseHistory(d) }),
        (e) => {
          if (ac.signal.aborted) return;
          const f = failureOf(e).failure;
          if (f.status === 404) dispatch({ type: 'absent' });
          else if (f.status === 400 || f.status === 403) {
            // Not a session this server will show us: start afresh.
            saveSession(localStorage, user, null);
            dispatch({ type: 'history', sessionId: null, messages: [] });
          } else dispatch({ type: 'problem', message: `The conversation could not be loaded. ${failureMessage(f)}` });
        });
    }
    return () => ac.abort();
  }, [user]);

  // Keep the newest line in view as the answer grows.
  useEffect(() => {
    const el = log.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [s.messages.length, s.pending?.text.length, s.pending?.tools.length]);

  const busy = s.phase === 'asking';
  const absent = s.phase === 'absent';
  const loading = s.phase === 'loading';

  const send = async () => {
    const text = input.trim();
    if (!text || busy || absent || loading || text.length > MAX_MESSAGE_CHARS) return;
    const ac = new AbortController();
    asking.current = ac;
    dispatch({ type: 'ask', text, at: new Date().toISOString() });
    setInput('');
    try {
      let id = s.sessionId;
      if (!id) {
        id = await newSession('', ac.signal);
        saveSession(localStorage, user, id);
        dispatch({ type: 'session', sessionId: id });
      }
      await ask('', { session_id: id, message: text }, ac.signal, dispatch);
    } catch (e) {
      if (ac.signal.aborted) return;
      const f = failureOf(e);
      const message = failureMessage(f.failure);
      if (f.started) dispatch({ type: 'failed', message });
      else {
        dispatch({ type: 'refused', message });
        setInput((now) => now || text); // the question back, to send again
      }
    } finally {
      if (asking.current === ac) asking.current = null;
      requestAnimationFrame(() => box.current?.focus());
    }
  };

  const newChat = async () => {
    if (busy) return;
    try {
      const id = await newSession('');
      saveSession(localStorage, user, id);
      dispatch({ type: 'new-chat', sessionId: id });
      box.current?.focus();
    } catch (e) {
      dispatch({ type: 'problem', message: `A new chat could not be started. ${failureMessage(failureOf(e).failure)}` });
    }
  };

  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void send();
    }
  };

  const n = input.length;
  const pendingTools = s.pending?.tools ?? [];
  return (
    <div className="assistant-window" data-testid="assistant" data-phase={s.phase} data-session={s.sessionId ?? ''}>
      <div className="row">
        <button type="button" onClick={newChat} disabled={busy || absent || loading}>New chat</button>
        {runner && <span className="muted small" data-testid="assistant-runner">runner: {runner}</span>}
        <span className="muted small" role="status" data-testid="assistant-status">
          {loading ? 'Loading the conversation…' : busy ? `Answering…${pendingTools.length ? ` (${pendingTools.length} tool ${pendingTools.length === 1 ? 'call' : 'calls'})` : ''}` : ''}
        </span>
      </div>
      <div className="assistant-log" role="log" aria-label="Conversation" aria-busy={busy} ref={log} data-testid="assistant-log">
        {absent && <p className="muted">There is no assistant on this server.</p>}
        {!absent && !loading && !s.messages.length && !s.pending && (
          <p className="muted" data-testid="assistant-empty">Ask about the fleet: who is online, what someone carries, recent rares, a suit to build…</p>
        )}
        {s.messages.map((m, i) => <Message key={i} m={m} />)}
        {s.pending && (
          <article className="msg assistant pending" data-testid="assistant-pending" aria-label="Answer in progress" aria-busy="true">
            <Tools tools={s.pending.tools} />
            {s.pending.text ? <Body text={s.pending.text} /> : <p className="muted">Thinking…</p>}
          </article>
        )}
      </div>
      {s.error && <p className="error" role="alert" data-testid="assistant-error">{s.error}</p>}
      <form className="assistant-ask" onSubmit={(e) => { e.preventDefault(); void send(); }}>
        <label htmlFor={`${ids}-q`}>Ask the assistant</label>
        <textarea
          id={`${ids}-q`} ref={box} rows={3} maxLength={MAX_MESSAGE_CHARS} value={input}
          onChange={(e) => setInput(e.target.value)} onKeyDown={onKey} disabled={busy || absent}
          aria-describedby={`${ids}-n ${ids}-h`} placeholder="Who is online near Holtburg?"
        />
        <div className="row">
          <span id={`${ids}-n`} className={`small ${n >= MAX_MESSAGE_CHARS ? 'error' : 'muted'}`} data-testid="assistant-counter">
            {n.toLocaleString('en')} / {MAX_MESSAGE_CHARS.toLocaleString('en')} characters
          </span>
          <span id={`${ids}-h`} className="muted small">Enter sends, Shift+Enter starts a new line</span>
          <button type="submit" disabled={busy || absent || loading || !input.trim()}>{busy ? 'Asking…' : 'Send'}</button>
        </div>
      </form>
    </div>
  );
}

function Message({ m }: { m: ChatMessage }) {
  const when = m.timestamp ? new Date(m.timestamp) : null;
  return (
    <article className={`msg ${m.role}${m.isError ? ' failed' : ''}`} data-role={m.role} aria-label={m.role === 'user' ? 'You' : 'Assistant'}>
      <header className="small muted">
        {m.role === 'user' ? 'You' : 'Assistant'}
        {when && <> · <time dateTime={m.timestamp!} title={m.timestamp!}>{when.toLocaleTimeString()}</time></>}
        {m.durationMs !== undefined && <> · {(m.durationMs / 1000).toFixed(1)} s</>}
        {m.numTurns !== undefined && <> · {m.numTurns} {m.numTurns === 1 ? 'turn' : 'turns'}</>}
        {m.isError && <> · failed</>}
      </header>
      {m.tools && <Tools tools={m.tools} />}
      {m.role === 'user' ? <p className="user-text">{m.text}</p> : <Body text={m.text} />}
    </article>
  );
}

function Tools({ tools }: { tools: ToolCall[] }) {
  if (!tools.length) return null;
  return (
    <ul className="tool-calls" aria-label="Tool calls" data-testid="assistant-tools">
      {tools.map((t, i) => (
        <li key={`${t.id}-${i}`} data-tool={t.name} data-status={t.status} title={t.preview || undefined}>
          <span className="tool-name">{t.name}</span>
          {t.args && <code className="tool-args">{t.args}</code>}
          <span className={`tool-status ${t.status}`}>{t.status === 'running' ? 'running…' : t.status}</span>
        </li>
      ))}
    </ul>
  );
}

/** An answer's text: code blocks, paragraphs, lists and inline code, every piece as plain text. */
function Body({ text }: { text: string }) {
  return (
    <div className="answer-text" data-testid="assistant-answer">
      {blocks(text).map((b, i) => {
        if (b.kind === 'code') return <pre key={i} data-lang={b.lang || undefined}><code>{b.text}</code></pre>;
        if (b.kind === 'list') return <ul key={i}>{b.items.map((t, j) => <li key={j}><Line text={t} /></li>)}</ul>;
        return <p key={i}>{b.lines.map((l, j) => <span key={j}>{j > 0 && <br />}<Line text={l} /></span>)}</p>;
      })}
    </div>
  );
}

function Line({ text }: { text: string }) {
  return <>{spans(text).map((s, i) => (s.code ? <code key={i}>{s.text}</code> : <span key={i}>{s.text}</span>))}</>;
}
