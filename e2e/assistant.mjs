// The Assistant window against the server's chat runner and the fake chat API (fake-chat.mjs):
// a question answered with a tool call shown as it happens and the text as it streams, the
// conversation back after a reload, New chat, and the rate limit said in words. The server runs
// with AGENT_RATE_MAX=5, so these run in this order, once.
import { existsSync, readFileSync } from 'node:fs';

const QUESTION = 'Who is online right now?';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function assistantTests({ page, test, shot, closeWindow, until, chat, auditLog, user }) {
  const win = page.locator('section[data-window=assistant]');
  const root = win.getByTestId('assistant');
  const box = win.getByLabel('Ask the assistant');
  const storedSession = () => page.evaluate((u) => localStorage.getItem(`overlord.assistant.session.v1:${u}`), user);
  const ready = async () => {
    await win.locator('[data-testid=assistant][data-phase=ready], [data-testid=assistant][data-phase=absent]').waitFor({ timeout: 30_000 })
      .catch(async () => { throw new Error(`the Assistant window is not ready: ${await win.innerText().catch(() => 'not open')}`.slice(0, 300)); });
    if ((await root.getAttribute('data-phase')) === 'absent') throw new Error('the Assistant window says there is no assistant on this server (GET /agent/health or the history answered 404)');
  };
  const answerTo = (q) => win.locator('article[data-role=assistant]').filter({ hasText: `Fake model answer to "${q}"` });
  const said = async () => (await win.getByTestId('assistant-error').innerText().catch(() => '')).slice(0, 200);

  await test('the Assistant answers a question, showing its tool call as it happens and the text as it streams', async () => {
    await page.locator('[data-open=assistant]').click();
    await ready();
    await win.getByTestId('assistant-counter').filter({ hasText: /^0 \/ 10,000 characters$/ }).waitFor();
    // What the window shows while the answer is produced, noted on every change.
    await page.evaluate(() => {
      const el = document.querySelector('section[data-window=assistant]');
      const trace = { phases: [], pendingTools: [], pendingTexts: [], disabledWhileAsking: false };
      window.__assistantTrace = trace;
      const note = () => {
        const phase = el.querySelector('[data-testid=assistant]')?.dataset.phase;
        if (trace.phases.at(-1) !== phase) trace.phases.push(phase);
        const p = el.querySelector('[data-testid=assistant-pending]');
        if (phase === 'asking' && el.querySelector('textarea')?.disabled) trace.disabledWhileAsking = true;
        if (!p) return;
        for (const li of p.querySelectorAll('li[data-tool]')) trace.pendingTools.push(`${li.dataset.tool}:${li.dataset.status}`);
        const t = p.querySelector('[data-testid=assistant-answer]')?.textContent ?? '';
        if (t && trace.pendingTexts.at(-1) !== t.length) trace.pendingTexts.push(t.length);
      };
      new MutationObserver(note).observe(el, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await box.fill(QUESTION);
    await win.getByTestId('assistant-counter').filter({ hasText: `${QUESTION.length} / 10,000` }).waitFor();
    await box.press('Enter');
    await answerTo(QUESTION).waitFor({ timeout: 60_000 })
      .catch(async () => { throw new Error(`no answer: ${await said() || (await win.innerText()).slice(-200)}; the chat API was asked ${JSON.stringify(chat.requests)}`); });
    const answer = answerTo(QUESTION);
    // The tool call, settled.
    await answer.locator('li[data-tool=get_live_players][data-status=ok]').waitFor();
    // The server ran the tool and gave the model its result, with the configured model and key.
    if (!chat.requests.some((r) => r.lastRole === 'tool' && r.model === 'fake')) throw new Error(`the chat API never got a tool result: ${JSON.stringify(chat.requests)}`);
    if (chat.requests.some((r) => r.refused)) throw new Error('the server sent the chat API a wrong key');
    // The model's markup is text: no <b> element, the tag's characters shown; the code block as code.
    if (!(await answer.innerText()).includes('<b>not bold</b>')) throw new Error('the answer lost its literal <b> text');
    if (await answer.locator('b').count()) throw new Error('model text was rendered as HTML');
    await answer.locator('pre code', { hasText: 'SELECT 1;' }).waitFor();
    // Asked once, answered once; the question shown as the user's.
    await win.locator('article[data-role=user]', { hasText: QUESTION }).waitFor();
    const trace = await page.evaluate(() => window.__assistantTrace);
    if (!trace.phases.includes('asking') || trace.phases.at(-1) !== 'ready') throw new Error(`phases ${trace.phases}`);
    if (!trace.disabledWhileAsking) throw new Error('the question box stayed enabled while the question ran');
    if (!trace.pendingTools.some((t) => t.startsWith('get_live_players:'))) throw new Error(`the tool call was not shown before the answer: ${trace.pendingTools}`);
    // The session: made on the first question, kept per user, and in the audit log.
    const id = await storedSession();
    if (!UUID.test(id ?? '')) throw new Error(`stored session id ${id}`);
    if ((await root.getAttribute('data-session')) !== id) throw new Error('the window and the storage disagree on the session');
    await until('the audit log to name the session', () => existsSync(auditLog) && readFileSync(auditLog, 'utf8').includes(id), 10_000);
    await shot(page, '27-assistant');
  });

  await test('the Assistant shows the answer as the model streams it', async () => {
    if (!chat.requests.some((r) => r.stream && r.answered === 'text')) throw new Error(`the server never asked the chat API to stream: ${JSON.stringify(chat.requests)}`);
    const { pendingTexts } = await page.evaluate(() => window.__assistantTrace);
    // The fake sends the text 8 characters at a time, 40 ms apart: the window showed it growing.
    // The shown text is rendered Markdown, so it may shrink once, where a code fence closes and its
    // backticks stop showing; every other step grows.
    const shrinks = pendingTexts.filter((n, i) => i > 0 && n < pendingTexts[i - 1]).length;
    const grows = pendingTexts.filter((n, i) => i > 0 && n > pendingTexts[i - 1]).length;
    if (pendingTexts.length < 3 || grows < 3 || shrinks > 1 || pendingTexts[0] >= Math.max(...pendingTexts)) throw new Error(`answer lengths while streaming: ${pendingTexts}`);
  });

  await test('the Assistant brings the conversation back after a reload', async () => {
    const id = await storedSession();
    await page.reload({ waitUntil: 'domcontentloaded', timeout: 60_000 });
    await page.getByTestId('connection').filter({ hasText: /^live$/ }).waitFor({ timeout: 20_000 });
    await ready();
    await win.locator('article[data-role=user]', { hasText: QUESTION }).waitFor();
    await answerTo(QUESTION).waitFor();
    if ((await win.locator('article[data-role]').count()) !== 2) throw new Error(`history of ${await win.locator('article[data-role]').count()} messages, not 2`);
    if ((await storedSession()) !== id || (await root.getAttribute('data-session')) !== id) throw new Error('the session changed across a reload');
    await shot(page, '28-assistant-reloaded');
  });

  await test('New chat empties the Assistant and stores a new session id', async () => {
    const old = await storedSession();
    await win.getByRole('button', { name: 'New chat' }).click();
    await page.waitForFunction((o) => {
      const d = document.querySelector('section[data-window=assistant] [data-testid=assistant]')?.dataset;
      return d && d.phase === 'ready' && d.session && d.session !== o;
    }, old, { timeout: 15_000 });
    const now = await storedSession();
    if (!UUID.test(now ?? '') || now === old) throw new Error(`stored session ${now} after ${old}`);
    if ((await root.getAttribute('data-session')) !== now) throw new Error('the window and the storage disagree on the new session');
    if (await win.locator('article[data-role]').count()) throw new Error('messages left after New chat');
    await win.getByTestId('assistant-empty').waitFor();
    // On the server: the new session is empty, the old one keeps its two messages.
    const histories = await page.evaluate(async ([a, b]) => {
      const get = (id) => fetch(`agent/sessions/${id}/history`, { credentials: 'same-origin' }).then((r) => r.json());
      const shown = async (id) => (await get(id)).messages.filter((m) => (m.role === 'user' || m.role === 'assistant') && m.text?.trim()).length;
      return [await shown(a), await shown(b)];
    }, [now, old]);
    if (histories[0] !== 0 || histories[1] !== 2) throw new Error(`history lengths new/old: ${histories}`);
    // And after a reload the new, empty chat is the one shown.
    await page.reload({ waitUntil: 'domcontentloaded', timeout: 60_000 });
    await ready();
    if ((await root.getAttribute('data-session')) !== now) throw new Error('a reload went back to the old chat');
    await win.getByTestId('assistant-empty').waitFor();
  });

  await test('the Assistant says clearly when the rate limit is reached (429)', async () => {
    try {
      const id = await storedSession();
      // Use up the hour's questions (AGENT_RATE_MAX=5), one at a time, through the API.
      const refusal = await page.evaluate(async (sid) => {
        for (let i = 0; i < 8; i++) {
          const r = await fetch('agent/ask', { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ session_id: sid, message: `filler ${i}` }) });
          if (r.status === 429) return { asked: i, retryAfter: r.headers.get('Retry-After') };
          if (!r.ok) return { asked: i, status: r.status, body: (await r.text()).slice(0, 200) };
        }
        return { asked: 8 };
      }, id);
      if (refusal.status || refusal.asked === 8) throw new Error(`no 429 from POST /agent/ask: ${JSON.stringify(refusal)}`);
      if (!/^\d+$/.test(refusal.retryAfter ?? '')) throw new Error(`429 without a Retry-After in seconds: ${refusal.retryAfter}`);
      const before = await win.locator('article[data-role]').count();
      await box.fill('One more question?');
      await win.getByRole('button', { name: 'Send' }).click();
      const alert = win.getByRole('alert');
      await alert.filter({ hasText: /Too many questions.*try again in \d+ (s|min)/ }).waitFor({ timeout: 15_000 })
        .catch(async () => { throw new Error(`the window said: ${await said() || 'nothing'}`); });
      // The refused question is not in the conversation; it is back in the box to send later.
      if ((await win.locator('article[data-role]').count()) !== before) throw new Error('the refused question was added to the conversation');
      if ((await box.inputValue()) !== 'One more question?') throw new Error('the refused question was not given back');
      if (await box.isDisabled()) throw new Error('the question box stayed disabled');
      await shot(page, '29-assistant-rate-limited');
    } finally {
      await closeWindow('assistant');
    }
  });
}
