// Trade dashboard: partner shares for a period, growth of the top partners
// over several years, like-for-like surges and the diversion findings at
// transshipment hubs (GET /v1/trade/share, /surge, /diversion).
import { get, query } from '../api.js';
import { chart, PALETTE } from '../charts.js';
import { h, clear, table, fmtMoney, fmtNumber, errorBox, loading, pageTitle, section, field, markReady, put } from '../ui.js';

const GROUPS = ['total', 'chpl', 'chpl:1', 'chpl:2', 'chpl:3', 'chpl:4', 'microelectronics', 'machine-tools', 'optics', 'engines', 'uavs', 'nitrocellulose'];

export function render(main, ctx) {
  const p = ctx.params;
  const hs = h('input', { id: 'trade-hs', list: 'hs-groups', value: p.hs || 'chpl', size: 16 });
  const groups = h('datalist', { id: 'hs-groups' }, GROUPS.map((g) => h('option', { value: g })));
  const reporter = h('input', { id: 'trade-reporter', value: p.reporter || '', placeholder: 'any', size: 4, maxLength: 2 });
  const flow = h('select', { id: 'trade-flow' }, ['', 'import', 'export'].map((f) => h('option', { value: f }, f || 'any')));
  flow.value = p.flow || '';
  const year = new Date().getUTCFullYear();
  const from = h('input', { id: 'trade-from', type: 'number', value: p.from || String(2019), min: 1990, max: year, size: 5 });
  const to = h('input', { id: 'trade-to', type: 'number', value: p.to || String(2023), min: 1990, max: year, size: 5 });
  const by = h('select', { id: 'trade-by' }, ['partner', 'reporter'].map((x) => h('option', { value: x }, x)));
  by.value = p.by || 'partner';

  const shareBox = h('div.chart', { id: 'chart-share' });
  const growthBox = h('div.chart', { id: 'chart-growth' });
  const surgeBox = h('div.chart', { id: 'chart-surge' });
  const shareNote = h('div.small.muted');
  const growthNote = h('div.small.muted');
  const surgeNote = h('div.small.muted');
  const diversionOut = h('div#diversion');
  const status = h('div#trade-status');
  const charts = [];

  put(main, 
    pageTitle('Trade', 'Who supplies a goods group, how that changed, and where trade surged after the 2022 restrictions.'),
    groups,
    h(
      'form.card.row',
      { onsubmit: (ev) => (ev.preventDefault(), run()) },
      field('Goods group (HS)', hs, 'e.g. chpl, microelectronics, 8542'),
      field('Reporter', reporter),
      field('Flow', flow),
      field('Shares by', by),
      field('From year', from),
      field('To year', to),
      h('div.actions', h('button.primary', { type: 'submit' }, 'Show')),
    ),
    status,
    h('div.grid2', section('Shares', shareNote, shareBox), section('Growth of the top partners', growthNote, growthBox)),
    section('Surges against the baseline year (like-for-like months)', surgeNote, surgeBox),
    section('Diversion through hubs', diversionOut),
  );

  function filters() {
    return { hs: hs.value.trim() || 'total', reporter: reporter.value.trim().toUpperCase(), flow: flow.value };
  }

  async function run() {
    for (const c of charts.splice(0)) c.dispose_();
    clear(status);
    delete status.dataset.ready;
    const f = filters();
    const y0 = Number(from.value);
    const y1 = Number(to.value);
    if (!(y0 <= y1)) {
      put(status, errorBox('“From year” must not be after “To year”.'));
      return;
    }
    history.replaceState(null, '', '#/trade' + query({ ...f, by: by.value, from: y0, to: y1 }));
    const tasks = [share(f, y1), growth(f, y0, y1), surge(f, y0, y1), diversion(f)];
    const results = await Promise.allSettled(tasks);
    const failed = results.filter((r) => r.status === 'rejected');
    if (failed.length === results.length) put(status, errorBox(failed[0].reason));
    markReady(status);
  }

  async function share(f, y) {
    put(clear(shareNote), loading());
    try {
      const r = await get('/v1/trade/share' + query({ ...f, period: String(y), by: by.value }));
      const key = by.value;
      const rows = (r.rows || []).slice(0, 15);
      put(clear(shareNote), `HS ${r.hs}, ${r.period}: total ${fmtMoney(r.total)}${r.months && r.months.length < 12 ? ` (months ${r.months.join(',')})` : ''}`);
      const c = chart(shareBox);
      charts.push(c);
      c.setOption({
        color: PALETTE,
        grid: { left: 50, right: 56, top: 10, bottom: 30 },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => v.toFixed(1) + '%' },
        xAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
        yAxis: { type: 'category', inverse: true, data: rows.map((x) => x[key]) },
        series: [{ type: 'bar', data: rows.map((x) => +(100 * x.share).toFixed(2)), label: { show: true, position: 'right', formatter: (d) => d.value.toFixed(1) + '%' } }],
      });
      if (!rows.length) put(clear(shareNote), 'No trade recorded for this selection.');
    } catch (e) {
      put(clear(shareNote), errorBox(e));
      throw e;
    }
  }

  async function growth(f, y0, y1) {
    put(clear(growthNote), loading());
    try {
      const years = [];
      for (let y = y0; y <= y1 && years.length < 15; y++) years.push(y);
      const key = by.value;
      const shares = await Promise.all(years.map((y) => get('/v1/trade/share' + query({ ...f, period: String(y), by: key }))));
      const last = shares[shares.length - 1];
      const top = (last.rows || []).slice(0, 6).map((x) => x[key]);
      // An index (the first year with trade = 100), so that small partners'
      // growth shows beside large ones; the tooltip gives the values.
      const values = top.map((k) => shares.map((s) => (s.rows || []).find((x) => x[key] === k)?.value ?? 0));
      const series = top.map((k, i) => {
        const base = values[i].find((v) => v > 0);
        return {
          name: k,
          type: 'line',
          symbolSize: 6,
          data: values[i].map((v, j) => ({ value: base && (v > 0 || values[i].slice(0, j).some((x) => x > 0)) ? +((100 * v) / base).toFixed(1) : null, raw: v })),
        };
      });
      const partial = shares.filter((s) => s.months && s.months.length && s.months.length < 12).map((s) => s.period);
      put(clear(growthNote), `Value by year of the last year's top ${top.length}, as an index (first year with trade = 100)${partial.length ? `; partial years: ${partial.join(', ')}` : ''}`);
      const c = chart(growthBox);
      charts.push(c);
      c.setOption({
        color: PALETTE,
        legend: { top: 0 },
        grid: { left: 60, right: 20, top: 40, bottom: 30 },
        tooltip: {
          trigger: 'axis',
          formatter: (items) =>
            items[0].axisValue + '<br>' + items.map((it) => `${it.marker}${it.seriesName}: ${fmtMoney(it.data.raw)}${it.data.value == null ? '' : ` (index ${it.data.value})`}`).join('<br>'),
        },
        xAxis: { type: 'category', data: years.map(String) },
        yAxis: { type: 'value', name: 'index', axisLabel: { formatter: '{value}' } },
        series,
      });
    } catch (e) {
      put(clear(growthNote), errorBox(e));
      throw e;
    }
  }

  async function surge(f, y0, y1) {
    put(clear(surgeNote), loading());
    try {
      const r = await get('/v1/trade/surge' + query({ ...f, baseline: String(y0), period: String(y1) }));
      const rows = (r.rows || []).filter((x) => x.period > 0).sort((a, b) => b.period - a.period).slice(0, 20);
      put(clear(surgeNote), `HS ${r.hs}: ${r.period_year} against ${r.baseline_year}, months ${(r.months || []).join(',')}. Bars: value in each year (log scale); the label is the ratio.`);
      const c = chart(surgeBox);
      charts.push(c);
      c.setOption({
        color: ['#9aa9b8', '#c0504d'],
        legend: { top: 0 },
        grid: { left: 60, right: 20, top: 40, bottom: 30 },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: fmtMoney },
        xAxis: { type: 'category', data: rows.map((x) => x.partner) },
        yAxis: { type: 'log', logBase: 10, name: 'log scale', min: (v) => Math.pow(10, Math.floor(Math.log10(Math.max(1, v.min)))), axisLabel: { formatter: fmtMoney } },
        series: [
          { name: String(r.baseline_year), type: 'bar', data: rows.map((x) => (x.baseline > 0 ? x.baseline : null)) },
          {
            name: String(r.period_year),
            type: 'bar',
            data: rows.map((x) => x.period),
            label: { show: true, position: 'top', fontSize: 10, formatter: (d) => (rows[d.dataIndex].ratio == null ? 'new' : '×' + rows[d.dataIndex].ratio.toFixed(1)) },
          },
        ],
      });
    } catch (e) {
      put(clear(surgeNote), errorBox(e));
      throw e;
    }
  }

  async function diversion(f) {
    put(clear(diversionOut), loading());
    try {
      const r = await get('/v1/trade/diversion' + query({ reporter: f.reporter, flow: f.flow }));
      const findings = r.findings || [];
      put(clear(diversionOut), 
        h('p.muted.small', `Post-invasion window: ${(r.post_periods || []).length} months, against the same months of 2020-2021. ${findings.length} finding(s).`),
        findings.length
          ? h('div.scroll', table(
              [
                { label: 'Hub', value: (x) => h('strong', x.hub) },
                { label: 'Goods', value: (x) => x.group },
                { label: 'Pattern', value: (x) => h('span.tag', String(x.pattern).replace(/_/g, ' ')) },
                { label: 'Baseline', className: 'num', value: (x) => fmtMoney(x.baseline) },
                { label: 'Post', className: 'num', value: (x) => fmtMoney(x.post) },
                { label: 'Ratio', className: 'num', value: (x) => (x.ratio == null ? 'new' : '×' + fmtNumber(x.ratio, 1)) },
                { label: 'Detail', value: (x) => h('span.small', x.detail || (x.new_codes || []).join(', ')) },
              ],
              findings.slice(0, 100),
              { testId: 'diversion' },
            ))
          : h('p.muted', 'No hub shows a new flow, new CHPL codes or a spike.'),
      );
    } catch (e) {
      put(clear(diversionOut), errorBox(e));
      throw e;
    }
  }

  run();
  return () => charts.forEach((c) => c.dispose_());
}
