// DuckDB runner for bench/trade_bench.cc: loads the benchmark CSV into an
// in-memory table and times the same SQL queries. Usage:
//   node trade_bench_duckdb.mjs SPEC.json
// SPEC: {"csv": path, "runs": n, "queries": [{"name", "sql"}]}. Prints JSON:
// {"version", "threads", "ingest_s", "queries": [{"name", "median_ms", "rows"}]}.
// Needs @duckdb/node-api (npm) resolvable from the working directory or
// NODE_PATH; bench/run_trade_bench.sh runs it from a scratch folder.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(pathToFileURL(process.cwd() + '/'));
const { DuckDBInstance } = await import(pathToFileURL(require.resolve('@duckdb/node-api')));
const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
const scalar = async (sql) => (await con.runAndReadAll(sql)).getRows()[0][0];
const now = () => Number(process.hrtime.bigint()) / 1e9;

const csv = spec.csv.replaceAll("'", "''");
let t = now();
// Types given so that CN8 codes keep their leading zeros and periods stay text.
await con.run(`CREATE TABLE trade AS SELECT * FROM read_csv('${csv}', header = true,
  columns = {'reporter': 'VARCHAR', 'partner': 'VARCHAR', 'flow': 'VARCHAR', 'hs': 'VARCHAR',
             'period': 'VARCHAR', 'value': 'DOUBLE'})`);
const ingest = now() - t;
const out = {
  version: String(await scalar('SELECT version()')),
  threads: String(await scalar("SELECT current_setting('threads')")),
  ingest_s: ingest,
  queries: [],
};
for (const q of spec.queries) {
  const times = [];
  let rows = [];
  for (let r = 0; r < spec.runs; ++r) {
    t = now();
    rows = (await con.runAndReadAll(q.sql)).getRows();
    times.push((now() - t) * 1e3);
  }
  times.sort((a, b) => a - b);
  out.queries.push({
    name: q.name,
    median_ms: times[Math.floor(times.length / 2)],
    rows: rows.map((r) => [String(r[0]), Number(r[1])]),
  });
}
process.stdout.write(JSON.stringify(out) + '\n');
