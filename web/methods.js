// Add-a-payment-method page. Checks the digits locally first (Luhn for cards, the ABA
// checksum for routing numbers) so typos are caught before anything is sent; the server
// checks again. Digits live only in the input fields: never logged, never stored, and the
// fields are cleared after a successful save.
'use strict';

const STRINGS = {
  en: {
    tagline: 'Billing help for members', back: '← Back to my account',
    heading: 'Add a card or bank account', signInFirst: 'Please sign in first.',
    signInLink: 'Go to sign in', typeLegend: 'What would you like to add?',
    typeCard: 'Credit or debit card', typeBank: 'Bank account (EFT)', cardLegend: 'Card details',
    cardNumber: 'Card number', expMonth: 'Expiration month', expYear: 'Expiration year',
    month: 'Month', year: 'Year', debit: 'This is a debit card',
    bankLegend: 'Bank account details', routing: 'Routing number',
    routingHint: 'The 9-digit number at the bottom left of a check.',
    account: 'Account number', accountConfirm: 'Account number again', accountType: 'Account type',
    checking: 'Checking', savings: 'Savings',
    makeDefault: 'Make this my default payment method', save: 'Save',
    saved: '{brand} ending in {last4} saved.', bank: 'Bank account', card: 'Card',
    errCard: 'That card number is not valid. Please check it and try again.',
    errExpiry: 'Please choose an expiration date that has not passed.',
    errRouting: 'That routing number is not valid. It has 9 digits; please check it.',
    errAccount: 'Please enter an account number of 4 to 17 digits.',
    errMatch: 'The two account numbers do not match.',
    errNetwork: "We couldn't reach billbot. Check your connection and try again.",
    errGeneric: 'Something went wrong. Please try again.',
  },
  es: {
    tagline: 'Ayuda con la facturación para miembros', back: '← Volver a mi cuenta',
    heading: 'Agregar una tarjeta o cuenta bancaria', signInFirst: 'Primero inicie sesión, por favor.',
    signInLink: 'Ir a iniciar sesión', typeLegend: '¿Qué desea agregar?',
    typeCard: 'Tarjeta de crédito o débito', typeBank: 'Cuenta bancaria (transferencia electrónica)',
    cardLegend: 'Datos de la tarjeta', cardNumber: 'Número de tarjeta',
    expMonth: 'Mes de vencimiento', expYear: 'Año de vencimiento', month: 'Mes', year: 'Año',
    debit: 'Es una tarjeta de débito', bankLegend: 'Datos de la cuenta bancaria',
    routing: 'Número de ruta bancaria',
    routingHint: 'El número de 9 dígitos que aparece abajo a la izquierda en un cheque.',
    account: 'Número de cuenta', accountConfirm: 'Vuelva a escribir el número de cuenta',
    accountType: 'Tipo de cuenta', checking: 'Cuenta de cheques', savings: 'Cuenta de ahorros',
    makeDefault: 'Usar como mi método de pago predeterminado', save: 'Guardar',
    saved: 'Se guardó su {brand} que termina en {last4}.', bank: 'cuenta bancaria', card: 'tarjeta',
    errCard: 'Ese número de tarjeta no es válido. Revíselo e inténtelo de nuevo.',
    errExpiry: 'Elija una fecha de vencimiento que todavía no haya pasado.',
    errRouting: 'Ese número de ruta no es válido. Tiene 9 dígitos; revíselo, por favor.',
    errAccount: 'Escriba un número de cuenta de 4 a 17 dígitos.',
    errMatch: 'Los dos números de cuenta no coinciden.',
    errNetwork: 'No pudimos comunicarnos con billbot. Revise su conexión e inténtelo de nuevo.',
    errGeneric: 'Algo salió mal. Inténtelo de nuevo.',
  },
};

let lang = 'en';
const $ = (id) => document.getElementById(id);
function t(key, vars) {
  let s = STRINGS[lang][key] || STRINGS.en[key] || key;
  for (const [k, v] of Object.entries(vars || {})) s = s.split('{' + k + '}').join(String(v));
  return s;
}

// ---- checksums ------------------------------------------------------------------------
const digitsOf = (s) => String(s).replace(/[\s-]/g, '');

// Luhn: from the right, double every second digit (minus 9 if over 9); sum % 10 == 0.
function luhnOk(num) {
  if (!/^\d{12,19}$/.test(num)) return false;
  let sum = 0;
  for (let i = 0; i < num.length; i++) {
    let d = num.charCodeAt(num.length - 1 - i) - 48;
    if (i % 2 === 1) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
  }
  return sum % 10 === 0;
}

// ABA routing: weights 3,7,1 repeated; the weighted sum is a multiple of 10.
function routingOk(num) {
  if (!/^\d{9}$/.test(num)) return false;
  const w = [3, 7, 1, 3, 7, 1, 3, 7, 1];
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += w[i] * (num.charCodeAt(i) - 48);
  return sum % 10 === 0;
}

// ---- form -----------------------------------------------------------------------------
function applyLanguage() {
  document.documentElement.lang = lang;
  for (const n of document.querySelectorAll('[data-i18n]')) n.textContent = t(n.dataset.i18n);
  document.title = 'billbot – ' + t('heading');
  fillExpiry();
}

function fillExpiry() {
  const month = $('card-exp-month');
  const year = $('card-exp-year');
  const keepM = month.value;
  const keepY = year.value;
  const opt = (value, text) => { const o = document.createElement('option'); o.value = value; o.textContent = text; return o; };
  month.replaceChildren(opt('', t('month')));
  for (let m = 1; m <= 12; m++) month.append(opt(String(m), String(m).padStart(2, '0')));
  year.replaceChildren(opt('', t('year')));
  const now = new Date().getFullYear();
  for (let y = now; y <= now + 15; y++) year.append(opt(String(y), String(y)));
  month.value = keepM;
  year.value = keepY;
}

const isBank = () => $('type-bank').checked;

function showType() {
  $('card-fields').hidden = isBank();
  $('bank-fields').hidden = !isBank();
}

function setStatus(text, ok) {
  const n = $('method-status');
  n.textContent = text || '';
  n.classList.toggle('ok', !!ok);
}

// Returns [body, null] or [null, {message, field}] for the first problem found.
function collect() {
  const make_default = $('make-default').checked;
  if (!isBank()) {
    const number = digitsOf($('card-number').value);
    if (!luhnOk(number)) return [null, { message: t('errCard'), field: 'card-number' }];
    const exp_month = Number($('card-exp-month').value);
    const exp_year = Number($('card-exp-year').value);
    const now = new Date();
    if (!exp_month || !exp_year ||
        exp_year * 12 + exp_month < now.getFullYear() * 12 + now.getMonth() + 1) {
      return [null, { message: t('errExpiry'), field: 'card-exp-month' }];
    }
    return [{ type: 'card', number, exp_month, exp_year, debit: $('card-debit').checked, make_default }, null];
  }
  const routing = digitsOf($('bank-routing').value);
  if (!routingOk(routing)) return [null, { message: t('errRouting'), field: 'bank-routing' }];
  const account = digitsOf($('bank-account').value);
  if (!/^\d{4,17}$/.test(account)) return [null, { message: t('errAccount'), field: 'bank-account' }];
  if (account !== digitsOf($('bank-account-confirm').value)) {
    return [null, { message: t('errMatch'), field: 'bank-account-confirm' }];
  }
  const account_type = $('bank-savings').checked ? 'savings' : 'checking';
  return [{ type: 'bank', routing, account, account_type, make_default }, null];
}

function clearDigits() {
  for (const id of ['card-number', 'bank-routing', 'bank-account', 'bank-account-confirm']) $(id).value = '';
  $('card-exp-month').value = '';
  $('card-exp-year').value = '';
  $('card-debit').checked = false;
  $('make-default').checked = false;
}

async function onSubmit(ev) {
  ev.preventDefault();
  for (const n of document.querySelectorAll('[aria-invalid]')) n.removeAttribute('aria-invalid');
  const [body, problem] = collect();
  if (problem) {
    setStatus(problem.message);
    $(problem.field).setAttribute('aria-invalid', 'true');
    $(problem.field).focus();
    return;
  }
  setStatus('');
  const button = $('method-submit');
  button.disabled = true;
  let res = null;
  let data = null;
  try {
    res = await fetch('/api/methods', {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    });
    try { data = await res.json(); } catch (_) { data = null; }
  } catch (_) {
    res = null;
  } finally {
    button.disabled = false;
  }
  if (!res) return setStatus(t('errNetwork'));
  if (res.status === 401) { $('signin-note').hidden = false; return; }
  if (!res.ok) return setStatus((data && data.error) || t('errGeneric'));
  clearDigits();
  const brand = (data && data.brand) || t(body.type === 'bank' ? 'bank' : 'card');
  setStatus(t('saved', { brand, last4: (data && data.last4) || '' }), true);
}

async function start() {
  $('type-card').addEventListener('change', showType);
  $('type-bank').addEventListener('change', showType);
  $('method-form').addEventListener('submit', onSubmit);
  try { lang = localStorage.getItem('billbot.lang') === 'es' ? 'es' : 'en'; } catch (_) { /* private mode */ }
  applyLanguage();
  showType();
  // The member's own language wins; a signed-out visitor is told to sign in first.
  try {
    const res = await fetch('/api/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (res.status === 401) { $('signin-note').hidden = false; return; }
    const me = await res.json();
    const l = String(me.language || '').toLowerCase().startsWith('es') ? 'es' : 'en';
    if (l !== lang) { lang = l; applyLanguage(); }
  } catch (_) { /* offline: the form still works once the network is back */ }
}

document.addEventListener('DOMContentLoaded', start);
