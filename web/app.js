// billbot member page: sign-in / registration, the account dashboard and the chat.
// Plain DOM code, no framework and no build step. Everything the server sends is put in
// the page with textContent (never innerHTML), so a reply can never inject markup.
'use strict';

// ---------------------------------------------------------------------------------------
// Static UI strings. Chat replies come translated from the server; these are only the
// labels around them. Keys match the data-i18n* attributes in index.html.
const STRINGS = {
  en: {
    skipToChat: 'Skip to chat', tagline: 'Billing help for members', accountTools: 'Account tools',
    language: 'Language', signOut: 'Sign out', hello: 'Hi, {name}',
    authHeading: 'Sign in or register', signInHeading: 'Sign in', email: 'Email',
    password: 'Password', signIn: 'Sign in', noAccount: 'New to online bill pay?',
    registerNow: 'Register now', registerHeading: 'Register for online bill pay',
    fullName: 'Full name', mrn: 'Medical record number',
    mrnHint: 'It is on your Kaiser Permanente ID card.', birthDate: 'Date of birth',
    newPassword: 'Create a password', acceptTerms: 'I agree to the terms and conditions',
    register: 'Register', haveAccount: 'Already registered?',
    verifyHeading: 'Verify your email',
    verifyIntro: 'We sent a 6-digit code to your email. Enter it below.',
    code: '6-digit code', verify: 'Verify',
    verified: 'Your email is verified. You can sign in now.',
    dashboardHeading: 'Your account', totalDue: 'Total due', credits: 'Credits',
    billsDue: 'Bills due', recentPayments: 'Recent payments', recentBills: 'Recent bills',
    noBillsDue: 'You have no bills due.', noPayments: 'No recent payments.',
    noBills: 'No recent bills.', amount: 'Amount', balance: 'Balance', due: 'Due',
    viewPdf: 'View PDF', pay: 'Pay', payAria: 'Pay bill {id}', pdfAria: 'View PDF of bill {id} (opens in a new tab)',
    confirmation: 'Confirmation {code}',
    addMethod: 'Add a card or bank account', connectTelegram: 'Connect Telegram',
    telegramCode: 'Send this code to billbot on Telegram within {n} minutes:',
    openTelegram: 'Open Telegram', chatHeading: 'Chat with billbot',
    anonNote: 'You can ask general billing questions here. Sign in to see your bills and pay them.',
    conversation: 'Conversation',
    intro: "Hi! I'm billbot. Ask me about your balance, bills, payments or autopay.",
    typing: 'billbot is typing…', messageLabel: 'Message', placeholder: 'Ask about your bill…',
    send: 'Send', newTab: '(opens in a new tab)',
    errNetwork: "We couldn't reach billbot. Check your connection and try again.",
    errGeneric: 'Something went wrong. Please try again.',
    errMissing: 'Please fill in every field.', errTerms: 'Please agree to the terms and conditions.',
    errCode: 'Enter the 6-digit code from the email.',
    errSummary: "We couldn't load your account right now.",
    status_succeeded: 'Paid', status_pending: 'Pending', status_failed: 'Failed',
    cat_premium: 'Premium', cat_office_visit: 'Office visit', cat_lab: 'Lab',
    cat_hospital: 'Hospital stay', cat_hospital_stay: 'Hospital stay',
  },
  es: {
    skipToChat: 'Ir al chat', tagline: 'Ayuda con la facturación para miembros',
    accountTools: 'Opciones de la cuenta', language: 'Idioma', signOut: 'Cerrar sesión',
    hello: 'Hola, {name}', authHeading: 'Inicie sesión o regístrese',
    signInHeading: 'Iniciar sesión', email: 'Correo electrónico', password: 'Contraseña',
    signIn: 'Iniciar sesión', noAccount: '¿Es la primera vez que paga en línea?',
    registerNow: 'Regístrese ahora', registerHeading: 'Regístrese para pagar en línea',
    fullName: 'Nombre completo', mrn: 'Número de historia clínica',
    mrnHint: 'Aparece en su tarjeta de identificación de Kaiser Permanente.',
    birthDate: 'Fecha de nacimiento', newPassword: 'Cree una contraseña',
    acceptTerms: 'Acepto los términos y condiciones', register: 'Registrarme',
    haveAccount: '¿Ya tiene una cuenta?', verifyHeading: 'Verifique su correo electrónico',
    verifyIntro: 'Le enviamos un código de 6 dígitos por correo electrónico. Escríbalo aquí.',
    code: 'Código de 6 dígitos', verify: 'Verificar',
    verified: 'Su correo electrónico quedó verificado. Ya puede iniciar sesión.',
    dashboardHeading: 'Su cuenta', totalDue: 'Total a pagar', credits: 'Créditos',
    billsDue: 'Facturas pendientes', recentPayments: 'Pagos recientes',
    recentBills: 'Facturas recientes', noBillsDue: 'No tiene facturas pendientes.',
    noPayments: 'No hay pagos recientes.', noBills: 'No hay facturas recientes.',
    amount: 'Monto', balance: 'Saldo', due: 'Vence', viewPdf: 'Ver PDF', pay: 'Pagar',
    payAria: 'Pagar la factura {id}', pdfAria: 'Ver el PDF de la factura {id} (se abre en otra pestaña)',
    confirmation: 'Confirmación {code}',
    addMethod: 'Agregar una tarjeta o cuenta bancaria', connectTelegram: 'Conectar Telegram',
    telegramCode: 'Envíe este código a billbot en Telegram en los próximos {n} minutos:',
    openTelegram: 'Abrir Telegram', chatHeading: 'Converse con billbot',
    anonNote: 'Aquí puede hacer preguntas generales sobre facturación. Inicie sesión para ver y pagar sus facturas.',
    conversation: 'Conversación',
    intro: '¡Hola! Soy billbot. Pregúnteme sobre su saldo, sus facturas, sus pagos o el pago automático.',
    typing: 'billbot está escribiendo…', messageLabel: 'Mensaje',
    placeholder: 'Pregunte sobre su factura…', send: 'Enviar', newTab: '(se abre en otra pestaña)',
    errNetwork: 'No pudimos comunicarnos con billbot. Revise su conexión e inténtelo de nuevo.',
    errGeneric: 'Algo salió mal. Inténtelo de nuevo.',
    errMissing: 'Complete todos los campos, por favor.',
    errTerms: 'Para registrarse, debe aceptar los términos y condiciones.',
    errCode: 'Escriba el código de 6 dígitos que recibió por correo.',
    errSummary: 'No pudimos cargar su cuenta en este momento.',
    status_succeeded: 'Pagado', status_pending: 'Pendiente', status_failed: 'Rechazado',
    cat_premium: 'Prima', cat_office_visit: 'Consulta médica', cat_lab: 'Laboratorio',
    cat_hospital: 'Hospitalización', cat_hospital_stay: 'Hospitalización',
  },
};

const state = {
  lang: 'en',        // 'en' | 'es' — drives STRINGS and <html lang>
  signedIn: false,
  busy: false,       // one chat turn at a time, so replies stay in order
  serverLang: null,  // the language the server last told us it answers in (null = its default, en)
};

const $ = (id) => document.getElementById(id);

function t(key, vars) {
  let s = (STRINGS[state.lang] && STRINGS[state.lang][key]) || STRINGS.en[key] || key;
  for (const [k, v] of Object.entries(vars || {})) s = s.split('{' + k + '}').join(String(v));
  return s;
}

// Build an element: el('li', {className: 'x', text: '…'}, child, …). Text only, never HTML.
function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v === undefined || v === null) continue;
    if (k === 'text') node.textContent = v;
    else if (k === 'className') node.className = v;
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children) if (c) node.append(c);
  return node;
}

// ---------------------------------------------------------------------------------------
// Formatting. Money arrives as a decimal string ("1234.5" or "1234.50"); we format the
// string itself rather than going through a float, so cents are never rounded wrongly.
function money(value) {
  const raw = String(value == null ? '0' : value).trim();
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(raw);
  if (!m) return raw;
  const whole = (m[2] || '0').replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = ((m[3] || '') + '00').slice(0, 2);
  return (m[1] ? '−' : '') + '$' + whole + '.' + cents;
}

// "2025-06-30" → "Jun 30, 2025" / "30 jun 2025". UTC so the day never shifts by timezone.
function date(iso) {
  if (!/^\d{4}-\d{2}-\d{2}/.test(iso || '')) return iso || '';
  const d = new Date(iso.slice(0, 10) + 'T00:00:00Z');
  return new Intl.DateTimeFormat(state.lang === 'es' ? 'es-US' : 'en-US',
    { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(d);
}

function category(code) {
  const key = 'cat_' + String(code || '').toLowerCase();
  if (STRINGS.en[key]) return t(key);
  const s = String(code || '').replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// Only http(s) links, so a reply can never carry a javascript: URL.
function safeUrl(url) {
  try {
    const u = new URL(url, location.href);
    return (u.protocol === 'https:' || u.protocol === 'http:') ? u.href : null;
  } catch (_) { return null; }
}

// ---------------------------------------------------------------------------------------
// API. Every call is same-origin JSON; the session cookie travels automatically.
async function api(method, path, body) {
  const opts = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    opts.headers['Content-Type'] = 'application/json';
    opts.body = JSON.stringify(body);
  }
  let res;
  try { res = await fetch(path, opts); } catch (_) {
    return { ok: false, status: 0, data: null, error: t('errNetwork') };
  }
  let data = null;
  if (res.status !== 204) { try { data = await res.json(); } catch (_) { data = null; } }
  const error = res.ok ? null : (data && typeof data.error === 'string' ? data.error : t('errGeneric'));
  return { ok: res.ok, status: res.status, data, error };
}

// ---------------------------------------------------------------------------------------
// Language. Applies the dictionary to every data-i18n* element and <html lang>.
function applyLanguage(lang) {
  state.lang = lang === 'es' ? 'es' : 'en';
  document.documentElement.lang = state.lang;
  for (const n of document.querySelectorAll('[data-i18n]')) n.textContent = t(n.dataset.i18n);
  for (const n of document.querySelectorAll('[data-i18n-label]')) n.setAttribute('aria-label', t(n.dataset.i18nLabel));
  for (const n of document.querySelectorAll('[data-i18n-placeholder]')) n.placeholder = t(n.dataset.i18nPlaceholder);
  $('lang-en').setAttribute('aria-pressed', String(state.lang === 'en'));
  $('lang-es').setAttribute('aria-pressed', String(state.lang === 'es'));
  document.title = 'billbot – ' + t('tagline');
  if (state.name) $('greeting').textContent = t('hello', { name: firstName(state.name) });
  if (state.summary) renderSummary(state.summary); // dates, statuses and labels change
  try { localStorage.setItem('billbot.lang', state.lang); } catch (_) { /* private mode */ }
}

const shortLang = (code) => (String(code || '').toLowerCase().startsWith('es') ? 'es' : 'en');

// The switch asks the server too, so billbot's own replies change language (and the
// member's saved preference, when signed in). The command is not shown as a member bubble.
function switchLanguage(lang) {
  if (lang === state.lang) return;
  applyLanguage(lang);
  sendChat(lang === 'es' ? '!lang:es-US' : '!lang:en-US', null);
}

// ---------------------------------------------------------------------------------------
// Signed-in / signed-out views.
function firstName(name) { return String(name || '').trim().split(/\s+/)[0] || ''; }

function showSignedIn(me) {
  state.signedIn = true;
  state.name = me.name;
  state.serverLang = shortLang(me.language);
  $('greeting').textContent = t('hello', { name: firstName(me.name) });
  $('greeting').hidden = false;
  $('logout').hidden = false;
  $('auth').hidden = true;
  $('anon-note').hidden = true;
  $('dashboard').hidden = false;
  applyLanguage(shortLang(me.language));
  refreshSummary();
}

function showSignedOut() {
  state.signedIn = false;
  state.name = null;
  state.summary = null;
  state.serverLang = null;
  $('greeting').hidden = true;
  $('greeting').textContent = '';
  $('logout').hidden = true;
  $('dashboard').hidden = true;
  $('telegram-result').replaceChildren();
  $('auth').hidden = false;
  $('anon-note').hidden = false;
  showForm('login-form');
}

// One of the three auth forms is visible at a time.
function showForm(id, focusId) {
  for (const f of ['login-form', 'register-form', 'verify-form']) $(f).hidden = f !== id;
  if (focusId) $(focusId).focus();
}

function setStatus(id, text, kind) {
  const n = $(id);
  n.textContent = text || '';
  n.classList.toggle('ok', kind === 'ok');
}

// Disable a form's submit button while its request runs, so a double click sends once.
async function withBusy(button, fn) {
  button.disabled = true;
  try { return await fn(); } finally { button.disabled = false; }
}

async function onLogin(ev) {
  ev.preventDefault();
  const email = $('login-email').value.trim();
  const password = $('login-password').value;
  if (!email || !password) return setStatus('login-status', t('errMissing'));
  setStatus('login-status', '');
  const r = await withBusy($('login-submit'), () => api('POST', '/api/login', { email, password }));
  $('login-password').value = '';
  if (!r.ok) return setStatus('login-status', r.error);
  showSignedIn(r.data || {});
  $('chat-input').focus();
}

async function onRegister(ev) {
  ev.preventDefault();
  const body = {
    name: $('register-name').value.trim(),
    email: $('register-email').value.trim(),
    mrn: $('register-mrn').value.trim(),
    birth_date: $('register-dob').value, // <input type=date> always yields YYYY-MM-DD
    password: $('register-password').value,
    accept_terms: $('register-terms').checked,
  };
  if (!body.name || !body.email || !body.mrn || !body.birth_date || !body.password) {
    return setStatus('register-status', t('errMissing'));
  }
  if (!body.accept_terms) return setStatus('register-status', t('errTerms'));
  setStatus('register-status', '');
  const r = await withBusy($('register-submit'), () => api('POST', '/api/register', body));
  if (!r.ok) return setStatus('register-status', r.error);
  $('register-form').reset();
  $('verify-email').value = body.email;
  setStatus('verify-status', '');
  showForm('verify-form', 'verify-code');
}

async function onVerify(ev) {
  ev.preventDefault();
  const email = $('verify-email').value.trim();
  const code = $('verify-code').value.replace(/\s+/g, '');
  if (!email) return setStatus('verify-status', t('errMissing'));
  if (!/^\d{6}$/.test(code)) return setStatus('verify-status', t('errCode'));
  const r = await withBusy($('verify-submit'), () => api('POST', '/api/verify', { email, code }));
  if (!r.ok) return setStatus('verify-status', r.error);
  $('verify-form').reset();
  $('login-email').value = email;
  showForm('login-form', 'login-password');
  setStatus('login-status', t('verified'), 'ok');
}

async function onLogout() {
  await api('POST', '/api/logout');
  // Clear the transcript too: the next person at this computer must not see it.
  $('messages').replaceChildren(el('p', { className: 'msg intro', text: t('intro'), dataset: { i18n: 'intro' } }));
  showSignedOut();
  $('login-email').focus();
}

// ---------------------------------------------------------------------------------------
// Dashboard.
async function refreshSummary() {
  if (!state.signedIn) return;
  const r = await api('GET', '/api/me/summary');
  if (r.status === 401) return showSignedOut(); // session expired
  if (!r.ok || !r.data) return setStatus('dashboard-status', t('errSummary'));
  setStatus('dashboard-status', '');
  state.summary = r.data;
  renderSummary(r.data);
}

function renderSummary(s) {
  $('total-due').textContent = money(s.total_due);
  $('credits').textContent = money(s.credits);
  renderBills($('bills-due'), s.bills_due, t('noBillsDue'), true);
  renderBills($('recent-bills'), s.recent_bills, t('noBills'), false);
  const pays = Array.isArray(s.recent_payments) ? s.recent_payments : [];
  $('recent-payments').replaceChildren(...(pays.length ? pays.map(paymentItem)
    : [el('li', { className: 'empty', text: t('noPayments') })]));
}

function renderBills(list, bills, emptyText, payable) {
  bills = Array.isArray(bills) ? bills : [];
  list.replaceChildren(...(bills.length ? bills.map((b) => billItem(b, payable))
    : [el('li', { className: 'empty', text: emptyText })]));
}

function billItem(b, payable) {
  const owing = payable && Number(b.balance) > 0; // display decision only, not arithmetic
  return el('li', { className: 'bill', dataset: { billId: b.id, testid: 'bill' } },
    el('div', { className: 'bill-head' },
      el('span', { className: 'bill-cat', text: category(b.category) }),
      el('span', { className: 'bill-id', text: '#' + b.id })),
    el('dl', { className: 'bill-facts' },
      fact(t('amount'), money(b.amount)),
      fact(t('balance'), money(b.balance)),
      fact(t('due'), date(b.due_date))),
    el('div', { className: 'bill-actions' },
      pdfLink(b.id),
      owing ? el('button', {
        type: 'button', className: 'btn-small', text: t('pay'),
        'aria-label': t('payAria', { id: b.id }), dataset: { testid: 'pay-bill' },
        onclick: () => sendChat('pay bill ' + b.id, 'pay bill ' + b.id),
      }) : null));
}

function fact(term, value) {
  return el('div', null, el('dt', { text: term }), el('dd', { text: value }));
}

function pdfLink(id) {
  return el('a', {
    className: 'btn-small secondary', href: '/api/bills/' + encodeURIComponent(id) + '/pdf',
    target: '_blank', rel: 'noopener', text: t('viewPdf'),
    'aria-label': t('pdfAria', { id }),
  });
}

function paymentItem(p) {
  const status = String(p.status || '');
  const statusText = STRINGS.en['status_' + status] ? t('status_' + status) : status;
  return el('li', { className: 'payment' },
    el('div', { className: 'bill-head' },
      el('span', { className: 'pay-amount', text: money(p.amount) }),
      el('span', { className: 'status status-' + status.replace(/[^a-z_]/gi, ''), text: statusText })),
    el('div', { className: 'muted', text: [date(p.date), p.method].filter(Boolean).join(' · ') }),
    p.confirmation ? el('div', { className: 'muted', text: t('confirmation', { code: p.confirmation }) }) : null);
}

async function onTelegram() {
  const out = $('telegram-result');
  const r = await withBusy($('telegram-link'), () => api('POST', '/api/telegram/link-code', {}));
  if (!r.ok || !r.data) return out.replaceChildren(el('p', { className: 'error', text: r.error || t('errGeneric') }));
  const d = r.data;
  const parts = [el('p', { text: t('telegramCode', { n: d.expires_in_minutes }) }),
    el('p', { className: 'code', text: d.code, dataset: { testid: 'telegram-code' } })];
  const link = d.deep_link && safeUrl(d.deep_link);
  if (link) parts.push(el('a', { href: link, target: '_blank', rel: 'noopener', className: 'btn-link', text: t('openTelegram') }));
  out.replaceChildren(...parts);
}

// ---------------------------------------------------------------------------------------
// Chat.
function scrollToEnd() { const m = $('messages'); m.scrollTop = m.scrollHeight; }

function addMine(text) {
  $('messages').append(el('div', { className: 'msg me', text }));
  scrollToEnd();
}

function addNotice(text) {
  $('messages').append(el('div', { className: 'msg error', role: 'alert', text }));
  scrollToEnd();
}

function addReply(reply) {
  const msg = el('div', { className: 'msg bot' });
  // white-space: pre-line in CSS turns the reply's \n into line breaks; still plain text.
  msg.append(el('p', { className: 'msg-text', text: String(reply.text || '') }));

  if (Array.isArray(reply.cards) && reply.cards.length) {
    msg.append(el('ul', { className: 'cards' }, ...reply.cards.map(cardItem)));
  }
  if (reply.link && reply.link.url) {
    const url = safeUrl(reply.link.url);
    if (url) {
      // PDFs (and anything off-site) open in a new tab so the chat stays put.
      const newTab = /\/pdf$|\.pdf$/i.test(new URL(url).pathname) || new URL(url).origin !== location.origin;
      msg.append(el('p', { className: 'msg-link' }, el('a', {
        href: url, text: reply.link.label || url,
        target: newTab ? '_blank' : null, rel: newTab ? 'noopener' : null,
        'aria-label': newTab ? (reply.link.label || url) + ' ' + t('newTab') : null,
      })));
    }
  }
  if (Array.isArray(reply.buttons) && reply.buttons.length) {
    msg.append(el('div', { className: 'quick-replies', role: 'group' },
      ...reply.buttons.map((b) => el('button', {
        type: 'button', className: 'quick-reply', text: b.label, dataset: { value: b.value },
        onclick: () => sendChat(String(b.value), String(b.label)),
      }))));
  }
  $('messages').append(msg);
  scrollToEnd();
}

function cardItem(c) {
  return el('li', { className: 'card', dataset: { billId: c.bill_id } },
    el('div', { className: 'bill-head' },
      el('span', { className: 'bill-cat', text: category(c.category) }),
      el('span', { className: 'bill-id', text: '#' + c.bill_id })),
    el('dl', { className: 'bill-facts' },
      c.amount != null ? fact(t('amount'), money(c.amount)) : null,
      fact(t('balance'), money(c.balance)),
      fact(t('due'), date(c.due_date))),
    el('div', { className: 'bill-actions' }, pdfLink(c.bill_id)));
}

// Quick replies only make sense under the latest reply; older ones are removed so a
// stale "Yes, pay" can't be pressed later.
function clearQuickReplies() {
  for (const g of document.querySelectorAll('#messages .quick-replies')) g.remove();
}

function setBusy(busy) {
  state.busy = busy;
  $('chat-send').disabled = busy;
  $('typing').hidden = !busy;
  $('messages').setAttribute('aria-busy', String(busy));
}

// One chat turn. `shown` is what appears as the member's bubble (a button's label, or
// null for commands such as !lang:es-US). The dashboard refreshes after every turn
// because a turn may have paid a bill or changed autopay.
async function sendChat(text, shown) {
  text = String(text || '').trim();
  if (!text || state.busy) return false;
  const hadFocusInLog = $('messages').contains(document.activeElement);
  clearQuickReplies();
  if (hadFocusInLog) $('chat-input').focus(); // the pressed button is gone; keep focus sane
  if (shown) addMine(shown);
  setBusy(true);
  // A visitor who picked Español before the server knew (e.g. a saved choice on an
  // anonymous visit) gets the server switched first, quietly, so the answer matches the UI.
  if (!text.startsWith('!lang:') && (state.serverLang || 'en') !== state.lang) {
    const sync = await api('POST', '/api/chat/messages', { text: state.lang === 'es' ? '!lang:es-US' : '!lang:en-US' });
    if (sync.ok && sync.data && sync.data.language) state.serverLang = shortLang(sync.data.language);
  }
  const r = await api('POST', '/api/chat/messages', { text });
  setBusy(false);
  if (!r.ok || !r.data) {
    addNotice(r.error || t('errGeneric'));
  } else {
    for (const reply of r.data.replies || []) addReply(reply);
    if (r.data.language) {
      // The member may also change language by typing ("en español, por favor").
      state.serverLang = shortLang(r.data.language);
      if (state.serverLang !== state.lang) applyLanguage(state.serverLang);
    }
  }
  refreshSummary();
  return true;
}

async function onChatSubmit(ev) {
  ev.preventDefault();
  const input = $('chat-input');
  const text = input.value.trim();
  if (!text || state.busy) return;
  input.value = '';
  await sendChat(text, text);
  input.focus();
}

// ---------------------------------------------------------------------------------------
// Start-up: wire events (no inline handlers under the CSP), pick a language, ask who we are.
async function start() {
  $('login-form').addEventListener('submit', onLogin);
  $('register-form').addEventListener('submit', onRegister);
  $('verify-form').addEventListener('submit', onVerify);
  $('chat-form').addEventListener('submit', onChatSubmit);
  $('logout').addEventListener('click', onLogout);
  $('telegram-link').addEventListener('click', onTelegram);
  $('show-register').addEventListener('click', () => showForm('register-form', 'register-name'));
  $('show-login').addEventListener('click', () => showForm('login-form', 'login-email'));
  $('lang-en').addEventListener('click', () => switchLanguage('en'));
  $('lang-es').addEventListener('click', () => switchLanguage('es'));

  let saved = null;
  try { saved = localStorage.getItem('billbot.lang'); } catch (_) { /* private mode */ }
  applyLanguage(saved || shortLang(navigator.language));

  const me = await api('GET', '/api/me');
  if (me.ok && me.data) showSignedIn(me.data); else showSignedOut();
}

document.addEventListener('DOMContentLoaded', start);
