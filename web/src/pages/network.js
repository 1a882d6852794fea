// Entity network: a counterparty (the name screened), the listed entities it
// matches, and their relations on the lists (owners, subsidiaries,
// associates...), drawn with Cytoscape.js. Click a listed entity for its
// details; double-click to expand its relations.
import cytoscape from 'cytoscape';
import { get, post } from '../api.js';
import { h, clear, errorBox, loading, pageTitle, field, fmtScore, markReady, put } from '../ui.js';

const MAX_HITS = 8;

function entityPath(id) {
  return '/v1/entities/' + encodeURIComponent(id);
}

export function render(main, ctx) {
  const qInput = h('input', { id: 'net-q', placeholder: 'Counterparty name', value: ctx.params.q || '', size: 30 });
  const eInput = h('input', { id: 'net-entity', placeholder: 'or a listed entity, SOURCE:ID', value: ctx.params.entity || '', size: 26 });
  const graphBox = h('div#graph.graph');
  const side = h('aside#net-details.card.side', h('p.muted', 'Select a node to see its details.'));
  const status = h('div#net-status');
  put(main, 
    pageTitle('Network', 'A counterparty, the listed entities it matches, and how those are related on the lists.'),
    h(
      'form.card.row',
      { onsubmit: (ev) => (ev.preventDefault(), ctx.navigate('#/network?' + new URLSearchParams(Object.entries({ q: qInput.value.trim(), entity: eInput.value.trim() }).filter(([, v]) => v)).toString())) },
      field('Counterparty', qInput),
      field('Listed entity', eInput),
      h('div.actions', h('button.primary', { type: 'submit' }, 'Draw')),
    ),
    status,
    h('div.network', graphBox, side),
    h('div.legend.small.muted', legendItem('party', 'counterparty'), legendItem('match', 'listed entity (match)'), legendItem('listed', 'listed entity'), legendItem('other', 'related party, not listed here'), ' · double-click a listed entity to expand its relations'),
  );

  const cy = cytoscape({
    container: graphBox,
    wheelSensitivity: 0.3,
    minZoom: 0.2,
    maxZoom: 3,
    style: [
      { selector: 'node', style: { label: 'data(label)', 'font-size': 12, 'text-wrap': 'wrap', 'text-max-width': 140, 'text-valign': 'bottom', 'text-margin-y': 4, 'text-background-color': '#ffffff', 'text-background-opacity': 0.85, 'text-background-padding': 2, color: '#1d2733', width: 22, height: 22, 'background-color': '#9aa9b8', 'border-width': 1, 'border-color': '#fff' } },
      { selector: 'node[kind="party"]', style: { 'background-color': '#1f4e79', shape: 'round-rectangle', width: 34, height: 24, 'font-weight': 'bold', 'font-size': 11 } },
      { selector: 'node[kind="match"]', style: { 'background-color': '#c0504d', width: 28, height: 28 } },
      { selector: 'node[kind="listed"]', style: { 'background-color': '#e39a5f' } },
      { selector: 'node[kind="other"]', style: { 'background-color': '#c8d0d8', shape: 'ellipse' } },
      { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#f2c94c' } },
      { selector: 'edge', style: { width: 1.5, 'line-color': '#a8b4c0', 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'target-arrow-color': '#a8b4c0', 'arrow-scale': 0.8, label: 'data(label)', 'font-size': 9, color: '#5a6b7b', 'text-rotation': 'autorotate', 'text-background-color': '#fff', 'text-background-opacity': 0.85, 'text-background-padding': 1 } },
      { selector: 'edge[kind="match"]', style: { 'line-color': '#c0504d', 'target-arrow-color': '#c0504d', 'line-style': 'dashed', width: 'mapData(score, 0.5, 1, 1, 4)' } },
    ],
    layout: { name: 'preset' },
  });

  const entities = new Map();  // id -> entity JSON
  const expanded = new Set();

  function addNode(id, data) {
    const existing = cy.getElementById(id);
    if (existing.nonempty()) {
      if (data.kind === 'match' && existing.data('kind') !== 'party') existing.data('kind', 'match');
      else if (data.kind === 'listed' && existing.data('kind') === 'other') existing.data('kind', 'listed');
      return existing;
    }
    return cy.add({ group: 'nodes', data: { id, ...data } });
  }

  function addEdge(source, target, data) {
    const id = `${source}->${target}:${data.label || ''}`;
    if (cy.getElementById(id).nonempty()) return;
    cy.add({ group: 'edges', data: { id, source, target, ...data } });
  }

  // GET /v1/entities/{id} -> {id, snapshot, entity: {...}, related: [{relation, name, id|null, caption?}]}
  async function loadEntity(id) {
    if (entities.has(id)) return entities.get(id);
    const r = await get(entityPath(id));
    const e = { ...(r.entity || r), related: r.related || [] };
    entities.set(id, e);
    return e;
  }

  async function expand(id) {
    if (expanded.has(id)) return;
    expanded.add(id);
    const e = await loadEntity(id);
    for (const r of e.related) {
      const targetId = r.id || `name:${r.name}`;
      addNode(targetId, { label: r.caption || r.name, kind: r.id ? 'listed' : 'other', entity: r.id || '' });
      addEdge(id, targetId, { label: String(r.relation || '').replace(/_/g, ' '), kind: 'relation' });
    }
  }

  // A radial tree: the counterparty in the middle, its matches on a circle
  // around it, and each entity's relations fanned out beyond it, away from
  // the centre, so every relation sits next to the entity it belongs to.
  function layout() {
    const pos = new Map();  // id -> {x, y, a (direction from the centre)}
    const party = cy.nodes('[kind="party"]');
    const matches = cy.nodes('[kind="match"]');
    let ring1 = matches;
    if (party.nonempty()) {
      pos.set(party[0].id(), { x: 0, y: 0, a: -Math.PI / 2 });
    } else if (matches.nonempty()) {
      pos.set(matches[0].id(), { x: 0, y: 0, a: -Math.PI / 2 });
      ring1 = matches.slice(1);
    }
    const n = ring1.length;
    const r1 = Math.max(170, (n * 150) / (2 * Math.PI));
    ring1.forEach((m, i) => {
      const a = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(n, 1);
      pos.set(m.id(), { x: r1 * Math.cos(a), y: r1 * Math.sin(a), a });
    });
    // Breadth-first outwards from what is placed.
    let frontier = [...pos.keys()];
    while (frontier.length) {
      const next = [];
      for (const id of frontier) {
        const p = pos.get(id);
        const kids = cy.getElementById(id).neighborhood('node').filter((k) => !pos.has(k.id()));
        const k = kids.length;
        const atCentre = p.x === 0 && p.y === 0;
        const spread = atCentre ? (2 * Math.PI) / Math.max(k, 1) : Math.min(0.55, 2.2 / Math.max(k, 1));
        const dist = atCentre ? Math.max(170, (k * 150) / (2 * Math.PI)) : 150 + 10 * k;
        kids.forEach((kid, j) => {
          const a = atCentre ? -Math.PI / 2 + spread * j : p.a + (j - (k - 1) / 2) * spread;
          pos.set(kid.id(), { x: p.x + dist * Math.cos(a), y: p.y + dist * Math.sin(a), a });
          next.push(kid.id());
        });
      }
      frontier = next;
    }
    let spare = 0;
    cy.nodes().forEach((node) => {
      if (!pos.has(node.id())) pos.set(node.id(), { x: -300 + 120 * spare++, y: r1 + 300 });
    });
    cy.layout({ name: 'preset', animate: false, positions: (node) => pos.get(node.id()), padding: 40 }).run();
    cy.fit(undefined, 40);
    if (cy.zoom() > 1.3) {
      cy.zoom(1.3);
      cy.center();
    }
  }

  function showDetails(node) {
    const d = node.data();
    clear(side);
    if (d.kind === 'party') {
      put(side, h('h3', d.label), h('p.muted', 'The name screened.'), h('a', { href: '#/search?name=' + encodeURIComponent(d.label) }, 'Open in search'));
      return;
    }
    const e = d.entity ? entities.get(d.entity) : null;
    if (!e) {
      put(
        side,
        h('h3', d.label),
        d.entity
          ? h('p.muted', 'Double-click to load this entity.')
          : [
              h('p.muted', 'A related party named on the list; the publisher gives no id for it.'),
              h('button', { type: 'button', id: 'net-find', onclick: () => findOnLists(node) }, 'Find it on the lists'),
            ],
      );
      return;
    }
    put(side, 
      h('h3', e.caption || d.label),
      h('div.small', h('span.tag', e.source), ' ', h('span.mono', e.source_id), ' · ', e.schema),
      d.score !== undefined ? h('p', 'Match score ', h('strong', fmtScore(d.score))) : null,
      (e.programs || []).length ? h('div', h('h4', 'Programs'), (e.programs || []).map((p) => h('span.tag.program', p.code || p))) : null,
      h('h4', 'Names'),
      h('ul.small', (e.names || []).slice(0, 12).map((n) => h('li', n.full, h('span.muted', ` (${n.kind}${n.script && n.script !== 'Latin' ? ', ' + n.script : ''})`)))),
      (e.identifiers || []).length ? h('div', h('h4', 'Identifiers'), h('ul.small', e.identifiers.slice(0, 12).map((i) => h('li', `${i.type}: `, h('span.mono', i.value), i.country ? ` (${i.country})` : '')))) : null,
      (e.countries || []).length ? h('p.small', 'Countries: ', e.countries.join(', ')) : null,
      e.related.length ? h('p.small', `${e.related.length} relation(s) on the list.`) : h('p.small.muted', 'No relations on the list.'),
    );
  }

  // A related party known only by name: screen the name and link the
  // listed entities that match it closely.
  async function findOnLists(node) {
    try {
      const r = await post('/v1/screen', { name: node.data('label'), limit: 3 });
      const close = (r.results || []).filter((x) => x.score >= 0.9);
      for (const hit of close) {
        const id = `${hit.source}:${hit.source_id}`;
        addNode(id, { label: hit.name, kind: 'listed', entity: id, score: hit.score });
        addEdge(node.id(), id, { label: '≈ ' + fmtScore(hit.score), kind: 'match', score: hit.score });
      }
      put(side, h('p.small', close.length ? `${close.length} listed entit${close.length === 1 ? 'y' : 'ies'} match this name.` : 'No listed entity matches this name closely.'));
      if (close.length) layout();
    } catch (e) {
      put(side, errorBox(e));
    }
  }

  cy.on('tap', 'node', async (ev) => {
    const node = ev.target;
    const id = node.data('entity');
    if (id && !entities.has(id)) {
      try {
        await loadEntity(id);
      } catch (e) {
        put(clear(side), errorBox(e));
        return;
      }
    }
    showDetails(node);
  });
  cy.on('dbltap', 'node', async (ev) => {
    const id = ev.target.data('entity');
    if (!id) return;
    try {
      await expand(id);
      layout();
    } catch (e) {
      put(clear(side), errorBox(e));
    }
  });

  async function draw() {
    const q = ctx.params.q;
    const entity = ctx.params.entity;
    if (!q && !entity) {
      put(status, h('p.muted.card', 'Enter a counterparty name to screen and draw, or a listed entity id (as shown in search results).'));
      markReady(status);
      return;
    }
    put(status, loading('Drawing…'));
    try {
      if (q) {
        const partyId = 'party';
        addNode(partyId, { label: q, kind: 'party' });
        const r = await post('/v1/screen', { name: q, limit: MAX_HITS });
        for (const hit of (r.results || []).slice(0, MAX_HITS)) {
          const id = `${hit.source}:${hit.source_id}`;
          addNode(id, { label: hit.name, kind: 'match', entity: id, score: hit.score });
          addEdge(partyId, id, { label: fmtScore(hit.score), kind: 'match', score: hit.score });
        }
        if (entity && cy.getElementById(entity).empty()) {
          addNode(entity, { label: entity, kind: 'match', entity });
          addEdge(partyId, entity, { label: 'selected', kind: 'match', score: 0.5 });
        }
      } else {
        addNode(entity, { label: entity, kind: 'match', entity });
      }
      const ids = cy.nodes('[kind="match"]').map((n) => n.id());
      const results = await Promise.allSettled(ids.map(expand));
      for (const n of cy.nodes()) {
        const e = entities.get(n.data('entity'));
        if (e && e.caption) n.data('label', e.caption);
      }
      clear(status);
      const failed = results.filter((x) => x.status === 'rejected');
      if (failed.length) put(status, errorBox(failed[0].reason));
      if (q && ids.length === 0) put(status, h('p.muted.card', `No listed entity matches “${q}”.`));
      layout();
      const focus = cy.getElementById(entity || 'party');
      if (focus.nonempty()) {
        focus.select();
        showDetails(focus);
      }
      graphBox.cy = cy;  // for the browser tests
      graphBox.dataset.nodes = String(cy.nodes().length);
      graphBox.dataset.edges = String(cy.edges().length);
    } catch (e) {
      put(clear(status), errorBox(e));
    }
    markReady(status);
  }

  draw();
  return () => cy.destroy();
}

function legendItem(kind, label) {
  return h('span.legend-item', h('span.dot.' + kind), label);
}
