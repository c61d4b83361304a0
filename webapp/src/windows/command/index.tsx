import { useState, type FormEvent } from 'react';
import { useApp, useFeed } from '../../app/context';
import type { WindowProps } from '../props';

export default function Command({ character }: WindowProps) {
  const { conn } = useApp();
  const feed = useFeed();
  const names = Object.keys(feed.characters).sort();
  const [who, setWho] = useState(character ?? '');
  const [text, setText] = useState('');
  const [sentAt, setSentAt] = useState(0);
  const [error, setError] = useState('');
  const target = who || names[0] || '';
  function send(e: FormEvent) {
    e.preventDefault();
    if (!target || !text.trim()) return;
    if (!conn.send({ player_name: target, command: text.trim() })) { setError('not connected'); return; }
    setError('');
    setSentAt(Date.now());
  }
  const results = feed.commandResults.filter((r) => r.player_name === target && r.at >= sentAt - 1000);
  const answers = feed.chat.filter((l) => l.character === target && Date.parse(l.timestamp) >= sentAt - 5000 && /command/i.test(l.text));
  return (
    <form onSubmit={send}>
      <div className="row">
        <label>Character <select value={target} onChange={(e) => setWho(e.target.value)} aria-label="Character">{names.map((n) => <option key={n}>{n}</option>)}</select></label>
      </div>
      <div className="row">
        <input value={text} onChange={(e) => setText(e.target.value)} placeholder="/vt start" aria-label="Command" style={{ flex: 1 }} />
        <button>Send</button>
      </div>
      <p role="alert" className="error">{error}</p>
      {sentAt > 0 && (
        <div data-testid="command-output">
          {results.map((r, i) => <p key={i}>{r.command}: <strong>{r.status}</strong>{r.error ? ` (${r.error})` : ''}</p>)}
          <ul className="chat-lines">{answers.map((l) => <li key={l.seq}>{l.text}</li>)}</ul>
        </div>
      )}
    </form>
  );
}
