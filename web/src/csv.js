// A CSV reader (RFC 4180: quoted fields, doubled quotes, CRLF or LF, a
// leading byte-order mark) returning rows of strings.
export function parseCsv(text) {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const rows = [];
  let row = [];
  let fieldText = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          fieldText += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        fieldText += c;
      }
      i++;
      continue;
    }
    if (c === '"' && fieldText === '') {
      quoted = true;
    } else if (c === ',') {
      row.push(fieldText);
      fieldText = '';
    } else if (c === '\n' || c === '\r') {
      row.push(fieldText);
      fieldText = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
      if (c === '\r' && text[i + 1] === '\n') i++;
    } else {
      fieldText += c;
    }
    i++;
  }
  if (fieldText !== '' || row.length) {
    row.push(fieldText);
    if (row.length > 1 || row[0] !== '') rows.push(row);
  }
  return rows;
}

function quote(v) {
  const s = v === undefined || v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

export function toCsv(rows) {
  return rows.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
}

// Screening queries from CSV rows: a header naming the columns (name,
// schema, country, dob, ids separated by ';'), or a single column of names.
export function queriesFromCsv(rows) {
  if (!rows.length) return { queries: [], error: 'The file is empty.' };
  const header = rows[0].map((s) => s.trim().toLowerCase());
  const col = (n) => header.indexOf(n);
  let nameCol = col('name');
  let body = rows.slice(1);
  if (nameCol < 0) {
    if (header.length === 1) {
      nameCol = 0;
      body = rows;  // no header: one name a line
    } else {
      return { queries: [], error: 'The CSV needs a "name" column (or a single column of names).' };
    }
  }
  const opt = (r, n) => {
    const c = col(n);
    return c >= 0 && r[c] !== undefined ? r[c].trim() : '';
  };
  const queries = [];
  for (const r of body) {
    const name = (r[nameCol] || '').trim();
    if (!name) continue;
    const q = { name };
    const schema = opt(r, 'schema');
    if (schema) q.schema = schema;
    const country = opt(r, 'country');
    if (country) q.country = country;
    const dob = opt(r, 'dob');
    if (dob) q.dob = dob;
    const ids = opt(r, 'ids');
    if (ids) q.ids = ids.split(';').map((s) => s.trim()).filter(Boolean);
    queries.push(q);
  }
  return { queries, error: queries.length ? '' : 'No names found in the file.' };
}
