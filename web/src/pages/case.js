// One alert as a case: the party, the listed entity, the hits of the
// screening with explanations, the decisions and the audit history, and the
// decision buttons.
import { get, post } from '../api.js';
import { h, clear, table, scoreBadge, fmtScore, errorBox, loading, pageTitle, section, field, markReady, put } from '../ui.js';
import { explanation, hitsTable } from './search.js';
import { statusTag, when } from './alerts.js';

const DECISIONS = [
  ['true_match', 'True match', 'danger'],
  ['false_positive', 'False positive', 'primary'],
  ['escalate', 'Escalate', ''],
  ['need_more_information', 'Need more information', ''],
];

function parseJson(x) {
  if (typeof x !== 'string') return x;
  try {
    return JSON.parse(x);
  } catch {
    return null;
  }
}

// A stored hit: the hit JSON of `chokepoint screen --json` itself, or
// {entity_id, entity_name, score, explanation_json}.
function hitOf(stored) {
  const inner = parseJson(stored.explanation_json) || parseJson(stored.hit) || {};
  const [source, ...rest] = String(stored.entity_id || '').split(':');
  return {
    source: inner.source ?? stored.source ?? source,
    source_id: inner.source_id ?? stored.source_id ?? rest.join(':'),
    schema: inner.schema ?? stored.schema,
    name: inner.name ?? stored.entity_name ?? stored.name,
    matched_name: inner.matched_name ?? stored.matched_name,
    score: inner.score ?? stored.score,
    ofac_score: inner.ofac_score ?? stored.ofac_score,
    explanation: inner.explanation ?? stored.explanation ?? [],
    programs: inner.programs ?? stored.programs ?? [],
  };
}

function dl(pairs) {
  return h('dl.kv', pairs.filter(([, v]) => v !== undefined && v !== null && v !== '').flatMap(([k, v]) => [h('dt', k), h('dd', v)]));
}

export function render(main, ctx) {
  const id = ctx.parts[1];
  const out = h('div#case', loading());
  put(main, h('div.crumbs', h('a', { href: '#/alerts' }, '← Alert queue')), out);

  async function load(message) {
    try {
      const r = await get('/v1/alerts/' + encodeURIComponent(id));
      clear(out);
      show(r, message);
    } catch (e) {
      put(clear(out), errorBox(e));
    }
    markReady(out);
  }

  function show(r, message) {
    const a = r.alert || r;
    const party = r.party || r.counterparty || null;
    const hits = (r.hits || []).filter(Boolean).map(hitOf);
    const decisions = r.decisions || [];
    const audit = r.audit || [];
    const closed = a.status === 'closed';
    const alertHit = parseJson(a.hit) || parseJson(a.explanation_json);

    const note = h('textarea', { id: 'decision-note', rows: 3, placeholder: 'Reasons for the decision (kept in the audit trail)' });
    const result = h('div#decision-result');
    if (message) put(result, h('div.ok', message));
    const buttons = DECISIONS.map(([value, label, kind]) =>
      h(
        'button' + (kind ? '.' + kind : ''),
        {
          type: 'button',
          dataset: { decision: value },
          disabled: closed,
          onclick: async () => {
            for (const b of buttons) b.disabled = true;
            clear(result);
            try {
              const d = await post(`/v1/alerts/${encodeURIComponent(id)}/decisions`, { decision: value, note: note.value.trim() });
              await load(`Recorded “${label}”. The alert is now ${String(d.status || d.alert?.status || 'updated').replace(/_/g, ' ')}.`);
            } catch (e) {
              put(result, errorBox(e));
              for (const b of buttons) b.disabled = closed;
            }
          },
        },
        label,
      ),
    );

    put(out, 
      pageTitle(`Alert #${a.id ?? id}`, a.reason || ''),
      h(
        'div.grid2',
        section(
          'Party screened',
          dl([
            ['Name', h('strong', a.party_name || party?.name || '')],
            ['Party id', a.party],
            ['Type', party?.schema],
            ['Country', party?.country],
            ['Date of birth', party?.dob],
            ['Identifiers', (party?.identifiers || []).join(', ')],
          ]),
        ),
        section(
          'Listed entity',
          dl([
            ['Name', h('strong', a.entity_name || '')],
            ['Entity', h('a.mono', { href: '#/network?entity=' + encodeURIComponent(a.entity_id || '') + '&q=' + encodeURIComponent(a.party_name || '') }, a.entity_id || '')],
            ['Score', scoreBadge(a.score)],
            ['Status', statusTag(a.status)],
            ['Resolution', a.resolution ? a.resolution.replace(/_/g, ' ') : ''],
            ['Lists version', a.lists_version],
            ['Raised', when(a.created)],
            ['Updated', when(a.updated)],
          ]),
        ),
      ),
      alertHit && alertHit.explanation ? section('Why this alert', explanation(hitOf(alertHit))) : null,
      section(
        'Decision',
        closed ? h('p.muted', 'This alert is closed. New decisions cannot be recorded.') : h('p.muted.small', 'Clearing a strong match as a false positive needs a second reviewer (four-eyes).'),
        field('Note', note),
        h('div.actions.decisions', buttons),
        result,
      ),
      hits.length ? section(`Hits of the screening (${hits.length})`, hitsTable(hits, { query: a.party_name })) : null,
      section(
        'Decisions',
        decisions.length
          ? table(
              [
                { label: 'When', value: (d) => when(d.time ?? d.created) },
                { label: 'Decision', value: (d) => h('strong', String(d.decision || '').replace(/_/g, ' ')) },
                { label: 'By', value: (d) => `${d.user || ''}${d.role ? ' (' + d.role + ')' : ''}` },
                { label: 'Note', value: (d) => d.note || '' },
                { label: 'Audit #', className: 'num', value: (d) => String(d.audit_seq ?? '') },
              ],
              decisions,
              { testId: 'decisions' },
            )
          : h('p.muted', 'No decisions yet.'),
      ),
      section(
        'Audit history',
        audit.length
          ? table(
              [
                { label: '#', className: 'num', value: (x) => String(x.seq ?? '') },
                { label: 'When', value: (x) => when(x.time ?? x.created) },
                { label: 'Kind', value: (x) => x.kind || '' },
                { label: 'Record', value: (x) => auditSummary(x) },
                { label: 'Hash', value: (x) => h('span.mono.small', { title: x.hash || '' }, String(x.hash || '').slice(0, 12)) },
              ],
              audit,
              { testId: 'audit' },
            )
          : h('p.muted', 'No audit records.'),
      ),
    );
  }

  load();
}

// One line about an audit record ({seq, kind, time, data: {...}}); the whole
// record on demand.
function auditSummary(x) {
  const full = parseJson(x.record ?? x.record_json) || {};
  const rec = full.data || full;
  const bits = [];
  if (rec.decision) bits.push(String(rec.decision).replace(/_/g, ' ') + (rec.status_after ? ' → ' + String(rec.status_after).replace(/_/g, ' ') : ''));
  if (rec.party_name) bits.push(rec.party_name);
  if (rec.purpose) bits.push(rec.purpose);
  if (Array.isArray(rec.results)) bits.push(`${rec.results.length} hit(s)`);
  if (rec.lists_version) bits.push('lists ' + rec.lists_version);
  if (rec.user) bits.push('by ' + rec.user);
  if (rec.note) bits.push('“' + rec.note + '”');
  return h('details.small', h('summary', bits.join(' · ') || 'record'), h('pre.json', JSON.stringify(full, null, 2)));
}
