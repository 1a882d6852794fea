# Sourced by the bench scripts (from the repository's top folder).
# bench_revision prints the commit, marked when the code differs from it;
# the results in bench/results, which a run appends to, do not count.
bench_revision() {
  rev="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  git diff --quiet -- . ':(exclude)bench/results' 2>/dev/null || rev="$rev (uncommitted changes)"
  echo "$rev"
}
