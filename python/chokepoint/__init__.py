"""Chokepoint from Python: sanctions screening, goods classification and
trade-flow queries on the Chokepoint engine, with pandas DataFrames in and out.

    >>> import chokepoint
    >>> chokepoint.screen("Wuhan Global Sensor Technology", schema="company")[0]["source"]
    'us_ofac_sdn'

A snapshot (the list data) is loaded and indexed once per process and path;
every call after that reuses it. Engine errors are raised as chokepoint.Error
subclasses carrying the engine's message. Long calls release the GIL.
Scale-out on Dask is in chokepoint.dask.
"""

import math
import os

import numpy as np
import pandas as pd

from . import _chokepoint as _cp
from ._chokepoint import (  # noqa: F401  (re-exported)
    Error,
    InvalidArgumentError,
    IoError,
    NotFoundError,
    ParseError,
    Snapshot,
    classify,
    compare,
    hs,
)

__version__ = _cp.__version__
__all__ = [
    "Error", "InvalidArgumentError", "NotFoundError", "ParseError", "IoError",
    "Snapshot", "TradeStore", "default_snapshot_path", "open_snapshot", "screen",
    "screen_df", "compare", "classify", "classify_df", "hs", "open_trade_store",
    "check_df", "check_shipments", "HIT_COLUMNS", "CHECK_COLUMNS",
]

_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
BUNDLED_SNAPSHOT = os.path.join(_PACKAGE_DIR, "default.snap")


def _home_dir():
    if os.environ.get("CHOKEPOINT_HOME"):
        return os.environ["CHOKEPOINT_HOME"]
    if os.environ.get("XDG_DATA_HOME"):
        return os.path.join(os.environ["XDG_DATA_HOME"], "chokepoint")
    return os.path.join(os.path.expanduser("~"), ".local", "share", "chokepoint")


def default_snapshot_path():
    """The snapshot the CLI would use without --snapshot: $CHOKEPOINT_SNAPSHOT,
    else $CHOKEPOINT_HOME/current.snap (written by `chokepoint lists update`)
    when it exists, else the bundled lists shipped with the package."""
    env = os.environ.get("CHOKEPOINT_SNAPSHOT")
    if env:
        return os.path.abspath(env)
    current = os.path.join(_home_dir(), "current.snap")
    if os.path.exists(current):
        return os.path.abspath(current)
    return BUNDLED_SNAPSHOT


def open_snapshot(path=None):
    """Loads a snapshot file (default: default_snapshot_path()) and builds its
    screening index. Cached per process and absolute path, so calling it again
    is free. Raises NotFoundError/IoError/ParseError with the engine's message."""
    if isinstance(path, Snapshot):
        return path
    p = default_snapshot_path() if path is None else os.path.abspath(os.fspath(path))
    return _cp.open_snapshot(p)


def screen(name, schema=None, country="", dob=None, ids=(), sources=(), limit=10,
           threshold=0.70, ofac=False, snapshot=None):
    """Screens one name. Returns the hits, best first, as dicts with the fields
    of `chokepoint screen --json`: source, source_id, schema, name,
    matched_name, name_kind, score, ofac_score, explanation, programs."""
    snap = open_snapshot(snapshot)
    return snap.screen(name, schema=schema, country=country or "", dob=dob,
                       ids=list(ids), sources=list(sources), limit=limit,
                       threshold=threshold, ofac=ofac)


# Columns screen_df() adds to the input's columns.
HIT_COLUMNS = ["rank", "source", "source_id", "entity_schema", "entity_name",
               "matched_name", "score", "ofac_score", "screen_error"]


def _text_column(df, col):
    if col is None:
        return None
    if col not in df.columns:
        raise InvalidArgumentError(
            f"no column '{col}'; the frame has: {', '.join(map(str, df.columns))}")
    s = df[col]
    return s.where(s.notna(), "").astype(str)


def screen_df(df, name_col="name", schema_col=None, country_col=None, dob_col=None,
              id_col=None, columns=None, sources=(), limit=10, threshold=0.70, ofac=False,
              threads=0, keep_unmatched=True, snapshot=None):
    """Screens every row of a DataFrame.

    Column mapping: name_col (required), schema_col, country_col, dob_col and
    id_col (identifiers separated by ';'), or columns={"name": ..., "schema":
    ..., ...}. Rows asking the same question are screened once. The engine
    loop runs on `threads` threads (0 = all cores) with the GIL released.

    Returns one row per hit (rank 1 = best) and, with keep_unmatched, one row
    with empty hit columns for each row without hits, in input order; the
    index repeats the input's index labels. Hit columns: HIT_COLUMNS. A row
    that cannot be screened (empty or over-long name) gets the engine's
    message in screen_error. An unknown schema or a malformed date of birth
    raises InvalidArgumentError."""
    if columns:
        unknown = set(columns) - {"name", "schema", "country", "dob", "id"}
        if unknown:
            raise InvalidArgumentError(f"columns: unknown keys {sorted(unknown)} "
                                       "(use name, schema, country, dob, id)")
        name_col = columns.get("name", name_col)
        schema_col = columns.get("schema", schema_col)
        country_col = columns.get("country", country_col)
        dob_col = columns.get("dob", dob_col)
        id_col = columns.get("id", id_col)
    for c in HIT_COLUMNS:
        if c in df.columns:
            raise InvalidArgumentError(f"the input already has a column '{c}' "
                                       "(screen_df adds it); rename it first")
    snap = open_snapshot(snapshot)
    names = _text_column(df, name_col)
    parts = {"name": names, "schema": _text_column(df, schema_col),
             "country": _text_column(df, country_col), "dob": _text_column(df, dob_col),
             "id": _text_column(df, id_col)}
    given = [k for k, v in parts.items() if v is not None]

    # Deduplicate: one query per distinct (name, schema, country, dob, ids).
    if len(given) == 1:
        key = names
    else:
        key = parts[given[0]].str.cat([parts[k] for k in given[1:]], sep="\x1f")
    codes, uniques = pd.factorize(key.to_numpy(), sort=False)
    nq = len(uniques)
    _, first = np.unique(codes, return_index=True) if len(codes) else (None, np.array([], int))

    def firsts(k):
        s = parts[k]
        return None if s is None else s.to_numpy()[first].tolist()

    schemas = firsts("schema")
    if schemas is not None:
        schemas = [v if v.strip() else None for v in schemas]
    dobs = firsts("dob")
    if dobs is not None:
        dobs = [v.strip() or None for v in dobs]
    countries = firsts("country")
    if countries is not None:
        countries = [v.strip() for v in countries]
    res = snap.screen_many(firsts("name") or [], schemas=schemas, countries=countries,
                           dobs=dobs, ids=firsts("id"), sources=list(sources), limit=limit,
                           threshold=threshold, ofac=ofac, threads=threads)
    return _expand(df, codes, nq, res, keep_unmatched)


def _expand(df, codes, nq, res, keep_unmatched):
    """Joins per-query hits back onto the input rows, in input order."""
    hq = np.asarray(res["query"], dtype=np.int64)
    counts = np.bincount(hq, minlength=nq) if nq else np.zeros(0, np.int64)
    start = np.concatenate([[0], np.cumsum(counts)[:-1]]) if nq else counts
    row_counts = counts[codes] if len(codes) else np.zeros(0, np.int64)
    per_row = np.maximum(row_counts, 1) if keep_unmatched else row_counts
    total = int(per_row.sum())
    rows = np.repeat(np.arange(len(codes)), per_row)
    within = np.arange(total) - np.repeat(np.cumsum(per_row) - per_row, per_row)
    hit_idx = np.repeat(start[codes] if len(codes) else codes, per_row) + within
    has_hit = within < np.repeat(row_counts, per_row)
    hit_idx = np.where(has_hit, hit_idx, -1)

    out = df.iloc[rows].copy()

    def take(col, dtype=object, fill=None):
        arr = np.asarray(res[col], dtype=dtype)
        if len(arr) == 0:
            arr = np.zeros(1, dtype=dtype)
        vals = arr[np.where(has_hit, hit_idx, 0)]
        if dtype is object:
            vals = np.where(has_hit, vals, fill)
        else:
            vals = np.where(has_hit, vals, np.nan)
        return vals

    out["rank"] = pd.array(np.where(has_hit, take("rank", np.float64), np.nan),
                           dtype="Int64") if total else pd.array([], dtype="Int64")
    out["source"] = take("source")
    out["source_id"] = take("source_id")
    out["entity_schema"] = take("schema")
    out["entity_name"] = take("name")
    out["matched_name"] = take("matched_name")
    out["score"] = take("score", np.float64)
    out["ofac_score"] = take("ofac_score", np.float64)
    errors = np.full(max(nq, 1), None, dtype=object)
    for q, msg in zip(res["error_query"], res["error"]):
        errors[q] = msg
    out["screen_error"] = errors[codes[rows]] if total else np.array([], dtype=object)
    return out


def classify_df(df, text_col, top=1):
    """Classifies the goods description in `text_col` of every row: one row
    per candidate (rank 1 = best), rows without a candidate dropped. Adds
    rank, hs6, hs_description, chpl_tier, hs_score, hs_evidence."""
    texts = _text_column(df, text_col)
    codes, uniques = pd.factorize(texts.to_numpy(), sort=False)
    res = _cp.classify_many(list(uniques), top=top)
    hits = pd.DataFrame({k: res[k] for k in ("query", "rank", "hs6", "description",
                                             "chpl_tier", "score", "evidence")})
    hits = hits.rename(columns={"description": "hs_description", "score": "hs_score",
                                "evidence": "hs_evidence"})
    left = pd.DataFrame({"_row": np.arange(len(df)), "query": codes})
    joined = left.merge(hits, on="query", how="inner").sort_values(["_row", "rank"],
                                                                 kind="stable")
    out = df.iloc[joined["_row"].to_numpy()].copy()
    for c in ("rank", "hs6", "hs_description", "chpl_tier", "hs_score", "hs_evidence"):
        out[c] = joined[c].to_numpy()
    return out


# ---- trade ------------------------------------------------------------------

def merge_share(partials):
    """Merges partial_share() results (from any split of the rows) into the
    share table: a DataFrame with key, value and share, largest first, with
    attrs total and months. Sums are exactly rounded (math.fsum)."""
    by_key = {}
    months = set()
    for sums, ms in partials:
        months.update(ms)
        for k, p in sums.items():
            by_key.setdefault(k, []).extend(p)
    values = {k: math.fsum(p) for k, p in by_key.items()}
    rows = [(k, v) for k, v in values.items() if v != 0]
    total = math.fsum(v for _, v in rows)
    rows.sort(key=lambda r: (-r[1], r[0]))
    df = pd.DataFrame({"key": [k for k, _ in rows], "value": [v for _, v in rows],
                       "share": [v / total if total > 0 else 0.0 for _, v in rows]})
    df.attrs["total"] = total
    df.attrs["months"] = sorted(months)
    return df


def merge_surge(partials):
    """Merges partial_surge() results into the surge table: partner, baseline,
    period, ratio (largest first), with attrs months (the like-for-like months
    compared)."""
    month_ok = set()
    cells = {}
    for rows, months in partials:
        month_ok.update(months)
        for partner, is_period, month, p in rows:
            cells.setdefault((partner, is_period, month), []).extend(p)
    monthly = any(1 <= m <= 12 for m in month_ok)
    base, cur = {}, {}
    for (partner, is_period, month), p in cells.items():
        if (month == 0 and monthly) or (month != 0 and month not in month_ok):
            continue
        (cur if is_period else base).setdefault(partner, []).extend(p)
    out = []
    for partner in set(base) | set(cur):
        b = math.fsum(base.get(partner, []))
        c = math.fsum(cur.get(partner, []))
        if b == 0 and c == 0:
            continue
        out.append((partner, b, c, c / b if b > 0 else math.inf))
    out.sort(key=lambda r: (-r[3], r[0]))
    df = pd.DataFrame(out, columns=["partner", "baseline", "period", "ratio"])
    df.attrs["months"] = sorted(m for m in month_ok if 1 <= m <= 12)
    return df


class TradeStore:
    """A trade store file (from `chokepoint trade ingest`), memory-mapped once
    per process and path. share() and surge() follow the CLI's `trade share`
    and `trade surge` and return DataFrames."""

    def __init__(self, path):
        self.path = os.path.abspath(os.fspath(path))
        self._store = _cp.open_trade_store(self.path)

    def __len__(self):
        return len(self._store)

    def partial_share(self, hs="total", period=None, by="partner", reporter="", partner="",
                      flow="", begin=0, end=None):
        if period is None:
            raise InvalidArgumentError("period is required (YYYY, YYYY-Qn or YYYY-MM)")
        return self._store.partial_share(hs, str(period), by, reporter or "", partner or "",
                                         flow or "", begin,
                                         len(self) if end is None else end)

    def partial_surge(self, hs="total", baseline=None, period=None, reporter="", partner="",
                      flow="", begin=0, end=None):
        if baseline is None or period is None:
            raise InvalidArgumentError("baseline and period years are required")
        return self._store.partial_surge(hs, int(baseline), int(period), reporter or "",
                                         partner or "", flow or "", begin,
                                         len(self) if end is None else end)

    def share(self, hs="total", period=None, by="partner", reporter="", partner="", flow=""):
        """Totals and shares of `period` by partner (or reporter)."""
        return merge_share([self.partial_share(hs, period, by, reporter, partner, flow)])

    def surge(self, hs="total", baseline=None, period=None, reporter="", partner="", flow=""):
        """Each partner's `period` year against `baseline` over the same months."""
        return merge_surge([self.partial_surge(hs, baseline, period, reporter, partner, flow)])


def open_trade_store(path):
    """Opens a trade store file (memory-mapped, cached per process)."""
    return TradeStore(path)


# ---- transaction checks -----------------------------------------------------

HAVE_CHECK = bool(getattr(_cp, "HAVE_CHECK", False))

# Columns check_df() returns, one row per transaction.
CHECK_COLUMNS = ["row", "ref", "kind", "risk", "decision", "assessed", "alert_rules", "alerts"]


def check_df(df, mapping=None, snapshot=None, rules=None, today=None, max_age_days=7,
             threshold=None, threads=0):
    """Checks shipment records with the risk engine (as `chokepoint check` on
    a shipments CSV): `df` has one row per goods line, rows sharing a `ref`
    are one transaction. `mapping` maps logical fields (ref, date, shipper,
    consignee, hs_code, description, value, ...) to column names. Returns
    one row per transaction, in input order: `row` is the index label of its
    first row; `alerts` holds the alerts (rule, source, title, severity,
    evidence); rows the reader skipped are listed in attrs["problems"] as
    (row label, reason). Raises chokepoint.Error when the build has no risk
    engine (HAVE_CHECK false)."""
    if not HAVE_CHECK:
        raise Error("transaction checks are not available: this build has no risk engine")
    snap_path = (default_snapshot_path() if snapshot is None
                 else os.path.abspath(os.fspath(snapshot)))
    # One physical line per row, so that a reader's line number is a row.
    clean = df.copy()
    for c in clean.columns:
        if clean[c].dtype == object:
            clean[c] = clean[c].map(lambda v: v.replace("\r", " ").replace("\n", " ")
                                    if isinstance(v, str) else v)
    text = clean.to_csv(index=False)
    res = _cp.check_csv(text, dict(mapping or {}), snap_path,
                        rules_path="" if rules is None else os.fspath(rules),
                        today=today or "", max_age_days=max_age_days, threshold=threshold,
                        threads=threads if threads > 0 else (os.cpu_count() or 1))
    labels = df.index
    rows = []
    for r in res["results"]:
        pos = r["line"] - 2  # line 1 is the header
        rows.append({"row": labels[pos] if 0 <= pos < len(labels) else None,
                     "ref": r["ref"], "kind": r["kind"], "risk": r["risk"],
                     "decision": r["decision"], "assessed": r["assessed"],
                     "alert_rules": ";".join(a["rule"] for a in r["alerts"]),
                     "alerts": r["alerts"]})
    out = pd.DataFrame(rows, columns=CHECK_COLUMNS)
    out.attrs["problems"] = [(labels[line - 2] if 0 <= line - 2 < len(labels) else None, msg)
                             for line, msg in res["problems"]]
    out.attrs["lists_version"] = res["lists_version"]
    out.attrs["rules_version"] = res["rules_version"]
    return out


def check_shipments(path, **kwargs):
    """check_df() on a shipments CSV file read with pandas (all columns as text)."""
    return check_df(pd.read_csv(path, dtype=str, keep_default_na=False), **kwargs)
