// A fake OpenAI-compatible chat completions API for the assistant's browser tests: the server's
// chat runner talks to it as to a local model server. To a question it answers with a call of
// get_live_players; once the tool's result is in the conversation, with text (streamed in small
// pieces a little apart when the request asks for `stream: true`, else one JSON completion).
// It checks the API key and records what it was asked.
import { createServer } from 'node:http';

const MAX_BODY = 8 * 1024 * 1024;
const PIECE = 8; // characters per streamed piece
const PIECE_EVERY_MS = 40;

/** The text of a chat message's content: a string, or an array of text parts. */
function contentText(c) {
  if (typeof c === 'string') return c;
  if (Array.isArray(c)) return c.map((p) => (p && typeof p.text === 'string' ? p.text : '')).join('');
  return '';
}

/** What the fake answers to `messages`: a tool call, or text that names the question and the tool's result. */
export function reply(messages) {
  const last = messages.at(-1);
  if (!last || last.role !== 'tool') return { tool: { id: `call_${Math.random().toString(36).slice(2, 10)}`, name: 'get_live_players', arguments: '{}' } };
  const question = contentText([...messages].reverse().find((m) => m.role === 'user')?.content).slice(0, 200);
  const result = contentText(last.content);
  return {
    text: `Fake model answer to "${question}".\n\nThe get_live_players tool answered with ${result.length} characters. <b>not bold</b>\n\n\`\`\`sql\nSELECT 1;\n\`\`\`\n`,
  };
}

export function startFakeChat({ key }) {
  const requests = [];
  const server = createServer((req, res) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > MAX_BODY) { res.writeHead(413).end(); req.destroy(); return; }
      chunks.push(c);
    });
    req.on('end', () => {
      if (res.writableEnded) return;
      if (req.method !== 'POST' || !req.url.replace(/\/+$/, '').endsWith('/chat/completions')) {
        return json(res, 404, { error: { message: `no ${req.method} ${req.url}` } });
      }
      if (req.headers.authorization !== `Bearer ${key}`) {
        requests.push({ refused: true });
        return json(res, 401, { error: { message: 'invalid api key', type: 'invalid_request_error' } });
      }
      let body;
      try { body = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { return json(res, 400, { error: { message: 'not JSON' } }); }
      const messages = Array.isArray(body.messages) ? body.messages : [];
      const answer = reply(messages);
      requests.push({
        model: body.model, stream: body.stream === true, lastRole: messages.at(-1)?.role,
        tools: Array.isArray(body.tools) ? body.tools.map((t) => t?.function?.name) : [], answered: answer.tool ? 'tool_call' : 'text',
      });
      if (body.stream === true) stream(res, body.model, answer);
      else setTimeout(() => json(res, 200, completion(body.model, answer)), answer.text ? 600 : 0);
    });
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const port = server.address().port;
      ok({
        port, url: `http://127.0.0.1:${port}/v1`, requests,
        close: () => new Promise((done) => { server.closeAllConnections(); server.close(() => done()); }),
      });
    });
  });
}

function json(res, status, v) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(v));
}

let seq = 0;
const base = (model) => ({ id: `chatcmpl-fake-${++seq}`, created: Math.floor(Date.now() / 1000), model: model ?? 'fake' });
const usage = { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 };

function completion(model, answer) {
  const message = answer.tool
    ? { role: 'assistant', content: null, tool_calls: [{ id: answer.tool.id, type: 'function', function: { name: answer.tool.name, arguments: answer.tool.arguments } }] }
    : { role: 'assistant', content: answer.text };
  return { ...base(model), object: 'chat.completion', choices: [{ index: 0, message, finish_reason: answer.tool ? 'tool_calls' : 'stop' }], usage };
}

function stream(res, model, answer) {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
  const b = base(model);
  const chunk = (delta, finish = null) => `data: ${JSON.stringify({ ...b, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  const parts = [];
  if (answer.tool) {
    parts.push(chunk({ role: 'assistant', content: null, tool_calls: [{ index: 0, id: answer.tool.id, type: 'function', function: { name: answer.tool.name, arguments: '' } }] }));
    parts.push(chunk({ tool_calls: [{ index: 0, function: { arguments: answer.tool.arguments } }] }));
    parts.push(chunk({}, 'tool_calls'));
  } else {
    parts.push(chunk({ role: 'assistant', content: '' }));
    for (let i = 0; i < answer.text.length; i += PIECE) parts.push(chunk({ content: answer.text.slice(i, i + PIECE) }));
    parts.push(chunk({}, 'stop'));
  }
  parts.push('data: [DONE]\n\n');
  let i = 0;
  const next = () => {
    if (res.destroyed) return;
    if (i >= parts.length) { res.end(); return; }
    res.write(parts[i++]);
    setTimeout(next, answer.text ? PIECE_EVERY_MS : 0);
  };
  next();
}
