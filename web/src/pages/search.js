// Name search: one query against the lists, each hit with its explanation
// (the feature contributions and the token alignment).
import { post } from '../api.js';
import { h, clear, field, table, fmtScore, scoreBadge, errorBox, loading, pageTitle, markReady, put } from '../ui.js';
import { entityId } from '../entity.js';

const SCHEMAS = ['', 'Person', 'Organization', 'Company', 'LegalEntity', 'Vessel', 'Airplane'];

export function explanation(hit) {
  const items = Array.isArray(hit.explanation) ? hit.explanation : [];
  const features = items.filter((x) => 'feature' in x);
  const tokens = items.filter((x) => 'query_token' in x);
  return h(
    'div.explain',
    h(
      'div.explain-col',
      h('h4', 'Feature contributions'),
      features.length
        ? table(
            [
              { label: 'Feature', className: 'feature', value: (f) => f.feature },
              { label: 'Value', className: 'num', value: (f) => (f.feature === 'name' ? '' : f.value > 0 ? '+' : '') + fmtScore(f.value) },
              { label: 'Detail', value: (f) => f.detail || '' },
            ],
            features,
            { testId: 'features' },
          )
        : h('p.muted', 'No feature contributions.'),
    ),
    h(
      'div.explain-col',
      h('h4', 'Token alignment'),
      tokens.length
        ? table(
            [
              { label: 'Query token', value: (t) => t.query_token },
              { label: '', value: (t) => (t.similarity >= 0.9995 ? '=' : '≈'), className: 'center' },
              { label: 'Listed token', value: (t) => t.list_token },
              { label: 'Matched on', value: (t) => t.key },
              { label: 'Similarity', className: 'num', value: (t) => bar(t.similarity) },
              { label: 'Weight', className: 'num', value: (t) => fmtScore(t.weight) },
            ],
            tokens,
            { testId: 'tokens' },
          )
        : h('p.muted', 'No token alignment.'),
    ),
  );
}

function bar(x) {
  const pct = Math.max(0, Math.min(1, x || 0)) * 100;
  return h('span.simbar', h('span.simbar-fill', { style: `width:${pct.toFixed(0)}%` }), h('span.simbar-text', fmtScore(x)));
}

export function hitsTable(hits, options = {}) {
  const rows = [];
  const tbody = h('tbody');
  hits.forEach((hit, i) => {
    const detail = h('tr.detail', { hidden: !options.expandFirst || i !== 0 }, h('td', { colSpan: 8 }, explanation(hit)));
    const toggle = h('button.link.small', { type: 'button', onclick: () => (detail.hidden = !detail.hidden) }, 'Why?');
    const tr = h(
      'tr.hit',
      { dataset: { source: hit.source, sourceId: hit.source_id } },
      h('td', scoreBadge(hit.score)),
      h('td.name', h('strong', hit.name), hit.matched_name && hit.matched_name !== hit.name ? h('div.small.muted', 'matched: ', hit.matched_name) : null),
      h('td', hit.schema || ''),
      h('td', h('span.tag', hit.source), ' ', h('span.mono.small', hit.source_id)),
      h('td', (hit.programs || []).map((p) => h('span.tag.program', p))),
      h('td.num.small.muted', fmtScore(hit.ofac_score)),
      h('td', h('a.small', { href: '#/network?entity=' + encodeURIComponent(entityId(hit)) + (options.query ? '&q=' + encodeURIComponent(options.query) : '') }, 'Network')),
      h('td', toggle),
    );
    rows.push(tr, detail);
  });
  put(tbody, ...rows);
  return h(
    'table.data.hits',
    { dataset: { testid: 'hits' } },
    h('thead', h('tr', ['Score', 'Listed name', 'Type', 'Source', 'Programs', 'OFAC score', '', ''].map((l) => h('th', l)))),
    tbody,
  );
}

export function render(main, ctx) {
  const name = h('input', { name: 'name', id: 'q-name', placeholder: 'e.g. a person, company or vessel name, in any script', required: true, autocomplete: 'off' });
  const schema = h('select', { name: 'schema' }, SCHEMAS.map((s) => h('option', { value: s }, s || 'Any type')));
  const country = h('input', { name: 'country', placeholder: 'e.g. RU', size: 6, maxLength: 2 });
  const dob = h('input', { name: 'dob', placeholder: 'YYYY[-MM[-DD]]', size: 12 });
  const limit = h('input', { name: 'limit', type: 'number', min: 1, max: 100, value: '10', size: 4 });
  const threshold = h('input', { name: 'threshold', type: 'number', min: 0, max: 1, step: '0.01', placeholder: 'default', size: 6 });
  const out = h('div#results');
  let controller = null;

  async function run() {
    const q = { name: name.value.trim() };
    if (!q.name) return;
    if (schema.value) q.schema = schema.value;
    if (country.value.trim()) q.country = country.value.trim().toUpperCase();
    if (dob.value.trim()) q.dob = dob.value.trim();
    if (limit.value) q.limit = Number(limit.value);
    if (threshold.value) q.threshold = Number(threshold.value);
    controller?.abort();
    controller = new AbortController();
    put(clear(out), loading('Screening…'));
    delete out.dataset.ready;
    try {
      const r = await post('/v1/screen', q, { signal: controller.signal });
      const hits = r.results || [];
      put(clear(out), 
        h(
          'div.result-head',
          h('strong', hits.length ? `${hits.length} hit${hits.length > 1 ? 's' : ''}` : 'No hits'),
          h('span.muted', ` for “${r.query?.name ?? q.name}” · ${r.candidates ?? '?'} candidates scored · threshold ${fmtScore(r.query?.threshold)} · lists ${r.snapshot || ''}`),
        ),
        hits.length ? hitsTable(hits, { expandFirst: true, query: q.name }) : h('p.muted', 'Nothing on the lists scored above the threshold.'),
      );
      markReady(out);
      const params = new URLSearchParams({ name: q.name });
      if (q.schema) params.set('schema', q.schema);
      if (q.country) params.set('country', q.country);
      history.replaceState(null, '', '#/search?' + params.toString());
    } catch (e) {
      if (e.name === 'AbortError') return;
      put(clear(out), errorBox(e));
      markReady(out);
    }
  }

  put(main, 
    pageTitle('Name search', 'Screen one name against the loaded sanctions lists. Each hit shows why it scored as it did.'),
    h(
      'form.card.search-form',
      { onsubmit: (ev) => (ev.preventDefault(), run()) },
      h('div.row', field('Name', name), h('div.actions', h('button.primary', { type: 'submit' }, 'Screen'))),
      h('div.row', field('Type', schema), field('Country', country), field('Date of birth', dob), field('Max hits', limit), field('Threshold', threshold)),
    ),
    out,
  );
  if (ctx.params.name) {
    name.value = ctx.params.name;
    if (ctx.params.schema) schema.value = ctx.params.schema;
    if (ctx.params.country) country.value = ctx.params.country;
    run();
  }
  name.focus();
  return () => controller?.abort();
}
