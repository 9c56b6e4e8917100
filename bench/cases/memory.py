"""(f) Peak memory of the bench process (the server's is measured by the load case). Target: <= 1 GB."""

from __future__ import annotations

from bench.harness import Context, Result, peak_rss_mb

TITLE = "peak memory of the bench process"


def run(ctx: Context) -> list[Result]:
    return [Result("memory", "bench process peak RSS (ru_maxrss)", peak_rss_mb(), unit="MB", target=1024)]
