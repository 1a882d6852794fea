// CSV upload: batch screening (POST /v1/screen/batch in chunks, with
// progress) or a transaction check (POST /v1/check?format=..., the raw file).
import { post, request } from '../api.js';
import { parseCsv, queriesFromCsv, toCsv } from '../csv.js';
import { h, clear, field, table, scoreBadge, fmtScore, errorBox, pageTitle, section, markReady, put } from '../ui.js';
import { hitsTable } from './search.js';

const CHUNK = 200;  // queries per request (the server takes up to 1,000)
const FORMATS = [
  ['shipments', 'Shipments (CSV)'],
  ['pacs008', 'ISO 20022 pacs.008 (XML)'],
  ['pain001', 'ISO 20022 pain.001 (XML)'],
  ['mt103', 'SWIFT MT103'],
  ['mt700', 'SWIFT MT700'],
];

function progressBar() {
  const fill = h('div.progress-fill');
  const text = h('span.progress-text', '');
  const el = h('div.progress', { role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100' }, fill, text);
  el.set = (done, total, label) => {
    const pct = total ? Math.round((100 * done) / total) : 0;
    fill.style.width = pct + '%';
    el.setAttribute('aria-valuenow', String(pct));
    text.textContent = label ?? `${done} / ${total} (${pct}%)`;
  };
  return el;
}

function download(name, text, type = 'text/csv') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function batchPanel() {
  const file = h('input', { type: 'file', accept: '.csv,text/csv', id: 'batch-file' });
  const start = h('button.primary', { type: 'submit' }, 'Screen file');
  const cancel = h('button', { type: 'button', hidden: true }, 'Stop');
  const progress = progressBar();
  progress.hidden = true;
  const out = h('div#batch-results');
  let stop = false;
  cancel.onclick = () => (stop = true);

  async function run() {
    const f = file.files[0];
    if (!f) return;
    clear(out);
    delete out.dataset.ready;
    const { queries, error } = queriesFromCsv(parseCsv(await f.text()));
    if (error) {
      put(out, errorBox(error));
      return;
    }
    stop = false;
    start.disabled = true;
    cancel.hidden = false;
    progress.hidden = false;
    progress.set(0, queries.length);
    const results = [];
    try {
      for (let i = 0; i < queries.length && !stop; i += CHUNK) {
        const chunk = queries.slice(i, i + CHUNK);
        const r = await post('/v1/screen/batch', { queries: chunk });
        results.push(...(r.results || []));
        progress.set(results.length, queries.length);
      }
    } catch (e) {
      put(out, errorBox(e));
    } finally {
      start.disabled = false;
      cancel.hidden = true;
    }
    if (stop) progress.set(results.length, queries.length, `Stopped after ${results.length} of ${queries.length}`);
    showBatch(out, queries, results);
    markReady(out);
  }

  return section(
    'Batch screening',
    h('p.muted', 'A CSV with a ', h('code', 'name'), ' column and optional ', h('code', 'schema'), ', ', h('code', 'country'), ', ', h('code', 'dob'), ' and ', h('code', 'ids'), ' (separated by ;) columns, or one name a line. Names are sent in chunks of ', String(CHUNK), '.'),
    h('form.row', { onsubmit: (ev) => (ev.preventDefault(), run()) }, field('CSV file', file), h('div.actions', start, cancel)),
    progress,
    out,
  );
}

function showBatch(out, queries, results) {
  if (!results.length) return;
  const withHits = results.filter((r) => (r.results || []).length).length;
  const rows = results.map((r, i) => ({ i, q: queries[i], r, top: (r.results || [])[0] }));
  rows.sort((a, b) => (b.top?.score ?? -1) - (a.top?.score ?? -1) || a.i - b.i);
  const detail = h('div');
  const exportCsv = () => {
    const lines = [['row', 'name', 'hits', 'top_score', 'top_name', 'top_source', 'top_source_id', 'programs']];
    for (const x of rows.slice().sort((a, b) => a.i - b.i)) {
      const t = x.top;
      lines.push([x.i + 1, x.q.name, (x.r.results || []).length, t ? fmtScore(t.score) : '', t?.name ?? '', t?.source ?? '', t?.source_id ?? '', (t?.programs || []).join(';')]);
    }
    download('screening-results.csv', toCsv(lines));
  };
  put(out, 
    h('div.result-head', h('strong', `${results.length} names screened`), h('span.muted', ` · ${withHits} with hits`), h('span.spacer'), h('button.small', { type: 'button', onclick: exportCsv }, 'Download results (CSV)')),
    table(
      [
        { label: 'Row', className: 'num', value: (x) => String(x.i + 1) },
        { label: 'Name screened', value: (x) => x.q.name },
        { label: 'Hits', className: 'num', value: (x) => String((x.r.results || []).length) },
        { label: 'Top score', value: (x) => (x.top ? scoreBadge(x.top.score) : h('span.muted', '—')) },
        { label: 'Top hit', value: (x) => (x.top ? `${x.top.name} (${x.top.source} ${x.top.source_id})` : '') },
      ],
      rows,
      {
        testId: 'batch',
        onRowClick: (x) => {
          put(clear(detail), h('h3', 'Hits for “', x.q.name, '”'), (x.r.results || []).length ? hitsTable(x.r.results, { query: x.q.name }) : h('p.muted', 'No hits.'));
          detail.scrollIntoView({ behavior: 'smooth', block: 'start' });
        },
      },
    ),
    detail,
  );
}

function checkPanel() {
  const format = h('select', { id: 'check-format' }, FORMATS.map(([v, l]) => h('option', { value: v }, l)));
  const file = h('input', { type: 'file', id: 'check-file' });
  const start = h('button.primary', { type: 'submit' }, 'Check file');
  const progress = progressBar();
  progress.hidden = true;
  const out = h('div#check-results');

  async function run() {
    const f = file.files[0];
    if (!f) return;
    clear(out);
    delete out.dataset.ready;
    start.disabled = true;
    progress.hidden = false;
    progress.set(0, 1, `Uploading ${f.name} (${(f.size / 1024).toFixed(1)} kB)…`);
    try {
      const body = await f.arrayBuffer();
      const ct = format.value === 'shipments' ? 'text/csv' : format.value.startsWith('mt') ? 'text/plain' : 'application/xml';
      const r = await request('POST', '/v1/check?format=' + encodeURIComponent(format.value), { body, contentType: ct });
      progress.set(1, 1, 'Checked');
      showCheck(out, r);
    } catch (e) {
      progress.set(0, 1, 'Failed');
      put(out, errorBox(e));
    } finally {
      start.disabled = false;
      markReady(out);
    }
  }

  return section(
    'Transaction check',
    h('p.muted', 'Check shipments or payment messages: every party is screened, goods are classified and the red-flag rules run.'),
    h('form.row', { onsubmit: (ev) => (ev.preventDefault(), run()) }, field('Format', format), field('File', file), h('div.actions', start)),
    progress,
    out,
  );
}

const DECISION_CLASS = { clear: 'low', review: 'mid', block: 'high', cannot_clear: 'high' };

// The JSON of `chokepoint check --json`: {summary, items: [{ref, kind,
// source_line, risk, decision, alerts, goods}], problems, lists_version, ...}.
function showCheck(out, r) {
  const items = (r.items || []).slice().sort((a, b) => (b.risk ?? 0) - (a.risk ?? 0) || (a.source_line ?? 0) - (b.source_line ?? 0));
  const sum = r.summary || {};
  const problems = r.problems || [];
  put(
    out,
    h(
      'div.stats',
      stat('Checked', String(sum.items ?? items.length)),
      ['block', 'cannot_clear', 'review', 'clear'].map((d) => stat(d.replace('_', ' '), h('span.score.' + DECISION_CLASS[d], String(sum[d] ?? 0)))),
      stat('Lists', r.lists_version || ''),
      stat('Rules', r.rules_version || ''),
    ),
    r.lists_stale ? h('div.error', `The lists are ${r.lists_age_days} days old (more than ${r.max_list_age_days}): decisions cannot clear until they are updated.`) : null,
  );
  if (items.length) {
    put(
      out,
      h('div.scroll', table(
        [
          { label: 'Line', className: 'num', value: (t) => String(t.source_line ?? '') },
          { label: 'Ref', value: (t) => h('span.mono.small', t.ref ?? '') },
          { label: 'Decision', value: (t) => h('span.score.' + (DECISION_CLASS[t.decision] || 'low'), String(t.decision ?? '').replace('_', ' ')) },
          { label: 'Risk', className: 'num', value: (t) => String(t.risk ?? '') },
          { label: 'Alerts', value: (t) => (t.alerts || []).map((a) => h('div.small', h('strong', a.rule ?? ''), ' ', a.title ?? '', a.severity ? h('span.muted', ` (severity ${a.severity})`) : null)) },
          { label: 'Goods', value: (t) => (t.goods || []).map((g) => h('div.small', h('span.mono', g.hs6 || '—'), g.chpl_tier ? h('span.tag.program', 'CHPL ' + g.chpl_tier) : null)) },
        ],
        items,
        { testId: 'check' },
      )),
    );
  }
  if (problems.length) {
    put(out, h('h3', `Problems in the file (${problems.length})`), h('ul', problems.slice(0, 100).map((p) => h('li.small', typeof p === 'string' ? p : JSON.stringify(p)))));
  }
  put(out, h('details', h('summary', 'Raw response'), h('pre.json', JSON.stringify(r, null, 2))));
}

function stat(label, value) {
  return h('div.stat', h('div.stat-label', label), h('div.stat-value', value));
}

export function render(main) {
  put(main, 
    pageTitle('Upload', 'Screen a file of names, or check a file of shipments or payment messages.'),
    batchPanel(),
    checkPanel(),
  );
}
