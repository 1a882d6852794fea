// Small DOM helpers shared by the pages.

// h('div.card', {onclick}, child, ...): an element with classes, attributes
// (on* become listeners) and children (strings become text nodes).
export function h(spec, attrs, ...children) {
  const [head, ...classes] = spec.split('.');
  const [tag, id] = head.split('#');
  const el = document.createElement(tag || 'div');
  if (id) el.id = id;
  if (classes.length) el.className = classes.join(' ');
  if (attrs && (typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs))) {
    children.unshift(attrs);
    attrs = null;
  }
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k in el && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : String(c));
  }
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

// A table from rows and column definitions [{label, value: row => node|text, className}].
export function table(columns, rows, options = {}) {
  const thead = h('thead', h('tr', columns.map((c) => h('th', { class: c.className }, c.label))));
  const tbody = h(
    'tbody',
    rows.map((row, i) => {
      const tr = h(
        'tr',
        columns.map((c) => h('td', { class: c.className }, c.value(row, i))),
      );
      if (options.onRowClick) {
        tr.classList.add('clickable');
        tr.addEventListener('click', () => options.onRowClick(row, i));
      }
      return tr;
    }),
  );
  const t = h('table.data', thead, tbody);
  if (options.testId) t.dataset.testid = options.testId;
  return t;
}

export function fmtScore(x) {
  return typeof x === 'number' && isFinite(x) ? x.toFixed(3) : '—';
}

export function fmtNumber(x, digits = 0) {
  if (typeof x !== 'number' || !isFinite(x)) return '—';
  return x.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function fmtMoney(x) {
  if (typeof x !== 'number' || !isFinite(x)) return '—';
  const a = Math.abs(x);
  if (a >= 1e9) return (x / 1e9).toFixed(2) + ' bn';
  if (a >= 1e6) return (x / 1e6).toFixed(2) + ' m';
  if (a >= 1e3) return (x / 1e3).toFixed(1) + ' k';
  return x.toFixed(0);
}

export function scoreBadge(score) {
  const cls = score >= 0.9 ? 'high' : score >= 0.75 ? 'mid' : 'low';
  return h('span.score.' + cls, fmtScore(score));
}

// An error shown inside a page (the global banner is for navigation errors).
export function errorBox(err) {
  return h('div.error', { role: 'alert' }, err && err.message ? err.message : String(err));
}

export function loading(text = 'Loading…') {
  return h('div.muted.loading', text);
}

export function field(label, input, hint) {
  return h('label.field', h('span.label', label), input, hint ? h('span.hint', hint) : null);
}

export function section(title, ...children) {
  return h('section.card', h('h2', title), ...children);
}

export function pageTitle(title, subtitle) {
  return h('div.page-head', h('h1', title), subtitle ? h('p.muted', subtitle) : null);
}

// Marks a page as loaded: the browser tests wait for [data-ready].
export function markReady(el) {
  el.dataset.ready = '1';
}

// el.append() for h()-style children: null, false and undefined are left out
// (the DOM's own append would print them), arrays are flattened.
export function put(el, ...children) {
  append(el, children);
  return el;
}
