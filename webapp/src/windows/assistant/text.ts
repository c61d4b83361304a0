// The little markdown an answer is shown with: fenced code blocks, paragraphs, bullet lists and
// `inline code`. Only structure is read here; the view renders every piece as plain text (React
// escapes it), so nothing the model writes can become markup, a link or a script.

export type Block =
  | { kind: 'code'; lang: string; text: string }
  | { kind: 'para'; lines: string[] }
  | { kind: 'list'; items: string[] };

export interface Span { code: boolean; text: string }

const FENCE = /^\s*(```|~~~)\s*([\w+-]*)\s*$/;
const BULLET = /^\s*(?:[-*•]|\d+[.)])\s+(.*)$/;

export function blocks(text: string): Block[] {
  const out: Block[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let para: string[] = [];
  let list: string[] = [];
  const flush = () => {
    if (para.length) out.push({ kind: 'para', lines: para });
    if (list.length) out.push({ kind: 'list', items: list });
    para = [];
    list = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const fence = FENCE.exec(lines[i]);
    if (fence) {
      flush();
      const body: string[] = [];
      // An unclosed fence (an answer still streaming) runs to the end.
      for (i++; i < lines.length && !(lines[i].trim() === fence[1]); i++) body.push(lines[i]);
      out.push({ kind: 'code', lang: fence[2], text: body.join('\n') });
      continue;
    }
    const line = lines[i];
    if (!line.trim()) { flush(); continue; }
    const bullet = BULLET.exec(line);
    if (bullet) {
      if (para.length) { out.push({ kind: 'para', lines: para }); para = []; }
      list.push(bullet[1]);
    } else if (list.length && /^\s{2,}\S/.test(line)) {
      list[list.length - 1] += ' ' + line.trim(); // a list item's continued line
    } else {
      if (list.length) { out.push({ kind: 'list', items: list }); list = []; }
      para.push(line);
    }
  }
  flush();
  return out;
}

/** `code` spans within a line; an unpaired backtick is kept as text. */
export function spans(line: string): Span[] {
  const out: Span[] = [];
  const re = /`([^`]+)`/g;
  let at = 0;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    if (m.index > at) out.push({ code: false, text: line.slice(at, m.index) });
    out.push({ code: true, text: m[1] });
    at = m.index + m[0].length;
  }
  if (at < line.length || !out.length) out.push({ code: false, text: line.slice(at) });
  return out;
}
