"""Chokepoint on Dask distributed: the same engine over partitions.

Every function here splits the work into independent pieces ("a shard of
input in, a partial result out"), runs them on the Dask workers and merges
the partial results on the client:

  screen(ddf, name_col=...)  -> a Dask DataFrame of hits; each partition is
      screened by chokepoint.screen_df on a worker (rows deduplicated within
      the partition). Partitions keep their order and each keeps its input
      order, so the computed result equals chokepoint.screen_df on the whole
      frame, row for row.
  trade_share(path, ...), trade_surge(path, ...)  -> pandas DataFrames; each
      task aggregates a row range of the same memory-mapped trade store file
      into exact partial sums, merged on the client with math.fsum, so the
      figures do not depend on the split.
  check(ddf, ...)  -> transaction checks per partition (needs the risk
      engine in the build: chokepoint.HAVE_CHECK).

Workers open snapshot and store files BY PATH, once per worker process (the
engine caches them), so the path must be readable on every worker: a shared
file system, the same image on every machine, or ship_snapshot(), which sends
the file's bytes once to every worker (including workers that join later).
"""

import hashlib
import os
import tempfile

import dask
import numpy as np
import pandas as pd

import chokepoint

__all__ = ["screen", "trade_share", "trade_surge", "check", "ship_snapshot", "row_ranges"]


def _snapshot_ref(snapshot):
    """What is sent to the workers: a path, or a shipped snapshot token."""
    if snapshot is None:
        return chokepoint.default_snapshot_path()
    if isinstance(snapshot, ShippedSnapshot):
        return snapshot
    return os.path.abspath(os.fspath(snapshot))


def _screen_meta(meta):
    out = meta.iloc[0:0].copy()
    for c in chokepoint.HIT_COLUMNS:
        if c == "rank":
            out[c] = pd.array([], dtype="Int64")
        elif c in ("score", "ofac_score"):
            out[c] = np.array([], dtype=np.float64)
        else:
            out[c] = np.array([], dtype=object)
    return out


def _screen_partition(pdf, snapshot, kwargs):
    path = snapshot.local_path() if isinstance(snapshot, ShippedSnapshot) else snapshot
    return chokepoint.screen_df(pdf, snapshot=path, **kwargs)


def screen(ddf, name_col="name", schema_col=None, country_col=None, dob_col=None, id_col=None,
           columns=None, sources=(), limit=10, threshold=0.70, ofac=False, threads=1,
           keep_unmatched=True, snapshot=None):
    """Screens every row of a Dask DataFrame; lazy, like any Dask DataFrame.

    Arguments as chokepoint.screen_df. `snapshot` is a path (default: the
    client's default_snapshot_path()) or the token from ship_snapshot().
    `threads` is per task (default 1: Dask's worker threads are the
    parallelism). The result's index repeats the input's labels."""
    for c in chokepoint.HIT_COLUMNS:
        if c in ddf.columns:
            raise chokepoint.InvalidArgumentError(
                f"the input already has a column '{c}' (screen adds it); rename it first")
    kwargs = dict(name_col=name_col, schema_col=schema_col, country_col=country_col,
                  dob_col=dob_col, id_col=id_col, columns=columns, sources=tuple(sources),
                  limit=limit, threshold=threshold, ofac=ofac, threads=threads,
                  keep_unmatched=keep_unmatched)
    for key, col in (columns or {"name": name_col}).items():
        if col is not None and col not in ddf.columns:
            raise chokepoint.InvalidArgumentError(
                f"no column '{col}'; the frame has: {', '.join(map(str, ddf.columns))}")
    return ddf.map_partitions(_screen_partition, _snapshot_ref(snapshot), kwargs,
                              meta=_screen_meta(ddf._meta), align_dataframes=False)


def row_ranges(rows, partitions):
    """Splits [0, rows) into `partitions` contiguous ranges of near-equal size."""
    partitions = max(1, min(int(partitions), max(rows, 1)))
    bounds = np.linspace(0, rows, partitions + 1).round().astype(np.int64)
    return [(int(bounds[i]), int(bounds[i + 1])) for i in range(partitions)]


def _partial_share(path, args, begin, end):
    return chokepoint.open_trade_store(path).partial_share(*args, begin=begin, end=end)


def _partial_surge(path, args, begin, end):
    return chokepoint.open_trade_store(path).partial_surge(*args, begin=begin, end=end)


def _run(fn, path, args, partitions, client):
    path = os.path.abspath(os.fspath(path))
    rows = len(chokepoint.open_trade_store(path))  # a memory map: cheap on the client
    if partitions is None:
        partitions = max(1, len(client.nthreads()) * 4) if client is not None else 8
    parts = [dask.delayed(fn, pure=True)(path, args, b, e)
             for b, e in row_ranges(rows, partitions)]
    if client is not None:
        return client.gather(client.compute(parts))
    return dask.compute(*parts)


def trade_share(path, hs="total", period=None, by="partner", reporter="", partner="", flow="",
                partitions=None, client=None):
    """chokepoint.TradeStore(path).share(...) computed as partial sums over
    row ranges on the Dask workers (the default client when client is None).
    Returns the same DataFrame (key, value, share; attrs total, months)."""
    if period is None:
        raise chokepoint.InvalidArgumentError("period is required (YYYY, YYYY-Qn or YYYY-MM)")
    args = (hs, str(period), by, reporter or "", partner or "", flow or "")
    return chokepoint.merge_share(_run(_partial_share, path, args, partitions, client))


def trade_surge(path, hs="total", baseline=None, period=None, reporter="", partner="", flow="",
                partitions=None, client=None):
    """chokepoint.TradeStore(path).surge(...) over row ranges on the workers."""
    if baseline is None or period is None:
        raise chokepoint.InvalidArgumentError("baseline and period years are required")
    args = (hs, int(baseline), int(period), reporter or "", partner or "", flow or "")
    return chokepoint.merge_surge(_run(_partial_surge, path, args, partitions, client))


def _check_partition(pdf, snapshot, kwargs):
    path = snapshot.local_path() if isinstance(snapshot, ShippedSnapshot) else snapshot
    return chokepoint.check_df(pdf, snapshot=path, **kwargs)


def check(ddf, snapshot=None, **kwargs):
    """Checks the shipment rows of a Dask DataFrame with the risk engine:
    chokepoint.check_df on each partition, one result row per transaction.

    Rows of one transaction (same `ref`) must be in one partition (e.g. set
    the index to the ref, or read files that each hold whole transactions).
    The history rules (first CHPL purchase, spikes, peer unit prices) see the
    transactions of their own partition, as a batch run sees its batch; so a
    result equals the single-process run on the same batches."""
    if not chokepoint.HAVE_CHECK:
        raise chokepoint.Error("transaction checks are not available: this build has no "
                               "risk engine")
    meta = pd.DataFrame({c: pd.Series([], dtype=np.int64 if c == "risk" else object)
                         for c in chokepoint.CHECK_COLUMNS})
    return ddf.map_partitions(_check_partition, _snapshot_ref(snapshot), kwargs, meta=meta,
                              align_dataframes=False)


# ---- shipping a snapshot to workers without a shared file system ------------

class ShippedSnapshot:
    """A snapshot file sent to every worker by ship_snapshot(); passed as
    `snapshot=` to screen() and check(). Pickles as its digest only."""

    def __init__(self, digest):
        self.digest = digest

    def local_path(self):
        path = _shipped_path(self.digest)
        if not os.path.exists(path):
            raise chokepoint.NotFoundError(
                f"snapshot {self.digest[:12]} was not shipped to this worker "
                "(call chokepoint.dask.ship_snapshot(client) first)")
        return path

    def __repr__(self):
        return f"ShippedSnapshot({self.digest[:12]})"


def _shipped_path(digest, worker=None):
    """Where a worker keeps a shipped snapshot: in its own scratch folder,
    which Dask removes with the worker, so that shipped snapshots do not
    pile up in the system temp folder (the temp folder outside a worker)."""
    if worker is None:
        try:
            from distributed import get_worker
            worker = get_worker()
        except (ImportError, ValueError):
            worker = None
    folder = getattr(worker, "local_directory", None) or tempfile.gettempdir()
    return os.path.join(folder, f"chokepoint-{digest[:32]}.snap")


class _SnapshotPlugin:
    """A worker plugin that writes the snapshot bytes on every worker (Dask
    calls setup() on workers that join later too)."""

    def __init__(self, digest, data):
        self.name = f"chokepoint-snapshot-{digest[:16]}"
        self.digest = digest
        self.data = data

    def setup(self, worker=None):
        path = _shipped_path(self.digest, worker)
        if os.path.exists(path):
            with open(path, "rb") as f:
                if hashlib.sha256(f.read()).hexdigest() == self.digest:
                    return
        tmp = f"{path}.{os.getpid()}.tmp"
        with open(tmp, "wb") as f:
            f.write(self.data)
        os.replace(tmp, path)

    def teardown(self, worker=None):
        pass


def ship_snapshot(client, path=None):
    """Sends a snapshot file (default: the client's default) to every worker
    of `client`, once per worker, and returns the token to pass as
    `snapshot=`."""
    path = chokepoint.default_snapshot_path() if path is None else os.fspath(path)
    with open(path, "rb") as f:
        data = f.read()
    digest = hashlib.sha256(data).hexdigest()
    plugin = _SnapshotPlugin(digest, data)
    client.register_worker_plugin(plugin, name=plugin.name)
    return ShippedSnapshot(digest)
