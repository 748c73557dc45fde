"""Benchmark: a year of outreach statistics over N people (see docs/benchmarks.md).

Seeds N people through the store's own code (`tests/support/crowd.py`: `Store.save`, a
thousand people to a transaction), spread over the last 365 days; then

- times `qmas-bot stats --format html` and `qmas-bot export` for that year as child
  processes: wall time and peak memory (the child's maximum resident set, from wait4);
- runs the bot (`qmas-bot run` against the fake Bot API) on the database and measures the
  reply latency of 20 people chatting at once while an admin's `/stats 365` is computed,
  against the same load without it.

    python bench/stats.py --people 100000 [--db FILE] [--json]

With --db, an existing file of that many people is reused (seeding a million takes a while).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import random
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.run import SCRIPT  # noqa: E402
from bot.storage.store import Store  # noqa: E402
from tests.support.crowd import seed_crowd, year_ending  # noqa: E402
from tests.support.fake_telegram import DEFAULT_TOKEN, FakeTelegram  # noqa: E402

ADMIN = 77
CHATTING = 20           # people chatting at once, each pausing THINK seconds on average
THINK = 1.0


async def seed(path: Path, people: int) -> float:
    """Seconds to write `people` people into a new database at `path`."""
    store = await Store.open(path)
    begin = time.perf_counter()
    await seed_crowd(store, people, year_ending(datetime.now(UTC)), 365, random.Random(2026))
    seconds = time.perf_counter() - begin
    await store.close()
    return seconds


def run_child(args: list[str], db: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system: what the shared machine's load does not
    inflate) and peak resident MB of `qmas-bot ARGS` on `db`."""
    begin = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "bot", *args], cwd=ROOT,
                             env={**os.environ, "QMAS_DB_PATH": str(db)})
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - begin
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"qmas-bot {' '.join(args)} failed ({child.returncode})")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


async def _chat(server: FakeTelegram, ids: itertools.count[int], until: asyncio.Event,
                latencies: list[tuple[float, float]], rng: random.Random) -> None:
    """New people answering the questionnaire, one after the other, until told to stop:
    (when sent, ms until the first reply). People read and type: pauses average THINK
    seconds, long enough for a step's further replies to arrive before the next step."""
    while not until.is_set():
        user = server.user(next(ids))
        for text, _ in SCRIPT:
            await asyncio.sleep(rng.expovariate(1 / THINK))
            sent = time.perf_counter()
            await user.send_and_wait(text, expect=1, timeout=120)
            latencies.append((sent, (time.perf_counter() - sent) * 1000))
            if until.is_set():
                return


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q / 100))] if ordered else 0.0


async def latency(db: Path) -> dict[str, float]:
    """Users' reply latency (ms) without and during an admin's `/stats 365` in the bot."""
    # Update ids follow the seed: a fresh one, so that a reused database's inbox does not
    # take them for updates it has already handled.
    async with FakeTelegram(DEFAULT_TOKEN, seed=time.time_ns()) as server:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"], cwd=ROOT, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "QMAS_DB_PATH": str(db), "QMAS_RATE_LIMIT": "0",
                 "QMAS_FLOOD_LIMIT": "1000000", "QMAS_ADMIN_IDS": str(ADMIN),
                 "TELEGRAM_API_URL": server.api_url, "TELEGRAM_BOT_TOKEN": DEFAULT_TOKEN})
        try:
            await server.wait_for_call("getUpdates", timeout=120)
            stop, latencies = asyncio.Event(), []
            ids = itertools.count(600_000)
            rng = random.Random(5)
            users = [asyncio.create_task(_chat(server, ids, stop, latencies, rng))
                     for _ in range(CHATTING)]
            while len(latencies) < 300:                         # the baseline, without /stats
                if all(user.done() for user in users):
                    await asyncio.gather(*users)                # their error, if any
                await asyncio.sleep(0.05)
            asked = time.perf_counter()
            await server.user(ADMIN).send_and_wait("/stats 365", expect=2, timeout=600)
            answered = time.perf_counter()
            stop.set()
            for user in users:              # their replies after /stats are not measured
                user.cancel()
            await asyncio.gather(*users, return_exceptions=True)
        finally:
            process.terminate()
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    before = [ms for at, ms in latencies if at < asked]
    during = [ms for at, ms in latencies if asked <= at <= answered]
    return {"stats_in_bot_s": round(answered - asked, 2),
            "replies_before": len(before), "p50_before_ms": round(_p(before, 50), 1),
            "p99_before_ms": round(_p(before, 99), 1),
            "replies_during": len(during), "p50_during_ms": round(_p(during, 50), 1),
            "p99_during_ms": round(_p(during, 99), 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="the database to seed (or reuse, if it exists)")
    parser.add_argument("--json", action="store_true", help="print one JSON line")
    args = parser.parse_args()
    db = args.db or Path(f"/tmp/qmas-stats-bench-{args.people}.sqlite3")
    figures: dict[str, float | int | str] = {"people": args.people}
    if not db.exists():
        figures["seed_s"] = round(asyncio.run(seed(db, args.people)), 1)
    figures["db_mb"] = round(sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))
                             / 2**20, 1)
    since = (date.today() - timedelta(days=364)).isoformat()
    out = db.with_suffix(".out")
    for name, command in (("stats_html", ["stats", "--format", "html"]),
                          ("export", ["export"])):
        run_child([*command, "--since", since, "-o", str(out)], db)  # warm the page cache
        seconds, cpu, peak = run_child([*command, "--since", since, "-o", str(out)], db)
        figures[f"{name}_s"], figures[f"{name}_cpu_s"] = round(seconds, 2), round(cpu, 2)
        figures[f"{name}_peak_mb"] = round(peak, 1)
        figures[f"{name}_output_mb"] = round(out.stat().st_size / 2**20, 1)
        print(figures, file=sys.stderr)          # progress: a long run keeps what it measured
    out.unlink()
    figures.update(asyncio.run(latency(db)))
    figures["load_average"] = round(os.getloadavg()[0], 1)     # the machine is shared
    if args.json:
        print(json.dumps(figures))
    else:
        width = max(map(len, figures))
        for key, value in figures.items():
            print(f"{key:<{width}}  {value}")


if __name__ == "__main__":
    main()
