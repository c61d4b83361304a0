import { useState } from 'react';
import { useFeed } from '../../app/context';

export default function Chat() {
  const feed = useFeed();
  const [who, setWho] = useState('');
  const [channel, setChannel] = useState('');
  const chars = [...new Set(feed.chat.map((l) => l.character))].sort();
  const channels = [...new Set(feed.chat.map((l) => l.channel))].sort();
  const lines = feed.chat.filter((l) => (!who || l.character === who) && (!channel || l.channel === channel)).slice(-300);
  return (
    <div>
      <div className="row">
        <label>Character <select value={who} onChange={(e) => setWho(e.target.value)}><option value="">all</option>{chars.map((c) => <option key={c}>{c}</option>)}</select></label>
        <label>Channel <select value={channel} onChange={(e) => setChannel(e.target.value)}><option value="">all</option>{channels.map((c) => <option key={c}>{c}</option>)}</select></label>
      </div>
      <ul className="chat-lines" aria-live="polite" aria-relevant="additions">
        {lines.map((l) => <li key={l.seq + l.character}><span className="muted">{l.timestamp.slice(11, 19)} [{l.channel}] {l.character}:</span> {l.text}</li>)}
      </ul>
    </div>
  );
}
