// The alert queue: open (or closed, or all) alerts, newest first, paged.
import { get, query } from '../api.js';
import { h, clear, table, scoreBadge, errorBox, loading, pageTitle, markReady, put } from '../ui.js';

const PAGE = 50;

export function statusTag(status) {
  return h('span.status.' + String(status || '').replace(/[^a-z_]/g, ''), String(status || '').replace(/_/g, ' '));
}

export function when(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return isNaN(d) ? iso : d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

export function render(main, ctx) {
  const status = ctx.params.status || 'open';
  const offset = Math.max(0, Number(ctx.params.offset) || 0);
  const out = h('div#alerts', loading());
  const tabs = h(
    'div.tabs',
    ['open', 'closed', 'all'].map((s) => h('a' + (s === status ? '.active' : ''), { href: `#/alerts?status=${s}` }, s[0].toUpperCase() + s.slice(1))),
  );
  put(main, pageTitle('Alerts', 'Hits raised by screenings and checks, waiting for a decision.'), tabs, out);

  get('/v1/alerts' + query({ status, limit: PAGE, offset }))
    .then((r) => {
      const alerts = Array.isArray(r) ? r : r.alerts || [];
      const total = r.total ?? null;
      clear(out);
      if (!alerts.length) {
        put(out, h('p.muted.card', status === 'open' ? 'No open alerts. Screenings that produce hits raise alerts here.' : 'No alerts.'));
      } else {
        put(out, 
          table(
            [
              { label: 'Alert', className: 'num', value: (a) => h('a', { href: `#/alerts/${a.id}` }, '#' + a.id) },
              { label: 'Party', value: (a) => h('div', h('strong', a.party_name || a.party || ''), a.party && a.party !== a.party_name ? h('div.small.muted', a.party) : null) },
              { label: 'Listed entity', value: (a) => h('div', a.entity_name || '', h('div.small.muted.mono', a.entity_id || '')) },
              { label: 'Score', value: (a) => scoreBadge(a.score) },
              { label: 'Status', value: (a) => statusTag(a.status) },
              { label: 'Reason', value: (a) => h('span.small', a.reason || '') },
              { label: 'Raised', className: 'nowrap', value: (a) => h('span.small.muted', when(a.created)) },
            ],
            alerts,
            { testId: 'alerts', onRowClick: (a) => ctx.navigate(`#/alerts/${a.id}`) },
          ),
        );
      }
      const pager = h('div.pager');
      if (offset > 0) put(pager, h('a', { href: `#/alerts?status=${status}&offset=${Math.max(0, offset - PAGE)}` }, '← Newer'));
      put(pager, h('span.muted.small', total !== null ? `${offset + 1}–${offset + alerts.length} of ${total}` : `${alerts.length} shown`));
      if ((total !== null && offset + alerts.length < total) || (total === null && alerts.length === PAGE)) {
        put(pager, h('a', { href: `#/alerts?status=${status}&offset=${offset + PAGE}` }, 'Older →'));
      }
      if (alerts.length) put(out, pager);
      markReady(out);
    })
    .catch((e) => {
      put(clear(out), errorBox(e));
      markReady(out);
    });
}
