// Browser end-to-end test of the web app: Debian's chromium driven by
// playwright-core (from web/node_modules; no browser is downloaded) against a
// running `chokepoint serve`. Started by tests/test_web.py, which starts the
// server and creates the token; can be run by hand the same way:
//
//   node tests/web/e2e.mjs --url http://127.0.0.1:PORT --token TOKEN --out DIR \
//       --name NAME [--expect-entity SOURCE:ID] [--csv FILE] [--trade] [--no-casework]
//       [--network-name NAME --expect-related 'NAME|NAME'] [--diff-from VERSION]
//       [--check-file FILE --check-format FORMAT] [--wide-name NAME]
//
// Visits every page, saves a screenshot of each into --out, and checks:
// sign-in (a wrong token is refused; a 401 later sends the user back), the
// hits a name search shows equal the API's JSON for the same query, a CSV
// batch upload screens every name, deciding an alert records the decision
// (the API shows it afterwards), the lists, trade and network pages draw.
// No request may leave the server's origin (the app is fully offline).
// Exits 0 when every check passes; prints one line per check.

import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', '..', 'web', 'package.json'));
const { chromium } = require('playwright-core');

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error('unexpected argument ' + a);
    const key = a.slice(2);
    if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) out[key] = argv[++i];
    else out[key] = true;
  }
  return out;
}

const args = parseArgs(process.argv.slice(2));
for (const k of ['url', 'token', 'out', 'name']) {
  if (!args[k]) {
    console.error(`e2e: --${k} is required`);
    process.exit(2);
  }
}
const BASE = args.url.replace(/\/$/, '');
const TOKEN = args.token;
const OUT = args.out;
const CHROMIUM = process.env.CHOKEPOINT_CHROMIUM || '/usr/bin/chromium';
const TIMEOUT = 60_000;
fs.mkdirSync(OUT, { recursive: true });

let failures = 0;
function check(ok, what, detail = '') {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${detail ? ': ' + detail : ''}`);
  if (!ok) failures++;
  return ok;
}

async function api(method, p, body) {
  const r = await fetch(BASE + p, {
    method,
    headers: { Authorization: 'Bearer ' + TOKEN, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${p}: HTTP ${r.status} ${text.slice(0, 200)}`);
  return JSON.parse(text);
}

async function shot(page, name) {
  const file = path.join(OUT, name + '.png');
  // From the top, so that the sticky header is where it belongs.
  await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
  await page.waitForTimeout(100);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`     screenshot ${file}`);
}

async function ready(page, selector) {
  await page.waitForSelector(`${selector}[data-ready]`, { state: 'attached', timeout: TIMEOUT });
}

async function main() {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'en-GB' });
  const origin = new URL(BASE).origin;
  const offsite = [];
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith(origin + '/') || u.startsWith('data:') || u.startsWith('blob:')) return route.continue();
    offsite.push(u);
    return route.abort();
  });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));

  // --- sign-in -------------------------------------------------------------
  await page.goto(BASE + '/');
  await page.waitForURL(/#\/signin$/);
  check(true, 'an unauthenticated visit goes to the sign-in page');
  await shot(page, '01-signin');
  await page.fill('#token', 'not-a-valid-token');
  await page.click('form.signin button[type=submit]');
  await page.waitForSelector('form.signin .error:not([hidden])');
  check(/not accepted/.test(await page.textContent('form.signin .error')), 'a wrong token is refused');
  await page.fill('#token', TOKEN);
  await page.click('form.signin button[type=submit]');
  await page.waitForURL(/#\/search/);
  check(true, 'the right token signs in');

  // --- name search ---------------------------------------------------------
  await page.fill('#q-name', args.name);
  await page.click('form.search-form button[type=submit]');
  await ready(page, '#results');
  const shown = await page.$$eval('#results tr.hit', (rows) =>
    rows.map((r) => ({
      source: r.dataset.source,
      source_id: r.dataset.sourceId,
      score: r.querySelector('.score').textContent.trim(),
    })),
  );
  const expected = await api('POST', '/v1/screen', { name: args.name, limit: 10 });
  const want = expected.results.map((x) => ({ source: x.source, source_id: x.source_id, score: x.score.toFixed(3) }));
  check(want.length > 0, 'the API finds hits for the search name', `${want.length} hit(s) for ${args.name}`);
  check(JSON.stringify(shown) === JSON.stringify(want), 'the hits shown equal the API JSON (ids, order, scores)',
    JSON.stringify(shown.slice(0, 3)));
  if (args['expect-entity']) {
    check(shown.some((x) => `${x.source}:${x.source_id}` === args['expect-entity']), 'the listed entity is among the hits', args['expect-entity']);
  }
  // The first hit's explanation is open: its token rows are the API's.
  const tokens = await page.$$eval('#results tr.detail:not([hidden]) table[data-testid=tokens] tbody tr', (rows) =>
    rows.map((r) => r.children[0].textContent + '|' + r.children[2].textContent),
  );
  const wantTokens = (expected.results[0]?.explanation || []).filter((x) => 'query_token' in x).map((x) => x.query_token + '|' + x.list_token);
  check(JSON.stringify(tokens) === JSON.stringify(wantTokens), 'the first hit shows its token alignment', tokens.join(', '));
  await shot(page, '02-search');
  // A name whose legal form the explanation shows as one long token: the
  // open explanation stays inside the page (no horizontal scrolling).
  if (args['wide-name']) {
    await page.fill('#q-name', args['wide-name']);
    await page.click('form.search-form button[type=submit]');
    await page.waitForFunction(
      (name) => document.querySelector('#results[data-ready]')?.textContent.includes(name),
      args['wide-name'],
      { timeout: TIMEOUT },
    );
    const open = await page.$$('#results tr.detail:not([hidden]) table[data-testid=tokens]');
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    check(open.length === 1 && widths[0] <= widths[1], 'a long token keeps the explanation inside the page',
      `page ${widths[0]} px wide in a ${widths[1]} px window`);
    await shot(page, '02b-search-long-token');
  }

  // --- CSV upload: batch screening -----------------------------------------
  if (args.csv) {
    await page.click('#nav a[data-page=upload]');
    await page.waitForSelector('#batch-file');
    await page.setInputFiles('#batch-file', args.csv);
    await page.click('#batch-file >> xpath=ancestor::form >> button[type=submit]');
    await ready(page, '#batch-results');
    const csvNames = fs.readFileSync(args.csv, 'utf8').split(/\r?\n/).slice(1).map((l) => l.split(',')[0]).filter(Boolean);
    const rows = await page.$$eval('#batch-results table[data-testid=batch] tbody tr', (trs) => trs.length);
    check(rows === csvNames.length, 'batch upload screened every name of the CSV', `${rows} of ${csvNames.length}`);
    const progress = await page.getAttribute('#batch-results >> xpath=.. >> .progress', 'aria-valuenow');
    check(progress === '100', 'the progress bar reached 100%', progress);
    await page.click('#batch-results table[data-testid=batch] tbody tr >> nth=0');
    await page.waitForSelector('#batch-results table.hits');
    await shot(page, '03-upload');
  }

  // --- file upload: transaction check ----------------------------------------
  if (args['check-file']) {
    const format = args['check-format'] || 'shipments';
    await page.click('#nav a[data-page=upload]');
    await page.waitForSelector('#check-file');
    await page.selectOption('#check-format', format);
    await page.setInputFiles('#check-file', args['check-file']);
    await page.click('#check-file >> xpath=ancestor::form >> button[type=submit]');
    await ready(page, '#check-results');
    const r = await fetch(`${BASE}/v1/check?format=${format}`, {
      method: 'POST',
      headers: { Authorization: 'Bearer ' + TOKEN, 'Content-Type': 'text/csv' },
      body: fs.readFileSync(args['check-file']),
    });
    const want = await r.json();
    const rows = await page.$$eval('#check-results table[data-testid=check] tbody tr', (trs) =>
      trs.map((t) => t.children[1].textContent + '|' + t.children[2].textContent.replace(' ', '_')));
    const wantRows = (want.items || []).map((x) => x.ref + '|' + x.decision).sort();
    check(JSON.stringify(rows.slice().sort()) === JSON.stringify(wantRows), 'the check results shown equal the API JSON', `${rows.length} item(s)`);
    await shot(page, '03b-check');
  }

  // --- alerts and a decision -----------------------------------------------
  await page.click('#nav a[data-page=alerts]');
  await ready(page, '#alerts');
  const alertRows = await page.$$('#alerts table[data-testid=alerts] tbody tr');
  await shot(page, '04-alerts');
  if (args['no-casework']) {
    console.log('skip the casework checks: this server has no /v1/alerts route');
  } else if (check(alertRows.length > 0, 'the alert queue lists open alerts', `${alertRows.length} row(s)`)) {
    await alertRows[0].click();
    await ready(page, '#case');
    const id = (await page.url()).match(/#\/alerts\/([^/?]+)/)[1];
    await shot(page, '05-case');
    const note = 'e2e: escalated for a second look';
    await page.fill('#decision-note', note);
    await page.click('button[data-decision=escalate]');
    await page.waitForSelector('#decision-result .ok, #decision-result .error');
    const okText = await page.textContent('#decision-result');
    check(/Recorded/.test(okText), 'the decision is recorded', okText.trim());
    const detail = await api('GET', '/v1/alerts/' + id);
    const decisions = detail.decisions || [];
    check(decisions.some((d) => d.decision === 'escalate' && d.note === note), 'the API shows the decision with its note');
    const shownDecisions = await page.$$eval('table[data-testid=decisions] tbody tr', (trs) => trs.map((t) => t.textContent));
    check(shownDecisions.some((t) => t.includes(note)), 'the case view shows the decision');
    const audit = await page.$$('table[data-testid=audit] tbody tr');
    check(audit.length >= 2, 'the case view shows the audit history', `${audit.length} record(s)`);
    await shot(page, '06-case-decided');
  }

  // --- lists ---------------------------------------------------------------
  await page.click('#nav a[data-page=lists]');
  await ready(page, '#lists-info');
  await ready(page, '#lists-versions');
  const info = await api('GET', '/v1/lists');
  const sourcesShown = await page.$$eval('table[data-testid=sources] tbody tr', (trs) => trs.map((t) => t.children[0].textContent));
  check(JSON.stringify(sourcesShown) === JSON.stringify(info.sources.map((s) => s.source)), 'the lists page shows every source', sourcesShown.join(', '));
  if (args['diff-from']) {
    await page.selectOption('#diff-from', args['diff-from']);
    const current = (await api('GET', '/v1/lists/versions')).current;
    await page.selectOption('#diff-to', current);
    await page.click('#lists-diff >> xpath=.. >> button[type=submit]');
    await ready(page, '#lists-diff');
    const diff = await api('GET', `/v1/lists/diff?from=${encodeURIComponent(args['diff-from'])}&to=${encodeURIComponent(current)}`);
    const summary = await page.textContent('#lists-diff p');
    const want = `${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed`;
    check(summary.includes(want), 'the diff shown is the API diff', summary.trim());
    const addedRows = await page.$$eval('table[data-testid=diff-added] tbody tr', (trs) => trs.length);
    check(addedRows === Math.min(500, diff.added.length), 'the added entities are listed', `${addedRows} row(s)`);
  } else {
    await page.click('#lists-diff >> xpath=.. >> button[type=submit]');
    await ready(page, '#lists-diff');
    check((await page.$$('#lists-diff .error')).length === 0, 'a diff of the versions is shown');
  }
  await shot(page, '07-lists');

  // --- trade ---------------------------------------------------------------
  if (args.trade) {
    const q = new URLSearchParams({ hs: args['trade-hs'] || 'chpl', from: args['trade-from'] || '2020', to: args['trade-to'] || '2022' });
    await page.goto(BASE + '/#/trade?' + q);
    await ready(page, '#trade-status');
    check((await page.$$('main .error')).length === 0, 'the trade dashboard loads without errors');
    const canvases = await page.$$('#chart-share canvas, #chart-growth canvas, #chart-surge canvas');
    check(canvases.length >= 3, 'the trade dashboard draws its three charts', `${canvases.length} canvas(es)`);
    const share = await api('GET', `/v1/trade/share?hs=${encodeURIComponent(q.get('hs'))}&period=${q.get('to')}&by=partner`);
    const bars = await page.evaluate(() => {
      const o = document.getElementById('chart-share').chart.getOption();
      return { labels: o.yAxis[0].data, values: o.series[0].data };
    });
    const wantBars = share.rows.slice(0, 15);
    check(JSON.stringify(bars.labels) === JSON.stringify(wantBars.map((r) => r.partner)) &&
          bars.values.every((v, i) => Math.abs(v - 100 * wantBars[i].share) < 0.01),
      'the share chart shows the API shares', bars.labels.join(', '));
    await page.waitForTimeout(500);  // let the charts finish their first paint
    await shot(page, '08-trade');
  }

  // --- network ---------------------------------------------------------------
  const netName = args['network-name'] || args.name;
  await page.goto(BASE + '/#/network?q=' + encodeURIComponent(netName));
  await ready(page, '#net-status');
  const graph = await page.evaluate(() => {
    const cy = document.getElementById('graph').cy;
    return cy.nodes().map((n) => ({ id: n.id(), kind: n.data('kind'), label: n.data('label'), pos: n.renderedPosition() }));
  });
  const netHits = await api('POST', '/v1/screen', { name: netName, limit: 8 });
  const matchIds = graph.filter((n) => n.kind === 'match').map((n) => n.id).sort();
  const wantIds = netHits.results.map((x) => `${x.source}:${x.source_id}`).sort();
  check(JSON.stringify(matchIds) === JSON.stringify(wantIds), 'the network shows the counterparty and each match', `${matchIds.length} match(es) for ${netName}`);
  if (args['expect-related']) {
    const norm = (x) => x.toUpperCase().replace(/\.$/, '').trim();
    const labels = new Set(graph.map((n) => norm(n.label)));
    const missing = args['expect-related'].split('|').filter((x) => !labels.has(norm(x)));
    check(missing.length === 0, 'the network shows the relations named on the list', missing.length ? 'missing ' + missing.join(', ') : args['expect-related']);
  }
  // Clicking a match shows its details.
  const first = graph.find((n) => n.kind === 'match');
  if (first) {
    // The layout may still be settling: click where the node is once its
    // rendered position has stopped moving.
    const posOf = (id) => page.evaluate((nid) => {
      const p = document.getElementById('graph').cy.getElementById(nid).renderedPosition();
      return { x: p.x, y: p.y };
    }, id);
    let pos = await posOf(first.id);
    for (let i = 0; i < 50; i++) {
      await page.waitForTimeout(100);
      const next = await posOf(first.id);
      if (Math.abs(next.x - pos.x) < 0.5 && Math.abs(next.y - pos.y) < 0.5) break;
      pos = next;
    }
    const box = await page.locator('#graph').boundingBox();
    await page.mouse.click(box.x + pos.x, box.y + pos.y);
    await page.waitForFunction((label) => document.querySelector('#net-details h3')?.textContent === label, first.label);
    check(true, 'clicking a listed entity shows its details', first.label);
  }
  await page.waitForTimeout(300);
  await shot(page, '09-network');

  // --- a refused token sends the user back to sign-in ----------------------
  await page.evaluate(() => sessionStorage.setItem('chokepoint.token', 'revoked-token'));
  await page.goto(BASE + '/#/lists');
  await page.waitForURL(/#\/signin$/);
  check(await page.isVisible('#banner:not([hidden])'), 'a 401 sends the user back to sign-in with a message');

  check(pageErrors.length === 0, 'no script errors in the page', pageErrors.join(' | '));
  check(offsite.length === 0, 'no request left the server', offsite.join(' '));
  await browser.close();
}

try {
  await main();
} catch (e) {
  console.error('e2e: ' + (e.stack || e.message));
  failures++;
}
console.log(failures ? `e2e: ${failures} check(s) failed` : 'e2e: all checks passed');
process.exit(failures ? 1 : 0);
