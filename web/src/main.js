// The app shell: a hash router (#/search, #/alerts/42, ...), the navigation
// bar, the sign-in guard and the error banner.
import './style.css';
import { getToken, setToken, setUnauthorizedHandler, get } from './api.js';
import { clear, h, loading, errorBox, put } from './ui.js';

const pages = {
  signin: () => import('./pages/signin.js'),
  search: () => import('./pages/search.js'),
  upload: () => import('./pages/upload.js'),
  alerts: () => import('./pages/alerts.js'),
  case: () => import('./pages/case.js'),
  lists: () => import('./pages/lists.js'),
  trade: () => import('./pages/trade.js'),
  network: () => import('./pages/network.js'),
};

const main = document.getElementById('main');
const banner = document.getElementById('banner');
let current = null;  // the mounted page's cleanup function

export function showBanner(message, kind = 'error') {
  banner.textContent = message;
  banner.className = 'banner ' + kind;
  banner.hidden = !message;
}

export function navigate(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path, qs] = raw.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = Object.fromEntries(new URLSearchParams(qs || ''));
  let name = parts[0] || 'search';
  if (name === 'alerts' && parts[1]) name = 'case';
  return { name, parts, params };
}

let afterSignIn = '#/search';

async function route() {
  const r = parseHash();
  if (!getToken() && r.name !== 'signin') {
    afterSignIn = location.hash && location.hash !== '#/signin' ? location.hash : '#/search';
    location.hash = '#/signin';
    return;
  }
  if (!pages[r.name]) r.name = 'search';
  document.getElementById('signout').hidden = !getToken();
  document.getElementById('nav').hidden = !getToken();
  for (const a of document.querySelectorAll('#nav a')) {
    const page = a.dataset.page;
    a.classList.toggle('active', page === r.name || (page === 'alerts' && r.name === 'case'));
  }
  if (current) {
    try {
      current();
    } catch {
      // a page's cleanup must not stop navigation
    }
    current = null;
  }
  if (r.name !== 'signin') showBanner('');
  put(clear(main), loading());
  main.dataset.page = r.name;
  try {
    const mod = await pages[r.name]();
    if (parseHash().name !== r.name && !(r.name === 'search' && !pages[parseHash().name])) return;
    clear(main);
    const ctx = { params: r.params, parts: r.parts, navigate, showBanner, afterSignIn: () => afterSignIn };
    current = (await mod.render(main, ctx)) || null;
  } catch (e) {
    put(clear(main), errorBox(e));
  }
  document.title = 'Chokepoint · ' + r.name[0].toUpperCase() + r.name.slice(1);
}

setUnauthorizedHandler(() => {
  afterSignIn = location.hash && location.hash !== '#/signin' ? location.hash : '#/search';
  showBanner('Your session has ended or the token was refused. Please sign in again.');
  location.hash = '#/signin';
});

document.getElementById('signout').addEventListener('click', () => {
  setToken('');
  showBanner('Signed out.', 'info');
  location.hash = '#/signin';
});

export async function refreshVersion() {
  const el = document.getElementById('lists-version');
  try {
    const r = await fetch('/healthz');
    const j = await r.json();
    el.textContent = j.lists_version ? 'Lists ' + j.lists_version : '';
  } catch {
    el.textContent = '';
  }
}

window.addEventListener('hashchange', route);
refreshVersion();
route();

