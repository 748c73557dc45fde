"""Benchmark: N simulated users complete the questionnaire at once, through the real stack.

The bot runs as `qmas-bot run` in its own process (PTB polling, SQLite file, catalogs), against
the fake Bot API on 127.0.0.1; this process hosts the fake server and the users. The same load
is then sent to a minimal PTB echo bot: its throughput is the floor the framework and harness
allow. The scoring module and the matching of typed university names are also measured alone
(`bench/pure.py`).
See docs/benchmarks.md.

    python bench/run.py --users 500 [--json]
    python bench/run.py --users 30 --profile /tmp/bot.prof   # where the bot's CPU goes
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import pstats
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.pure import PARTS, rate  # noqa: E402
from tests.support.fake_telegram import DEFAULT_TOKEN, FakeTelegram, FakeUser  # noqa: E402

# Typed answers, each answered by exactly one bot message; the last one by the result's summary.
# Each reply and the events it brings: a typed answer to a question with buttons is followed by
# the removal of those buttons (2); "/start" sends a greeting and the first question (2).
SCRIPT: tuple[tuple[str, int], ...] = (
    ("/start", 2), ("India", 1), ("34", 1), ("Master's", 2), ("Imperial College London", 1),
    ("yes", 2), ("University of Toronto", 1), ("yes", 2), ("English, Hindi", 2), ("7", 2),
    ("4", 2), ("3", 2), ("2", 2), ("5", 2), ("INR 4,500,000", 2), ("0", 2), ("0", 2),
    ("no", 2), ("no", 2), ("yes", 2), ("yes", 2))


@dataclass
class Run:
    updates: int
    seconds: float
    latencies_ms: list[float]
    startup_s: float
    peak_rss_mb: float
    rss_before_mb: float
    rss_after_mb: float
    bot_cpu_s: float
    harness_cpu_s: float

    @property
    def updates_per_s(self) -> float:
        return self.updates / self.seconds

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def _cpu_s(pid: int) -> float:
    """User + system CPU seconds used so far by process `pid`."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _rss_mb(pid: int, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


async def _user(tg: FakeUser, server: FakeTelegram, script: Sequence[tuple[str, int]],
                latencies: list[float], think: float, rng: random.Random) -> None:
    for text, expect in script:
        if think:   # people read and type: exponential pauses averaging `think` seconds
            await asyncio.sleep(rng.expovariate(1 / think))
        sent = await tg.send(text)
        await tg.next_replies(expect=expect, quiet=0, timeout=120)
        seen = time.perf_counter()
        assert sent.update_id is not None
        delivered = server.delivered_at(sent.update_id)
        if delivered is not None:
            latencies.append((seen - delivered) * 1000)


async def measure(command: list[str], users: int, script: Sequence[tuple[str, int]],
                  env: dict[str, str], think: float = 0.0, profiled: bool = False) -> Run:
    """Start the bot process, wait for its first poll, run the users, read its memory
    (`profiled`: the bot runs `bench/profile_bot.py`, told to start once it polls)."""
    async with FakeTelegram(DEFAULT_TOKEN, seed=1) as server:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL,
                                   env={**os.environ, **env, "TELEGRAM_API_URL": server.api_url,
                                        "TELEGRAM_BOT_TOKEN": DEFAULT_TOKEN})
        try:
            await server.wait_for_call("getUpdates", timeout=60)
            startup = time.perf_counter() - started
            if profiled:
                process.send_signal(signal.SIGUSR1)
            rss_before = _rss_mb(process.pid, "VmRSS")
            latencies: list[float] = []
            people = [server.user(500_000 + i) for i in range(users)]
            bot_cpu, harness_cpu = _cpu_s(process.pid), time.process_time()
            begin = time.perf_counter()
            rng = random.Random(7)
            await asyncio.gather(*(_user(p, server, script, latencies, think, rng)
                                   for p in people))
            seconds = time.perf_counter() - begin
            return Run(users * len(script), seconds, latencies, startup,
                       _rss_mb(process.pid, "VmHWM"), rss_before,
                       _rss_mb(process.pid, "VmRSS"), _cpu_s(process.pid) - bot_cpu,
                       time.process_time() - harness_cpu)
        finally:   # the fake server answers the bot's last requests while it stops
            process.terminate()
            await asyncio.wait_for(asyncio.to_thread(process.wait), timeout=30)


def _db_kb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 1024


async def main_async(users: int, think: float, same_client: bool) -> dict[str, float | int]:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.sqlite3"
        bot_env = {"QMAS_DB_PATH": str(db), "QMAS_RATE_LIMIT": "0",
                   "QMAS_FLOOD_LIMIT": "1000000"}
        full = await measure([sys.executable, "-m", "bot", "run"], users, SCRIPT, bot_env,
                             think)
        db_kb = _db_kb(db)
    echo_script = tuple((text, 1) for text, _ in SCRIPT)
    echo_command = [sys.executable, str(ROOT / "bench" / "echo_bot.py")]
    echo = await measure(echo_command, users, echo_script, {}, think)
    same: dict[str, float | int] = {}
    if same_client:
        twin = await measure(echo_command, users, echo_script, {"ECHO_CLIENT": "botapi"}, think)
        same = {"echo_botapi_updates_per_s": round(twin.updates_per_s, 1),
                "echo_botapi_cpu_ms_per_update": round(twin.bot_cpu_s * 1000 / twin.updates, 2)}
    return {
        "users": users,
        "think_s": think,
        "updates": full.updates,
        "updates_per_s": round(full.updates_per_s, 1),
        "p50_ms": round(full.percentile(50), 2),
        "p95_ms": round(full.percentile(95), 2),
        "p99_ms": round(full.percentile(99), 2),
        "echo_updates_per_s": round(echo.updates_per_s, 1),
        "echo_p99_ms": round(echo.percentile(99), 2),
        "bot_cpu_ms_per_update": round(full.bot_cpu_s * 1000 / full.updates, 2),
        "echo_cpu_ms_per_update": round(echo.bot_cpu_s * 1000 / echo.updates, 2),
        "harness_cpu_share": round(full.harness_cpu_s / full.seconds, 2),
        "share_of_echo_floor": round(full.updates_per_s / echo.updates_per_s, 3),
        "peak_rss_mb": round(full.peak_rss_mb, 1),
        "kb_per_conversation": round(max(0.0, full.rss_after_mb - full.rss_before_mb)
                                     * 1024 / users, 1),
        "db_kb_per_1000_assessments": round(db_kb / users * 1000, 1),
        "startup_s": round(full.startup_s, 2),
        **{f"{part}_per_s": round(rate(once), 1) for part, once in PARTS.items()},
        **same,
    }


async def profile(users: int, think: float, out: Path) -> None:
    """Only the bot, under cProfile; prints the functions that cost the most CPU."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {"QMAS_DB_PATH": str(Path(tmp) / "bench.sqlite3"), "QMAS_RATE_LIMIT": "0",
               "QMAS_FLOOD_LIMIT": "1000000"}
        command = [sys.executable, str(ROOT / "bench" / "profile_bot.py"), str(out.resolve())]
        run = await measure(command, users, SCRIPT, env, think, profiled=True)
    print(f"{run.updates} updates; CPU per update under the profiler: "
          f"{run.bot_cpu_s * 1000 / run.updates:.1f} ms (several times the real figure)")
    pstats.Stats(str(out)).sort_stats("cumulative").print_stats(40)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--think", type=float, default=0.0,
                        help="mean pause between a user's answers, in seconds (default 0: "
                             "closed loop, measures saturation)")
    parser.add_argument("--json", action="store_true", help="end with one JSON line")
    parser.add_argument("--same-client-echo", action="store_true",
                        help="also run the echo bot on the bot's own HTTP client")
    parser.add_argument("--profile", type=Path, metavar="FILE",
                        help="run only the bot, under cProfile, and write its statistics here")
    args = parser.parse_args()
    if args.profile:
        asyncio.run(profile(args.users, args.think, args.profile))
        return
    figures = asyncio.run(main_async(args.users, args.think, args.same_client_echo))
    width = max(map(len, figures))
    for key, value in figures.items():
        print(f"{key:<{width}}  {value}")
    if args.json:
        print(json.dumps(figures))


if __name__ == "__main__":
    main()
