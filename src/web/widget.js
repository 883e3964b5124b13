// The hushdesk chat widget. Embed with one line:
//   <script src="https://your-hushdesk/static/widget.js" defer></script>
// Optional attributes: data-lang="zh|en", data-tenant="name", data-identity="TOKEN" (a token
// your backend signs for a logged-in customer, see docs/api.md "Identity verification").
// It opens a conversation on first use (kept in localStorage), sends messages over the REST
// API, and receives replies live over the WebSocket. All text goes through textContent.
(function () {
  'use strict';
  const script = document.currentScript;
  const origin = new URL(script ? script.src : '/static/widget.js', location.href).origin;
  const I18N = {
    en: { title: 'Chat with us', placeholder: 'Type your message…', send: 'Send',
          open: 'Chat', close: 'Close',
          notice: 'Personal details you type (phone, e-mail, card, ID numbers…) are protected: agents see them masked and they are stored encrypted.',
          protected: 'personal item(s) protected', error: 'Could not send: ', you: 'You', agent: 'Agent',
          bot: 'Assistant', accept: 'Agree', decline: 'No, don\'t keep a record', human: 'Talk to a person',
          greeting: 'Hi! How can I help you today?', consented: 'Thanks — this conversation will be kept.',
          declined: 'Understood — this conversation will be deleted when it ends.' },
    zh: { title: '在线客服', placeholder: '请输入消息…', send: '发送', open: '咨询', close: '关闭',
          notice: '您输入的个人信息（手机号、邮箱、银行卡、证件号等）会被保护：坐席只看到掩码，存储时加密。',
          protected: '项个人信息已保护', error: '发送失败：', you: '我', agent: '客服',
          bot: '智能助手', accept: '同意', decline: '不同意，不保存记录', human: '转人工',
          greeting: '您好！请问有什么可以帮您？', consented: '谢谢，本次对话记录将被保存。',
          declined: '好的，本次对话将在结束后删除。' },
  };
  let lang = (script && script.dataset.lang) ||
      ((navigator.language || '').toLowerCase().startsWith('zh') ? 'zh' : 'en');
  const tenant = script && script.dataset.tenant;
  const identity = script && script.dataset.identity;
  const t = (k) => I18N[lang][k];
  const KEY = 'hushdesk-conversation:' + origin + ':' + (tenant || '');

  const css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = origin + '/static/widget.css';
  document.head.append(css);

  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const launcher = el('button', 'hd-launcher');
  launcher.id = 'hd-launcher';
  launcher.type = 'button';
  const panel = el('section', 'hd-panel hd-hidden');
  panel.id = 'hd-panel';
  const head = el('header', 'hd-head');
  const title = el('strong', 'hd-title');
  // A button whose id and class are the same.
  const button = (id, text) => {
    const b = el('button', id, text);
    b.id = id;
    b.type = 'button';
    return b;
  };
  const langBtn = button('hd-lang', '中文 / EN');
  const humanBtn = button('hd-human');
  head.append(title, humanBtn, langBtn);
  const notice = el('p', 'hd-notice');
  const list = el('ol', 'hd-messages');
  list.id = 'hd-messages';
  // The privacy notice, answered before anything is recorded.
  const consent = el('div', 'hd-consent hd-hidden');
  consent.id = 'hd-consent';
  const consentText = el('p', 'hd-consent-text');
  const yes = button('hd-consent-yes');
  const no = button('hd-consent-no');
  consent.append(consentText, yes, no);
  const form = el('form', 'hd-form');
  form.id = 'hd-form';
  const input = el('textarea', 'hd-input');
  input.id = 'hd-input';
  input.rows = 2;
  const send = el('button', 'hd-send');
  send.id = 'hd-send';
  send.type = 'submit';
  const error = el('p', 'hd-error');
  error.id = 'hd-error';
  form.append(input, send);
  panel.append(head, notice, list, consent, form, error);
  document.body.append(launcher, panel);

  function applyLanguage() {
    title.textContent = t('title');
    notice.textContent = t('notice');
    input.placeholder = t('placeholder');
    send.textContent = t('send');
    humanBtn.textContent = t('human');
    yes.textContent = t('accept');
    no.textContent = t('decline');
    launcher.textContent = panel.classList.contains('hd-hidden') ? t('open') : t('close');
  }
  langBtn.addEventListener('click', () => { lang = lang === 'zh' ? 'en' : 'zh'; applyLanguage(); });

  let conv = null;
  let ws = null;
  const seen = new Set();
  const pendingTexts = [];

  async function call(method, path, body) {
    const headers = { 'Content-Type': 'application/json' };
    if (conv) headers.Authorization = 'Bearer ' + conv.token;
    const res = await fetch(origin + path, { method, headers, body: body ? JSON.stringify(body) : undefined });
    const data = await res.json().catch(() => ({}));
    if (!res.ok) { const e = new Error(data.detail || res.statusText); e.status = res.status; throw e; }
    return data;
  }

  async function ensureConversation() {
    if (conv) return;
    const saved = localStorage.getItem(KEY);
    if (saved) {
      conv = JSON.parse(saved);
      try {
        const r = await call('GET', '/api/v1/conversations/' + conv.id + '/messages?limit=500');
        r.items.forEach(show);
        connect();
        return;
      } catch (e) {
        conv = null;  // closed, expired or from another server: start afresh
        localStorage.removeItem(KEY);
      }
    }
    const body = { channel: 'web', lang };
    if (tenant) body.tenant = tenant;
    if (identity) body.identity = identity;
    const r = await call('POST', '/api/v1/conversations', body);
    conv = { id: r.id, token: r.customer_token, consent: r.consent };
    localStorage.setItem(KEY, JSON.stringify(conv));
    connect();
    if (r.privacy_notice) askConsent(r.privacy_notice.text);
  }

  function askConsent(text) {
    consentText.textContent = text;
    consent.classList.remove('hd-hidden');
    form.classList.add('hd-hidden');
  }

  async function answerConsent(accepted) {
    error.textContent = '';
    try {
      const r = await call('POST', '/api/v1/conversations/' + conv.id + '/consent', { accepted });
      conv.consent = r.consent;
      localStorage.setItem(KEY, JSON.stringify(conv));
      consent.classList.add('hd-hidden');
      form.classList.remove('hd-hidden');
      note(accepted ? t('consented') : t('declined'));
      note(t('greeting'), 'hd-bot');
      input.focus();
    } catch (e) {
      error.textContent = t('error') + e.message;
    }
  }
  yes.addEventListener('click', () => answerConsent(true));
  no.addEventListener('click', () => answerConsent(false));

  // A line shown only here (not a stored message).
  function note(text, cls) {
    const li = el('li', 'hd-msg ' + (cls || 'hd-system'));
    if (cls === 'hd-bot') li.append(el('span', 'hd-who', t('bot')));
    li.append(el('span', 'hd-text', text));
    list.append(li);
  }

  humanBtn.addEventListener('click', async () => {
    error.textContent = '';
    try {
      await ensureConversation();
      await call('POST', '/api/v1/conversations/' + conv.id + '/handoff', {});
      note(lang === 'zh' ? '已为您转接人工客服，请稍候。' : 'A person will be with you shortly.');
    } catch (e) {
      error.textContent = t('error') + e.message;
    }
  });

  function connect() {
    const u = new URL(origin);
    u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
    u.pathname = '/api/v1/ws';
    u.search = '?token=' + encodeURIComponent(conv.token);
    ws = new WebSocket(u.toString());
    ws.onmessage = (ev) => {
      const e = JSON.parse(ev.data);
      if (e.type === 'message') show(e.message);
    };
    ws.onclose = () => { setTimeout(() => { if (conv) connect(); }, 2000); };
  }

  function badge(li, stored) {
    const n = stored ? (stored.match(/\u27e6/g) || []).length : 0;
    if (n > 0 && !li.querySelector('.hd-protected')) {
      li.append(el('span', 'hd-protected', '🔒 ' + n + ' ' + t('protected')));
    }
  }

  function show(m, stored) {
    if (seen.has(m.id)) {
      const li = list.querySelector('[data-id="' + m.id + '"]');
      if (li) badge(li, stored);
      return;
    }
    seen.add(m.id);
    const li = el('li', 'hd-msg hd-' + m.sender);
    li.dataset.id = m.id;
    li.append(el('span', 'hd-who', m.sender === 'customer' ? t('you') : m.sender === 'bot' ? t('bot') : t('agent')));
    li.append(el('span', 'hd-text', m.text));
    badge(li, stored);
    // In id order: a live reply can arrive before the answer to the request that caused it.
    const later = Array.from(list.querySelectorAll('[data-id]')).find((x) => Number(x.dataset.id) > m.id);
    list.insertBefore(li, later || null);
    li.scrollIntoView({ block: 'end' });
  }

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const text = input.value;
    if (!text.trim()) return;
    error.textContent = '';
    send.disabled = true;
    try {
      await ensureConversation();
      const r = await call('POST', '/api/v1/conversations/' + conv.id + '/messages', { text });
      input.value = '';
      // Show what the customer typed; the server returned the de-identified form it stored.
      show({ id: r.id, sender: 'customer', text }, r.text);
    } catch (e) {
      error.textContent = t('error') + e.message;
    } finally {
      send.disabled = false;
    }
  });
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && !ev.shiftKey) { ev.preventDefault(); form.requestSubmit(); }
  });
  launcher.addEventListener('click', () => {
    panel.classList.toggle('hd-hidden');
    applyLanguage();
    if (!panel.classList.contains('hd-hidden')) {
      input.focus();
      ensureConversation().catch((e) => { error.textContent = t('error') + e.message; });
    }
  });
  applyLanguage();
})();
