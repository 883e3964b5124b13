// The agent desk: log in, see the queue and your conversations, open one (taking it from the
// queue), read live messages with personal data masked, reply, reveal one item with a reason.
// Plain JavaScript, no build step; all text goes through textContent (never innerHTML).
(function () {
  'use strict';

  const I18N = {
    en: {
      username: 'Username', password: 'Password', login: 'Log in', logout: 'Log out',
      conversations: 'Conversations', noConversations: 'No open conversations.',
      close: 'Close', send: 'Send', replyPlaceholder: 'Write a reply…', pick: 'Pick a conversation.',
      revealWhy: 'Why do you need to see this value? The reason is recorded in the audit log.',
      cancel: 'Cancel', reveal: 'Reveal', queue: 'queue', mine: 'mine', open: 'open',
      closed: 'closed', messages: 'messages', customer: 'Customer', agent: 'Agent',
      loginFailed: 'Wrong username or password.', revealHint: 'Click to reveal (audited)',
      bot: 'Bot', intent: 'Intent', unknown: 'unknown', negative: 'negative', neutral: 'neutral',
      positive: 'positive', angry: 'angry', suggested: 'Suggested replies:', useHint: 'Put this answer in the reply box',
      entity_ORDER_NUMBER: 'Order', entity_TRACKING_NUMBER: 'Tracking', entity_AMOUNT: 'Amount',
      entity_DATE: 'Date', entity_TIME: 'Time', entity_PRODUCT: 'Product',
    },
    zh: {
      username: '用户名', password: '密码', login: '登录', logout: '退出',
      conversations: '会话', noConversations: '暂无进行中的会话。',
      close: '结束会话', send: '发送', replyPlaceholder: '输入回复…', pick: '请选择一个会话。',
      revealWhy: '为什么需要查看原始信息？原因将记入审计日志。',
      cancel: '取消', reveal: '查看', queue: '排队中', mine: '我的', open: '进行中',
      closed: '已结束', messages: '条消息', customer: '客户', agent: '坐席',
      loginFailed: '用户名或密码错误。', revealHint: '点击查看原文（将被审计）',
      bot: '智能助手', intent: '意图', unknown: '未识别', negative: '负面', neutral: '中性',
      positive: '正面', angry: '愤怒', suggested: '推荐回复：', useHint: '填入回复框',
      entity_ORDER_NUMBER: '订单号', entity_TRACKING_NUMBER: '运单号', entity_AMOUNT: '金额',
      entity_DATE: '日期', entity_TIME: '时间', entity_PRODUCT: '商品',
    },
  };
  let lang = localStorage.getItem('hd-lang') ||
      ((navigator.language || '').toLowerCase().startsWith('zh') ? 'zh' : 'en');
  const t = (key) => (I18N[lang] && I18N[lang][key]) || I18N.en[key] || key;
  const $ = (id) => document.getElementById(id);

  const state = {
    token: sessionStorage.getItem('hd-token'),
    me: null,
    conversations: new Map(),
    current: null,
    ws: null,
    seen: new Set(),
    revealed: new Map(),
    pendingReveal: null,
  };

  function applyLanguage() {
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
    document.querySelectorAll('[data-i18n-placeholder]').forEach((el) => {
      el.placeholder = t(el.dataset.i18nPlaceholder);
    });
    renderList();
    if (state.current) renderHeader(state.conversations.get(state.current));
  }

  async function api(method, path, body) {
    const headers = { 'Content-Type': 'application/json' };
    if (state.token) headers.Authorization = 'Bearer ' + state.token;
    const res = await fetch(path, { method, headers, body: body ? JSON.stringify(body) : undefined });
    const data = await res.json().catch(() => ({}));
    if (res.status === 401 && state.token) { logout(); }
    if (!res.ok) { const e = new Error(data.detail || res.statusText); e.status = res.status; throw e; }
    return data;
  }

  // ---- login

  $('login-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    $('login-error').textContent = '';
    try {
      const r = await api('POST', '/api/v1/auth/login',
                          { username: $('username').value, password: $('password').value });
      state.token = r.token;
      sessionStorage.setItem('hd-token', r.token);
      await start();
    } catch (e) {
      $('login-error').textContent = e.status === 401 ? t('loginFailed') : e.message;
    }
  });

  function logout() {
    if (state.token) fetch('/api/v1/auth/logout', { method: 'POST', headers: { Authorization: 'Bearer ' + state.token } }).catch(() => {});
    state.token = null;
    sessionStorage.removeItem('hd-token');
    if (state.ws) state.ws.close();
    $('app').classList.add('hidden');
    $('login').classList.remove('hidden');
  }
  $('logout').addEventListener('click', logout);
  document.querySelectorAll('.lang-toggle').forEach((b) => b.addEventListener('click', () => {
    lang = lang === 'zh' ? 'en' : 'zh';
    localStorage.setItem('hd-lang', lang);
    applyLanguage();
  }));

  async function start() {
    state.me = await api('GET', '/api/v1/me');
    $('whoami').textContent = state.me.username + ' (' + state.me.role + ')';
    $('login').classList.add('hidden');
    $('app').classList.remove('hidden');
    connect();
    await loadList();
  }

  // ---- live events

  function connect() {
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(proto + '//' + location.host + '/api/v1/ws?token=' + encodeURIComponent(state.token));
    state.ws = ws;
    ws.onopen = () => { if (state.current) ws.send(JSON.stringify({ type: 'subscribe', conversation_id: state.current })); };
    ws.onmessage = (ev) => {
      const e = JSON.parse(ev.data);
      if (e.type === 'message' && e.message.conversation_id === state.current) appendMessage(e.message);
      if (e.type === 'conversation') { state.conversations.set(e.conversation.id, e.conversation); renderList(); }
      if (e.type === 'activity') scheduleListReload();
    };
    ws.onclose = () => { if (state.token && state.ws === ws) setTimeout(connect, 1000); };
  }
  let reloadTimer = null;
  function scheduleListReload() {
    if (reloadTimer) return;
    reloadTimer = setTimeout(() => { reloadTimer = null; loadList(); }, 300);
  }

  // ---- the list

  async function loadList() {
    // Conversations the bot still handles stay out of the desk until handed off.
    const r = await api('GET', '/api/v1/conversations?status=open&mode=human');
    state.conversations = new Map(r.items.map((c) => [c.id, c]));
    renderList();
  }

  function visible(c) {
    if (c.status !== 'open' || c.mode === 'bot') return false;
    if (state.me && state.me.role === 'agent') return c.assignee_id === null || c.assignee_id === state.me.user_id;
    return true;
  }

  function renderList() {
    const ul = $('conversations');
    if (!ul) return;
    ul.textContent = '';
    const items = [...state.conversations.values()].filter(visible).sort((a, b) => b.updated_ms - a.updated_ms);
    for (const c of items) {
      const li = document.createElement('li');
      li.className = 'conv' + (c.id === state.current ? ' active' : '');
      li.dataset.id = c.id;
      const title = document.createElement('span');
      title.className = 'conv-id';
      title.textContent = c.channel + ' · ' + c.id.slice(0, 9);
      const meta = document.createElement('span');
      meta.className = 'conv-meta';
      const mine = state.me && c.assignee_id === state.me.user_id;
      meta.textContent = (mine ? t('mine') : t('queue')) + ' · ' + c.message_count + ' ' + t('messages');
      li.append(title, meta);
      if (c.tier === 'vip') {
        const vip = document.createElement('span');
        vip.className = 'chip vip';
        vip.textContent = 'VIP';
        title.append(' ', vip);
      }
      li.addEventListener('click', () => openConversation(c.id));
      ul.append(li);
    }
    $('empty-list').classList.toggle('hidden', items.length > 0);
  }

  // ---- one conversation

  function renderHeader(c) {
    if (!c) return;
    $('conv-title').textContent = c.channel + ' · ' + c.id;
    $('conv-status').textContent = t(c.status);
  }

  async function openConversation(id) {
    $('conv-error').textContent = '';
    let c = state.conversations.get(id);
    try {
      if (state.me.role === 'agent' && c && c.assignee_id === null) {
        c = await api('POST', '/api/v1/conversations/' + id + '/claim');
        state.conversations.set(id, c);
      }
      state.current = id;
      state.seen = new Set();
      $('messages').textContent = '';
      $('placeholder').classList.add('hidden');
      $('conversation').classList.remove('hidden');
      renderHeader(c);
      renderList();
      if (state.ws && state.ws.readyState === 1) state.ws.send(JSON.stringify({ type: 'subscribe', conversation_id: id }));
      let after = 0;
      for (;;) {
        const r = await api('GET', '/api/v1/conversations/' + id + '/messages?after=' + after + '&limit=200');
        r.items.forEach(appendMessage);
        if (r.items.length < 200) break;
        after = r.next_after;
      }
    } catch (e) {
      $('conv-error').textContent = e.message;
    }
  }

  function appendMessage(m) {
    if (state.seen.has(m.id)) return;
    state.seen.add(m.id);
    const li = document.createElement('li');
    li.className = 'msg ' + m.sender;
    li.dataset.id = m.id;
    const who = document.createElement('span');
    who.className = 'who';
    who.textContent = t(m.sender) || m.sender;
    const body = document.createElement('span');
    body.className = 'body';
    for (const p of (m.parts || [{ text: m.text }])) {
      if (!p.token) { body.append(document.createTextNode(p.text)); continue; }
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'pii';
      b.dataset.token = p.token;
      b.dataset.type = p.type;
      b.title = p.type + ' — ' + t('revealHint');
      b.textContent = state.revealed.get(p.token) || p.text;
      if (state.revealed.has(p.token)) b.classList.add('revealed');
      b.addEventListener('click', () => askReveal(p.token));
      body.append(b);
    }
    li.append(who, body);
    if (m.sender === 'customer' && m.meta) li.append(assist(m.meta));
    $('messages').append(li);
    li.scrollIntoView({ block: 'end' });
  }

  // Agent assist: the bot's reading of a customer message and the knowledge-base answers it
  // suggests (one click puts an answer in the reply box).
  function assist(meta) {
    const box = document.createElement('div');
    box.className = 'assist';
    const chip = (cls, text) => {
      const c = document.createElement('span');
      c.className = 'chip ' + cls;
      c.textContent = text;
      box.append(c);
      return c;
    };
    chip('intent', t('intent') + ': ' + (meta.intent || t('unknown')));
    chip('sentiment ' + meta.sentiment, t(meta.sentiment));
    if (meta.angry) chip('angry', t('angry'));
    // Entities: what the customer mentioned (order numbers, amounts, dates, products), with the
    // normalized value where it differs from what was written (明天 → 2026-11-24).
    for (const e of meta.entities || []) {
      const shown = e.value && e.value !== e.text ? e.text + ' → ' + e.value : e.text;
      const label = t('entity_' + e.type);
      const c = chip('entity', (label.startsWith('entity_') ? e.type : label) + ': ' + shown);
      c.dataset.type = e.type;
    }
    if (meta.suggestions && meta.suggestions.length) {
      const label = document.createElement('span');
      label.className = 'assist-label';
      label.textContent = t('suggested');
      box.append(label);
      for (const s of meta.suggestions) {
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'suggestion';
        b.title = t('useHint');
        b.textContent = s.title;
        b.addEventListener('click', async () => {
          try {
            const a = await api('GET', '/api/v1/kb/articles/' + encodeURIComponent(s.article));
            $('reply-input').value = a.answer;
            $('reply-input').focus();
          } catch (e) { $('conv-error').textContent = e.message; }
        });
        box.append(b);
      }
    }
    return box;
  }

  $('reply-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const text = $('reply-input').value;
    if (!text.trim() || !state.current) return;
    $('conv-error').textContent = '';
    try {
      await api('POST', '/api/v1/conversations/' + state.current + '/messages', { text });
      $('reply-input').value = '';
    } catch (e) {
      $('conv-error').textContent = e.message;
    }
  });
  $('reply-input').addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && !ev.shiftKey) { ev.preventDefault(); $('reply-form').requestSubmit(); }
  });

  $('close-conv').addEventListener('click', async () => {
    try {
      const c = await api('POST', '/api/v1/conversations/' + state.current + '/close');
      state.conversations.set(c.id, c);
      state.current = null;
      $('conversation').classList.add('hidden');
      $('placeholder').classList.remove('hidden');
      renderList();
    } catch (e) { $('conv-error').textContent = e.message; }
  });

  // ---- reveal with a reason

  function askReveal(token) {
    if (state.revealed.has(token)) return;
    state.pendingReveal = token;
    $('reveal-reason').value = '';
    $('reveal-error').textContent = '';
    $('reveal-dialog').showModal();
  }
  $('reveal-cancel').addEventListener('click', () => $('reveal-dialog').close());
  $('reveal-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const token = state.pendingReveal;
    try {
      const r = await api('POST', '/api/v1/conversations/' + state.current + '/reveal',
                          { token, reason: $('reveal-reason').value });
      state.revealed.set(token, r.value);
      document.querySelectorAll('button.pii').forEach((b) => {
        if (b.dataset.token === token) { b.textContent = r.value; b.classList.add('revealed'); }
      });
      $('reveal-dialog').close();
    } catch (e) {
      $('reveal-error').textContent = e.message;
    }
  });

  applyLanguage();
  if (state.token) start().catch(() => logout());
})();
