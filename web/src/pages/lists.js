// Lists: the loaded snapshot (sources, counts, files), the versions kept,
// a diff between two versions, and (for admins) a list update.
import { get, post, query } from '../api.js';
import { h, clear, table, fmtNumber, errorBox, loading, pageTitle, section, field, markReady, put } from '../ui.js';

function versionOf(v) {
  return typeof v === 'string' ? v : v.version || v.id || '';
}

export function render(main) {
  const info = h('div#lists-info', loading());
  const versions = h('div#lists-versions', loading());
  const diffOut = h('div#lists-diff');
  const from = h('select', { id: 'diff-from' });
  const to = h('select', { id: 'diff-to' });
  const updateOut = h('div');
  put(main, 
    pageTitle('Lists', 'The sanctions lists loaded into the screening engine, their versions and what changed between them.'),
    info,
    h(
      'div.grid2',
      section('Versions', versions),
      section(
        'Compare versions',
        h('form.row', { onsubmit: (ev) => (ev.preventDefault(), diff()) }, field('From', from), field('To', to), h('div.actions', h('button.primary', { type: 'submit' }, 'Show changes'))),
        diffOut,
        h('hr'),
        h('p.muted.small', 'Administrators can fetch the publishers’ current files and build the next version; screening continues on the current one until it is ready.'),
        h('button', { type: 'button', onclick: update }, 'Update lists now'),
        updateOut,
      ),
    ),
  );

  // POST /v1/lists/update starts a background job; GET shows its state.
  async function update() {
    clear(updateOut);
    try {
      let job = await post('/v1/lists/update', {});
      put(updateOut, h('div.ok', 'Update started.'));
      while (job.state === 'running') {
        await new Promise((r) => setTimeout(r, 2000));
        job = await get('/v1/lists/update');
      }
      put(clear(updateOut), h(job.state === 'failed' ? 'div.error' : 'div.ok', `Update ${job.state}: ${job.message || ''}`));
    } catch (e) {
      put(clear(updateOut), errorBox(e));
    }
  }

  async function diff() {
    put(clear(diffOut), loading('Comparing…'));
    delete diffOut.dataset.ready;
    try {
      const r = await get('/v1/lists/diff' + query({ from: from.value, to: to.value }));
      clear(diffOut);
      const parts = [
        ['Added', r.added || [], 'added'],
        ['Removed', r.removed || [], 'removed'],
        ['Changed', r.changed || [], 'changed'],
      ];
      put(diffOut, h('p', h('strong', `${r.old_version || from.value} → ${r.new_version || to.value}: `), parts.map(([l, v]) => `${v.length} ${l.toLowerCase()}`).join(', ')));
      for (const [label, rows, cls] of parts) {
        if (!rows.length) continue;
        put(diffOut, 
          h('h3.' + cls, `${label} (${rows.length})`),
          h('div.scroll', table(
            [
              { label: 'Source', value: (e) => h('span.tag', e.source) },
              { label: 'Id', value: (e) => h('a.mono.small', { href: '#/network?entity=' + encodeURIComponent(`${e.source}:${e.source_id}`) }, e.source_id) },
              { label: 'Name', value: (e) => e.name },
              { label: cls === 'changed' ? 'Fields changed' : 'Programs added', value: (e) => (e.fields || e.programs_added || []).join(', ') },
            ],
            rows.slice(0, 500),
            { testId: 'diff-' + cls },
          )),
          rows.length > 500 ? h('p.muted.small', `First 500 of ${rows.length} shown.`) : null,
        );
      }
    } catch (e) {
      put(clear(diffOut), errorBox(e));
    }
    markReady(diffOut);
  }

  get('/v1/lists')
    .then((s) => {
      put(clear(info), 
        section(
          'Loaded snapshot',
          h(
            'div.stats',
            stat('Version', s.version),
            stat('Created', s.created),
            stat('Entities', fmtNumber(s.entities)),
            stat('Sources', String((s.sources || []).length)),
          ),
          table(
            [
              { label: 'Source', value: (x) => h('strong', x.source) },
              { label: 'Format', value: (x) => x.format },
              { label: 'List date', className: 'nowrap', value: (x) => x.list_date || '' },
              { label: 'Entities', className: 'num', value: (x) => fmtNumber(x.entities) },
              { label: 'Names', className: 'num', value: (x) => fmtNumber(x.names) },
              { label: 'By type', value: (x) => Object.entries(x.schemas || {}).map(([k, v]) => `${k} ${fmtNumber(v)}`).join(', ') },
              { label: 'Problems', className: 'num', value: (x) => fmtNumber(Array.isArray(x.problems) ? x.problems.length : x.problems) },
              { label: 'Files', value: (x) => (x.files || []).map((f) => h('div.small.mono', { title: f.sha256 || '' }, String(f.path || '').split('/').pop())) },
            ],
            s.sources || [],
            { testId: 'sources' },
          ),
        ),
      );
      markReady(info);
    })
    .catch((e) => {
      put(clear(info), errorBox(e));
      markReady(info);
    });

  // {current, current_created, versions: [{version, modified, bytes, current}]}
  get('/v1/lists/versions')
    .then((r) => {
      const list = Array.isArray(r) ? r : r.versions || [];
      clear(versions);
      put(versions, 
        table(
          [
            { label: 'Version', value: (v) => h('span.mono', versionOf(v)) },
            { label: 'Saved', value: (v) => (typeof v === 'string' ? '' : v.modified || v.created || '') },
            { label: 'Size', className: 'num', value: (v) => (typeof v === 'string' || v.bytes == null ? '' : fmtNumber(v.bytes / 1048576, 1) + ' MB') },
            { label: '', value: (v) => (typeof v !== 'string' && v.current ? h('span.tag', 'loaded') : '') },
          ],
          list,
          { testId: 'versions' },
        ),
        list.length < 2 ? h('p.muted.small', 'Earlier versions appear here after a list update.') : null,
      );
      const ids = list.map(versionOf);
      for (const sel of [from, to]) put(clear(sel), ...ids.map((v) => h('option', { value: v }, v)));
      const current = list.find((v) => v.current);
      const others = list.filter((v) => !v.current);
      to.value = current ? versionOf(current) : ids[0] || '';
      from.value = others.length ? versionOf(others[0]) : to.value;
      markReady(versions);
    })
    .catch((e) => {
      put(clear(versions), errorBox(e));
      markReady(versions);
    });
}

function stat(label, value) {
  return h('div.stat', h('div.stat-label', label), h('div.stat-value', value ?? '—'));
}
