"""The benchmark runs end to end at a tiny size (a smoke check: figures are not asserted)."""

from __future__ import annotations

import json
import pstats
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow   # real HTTP, processes, browsers or real time: `make test` only

ROOT = Path(__file__).resolve().parents[1]
KEYS = {"updates_per_s", "p50_ms", "p95_ms", "p99_ms", "echo_updates_per_s", "peak_rss_mb",
        "kb_per_conversation", "db_kb_per_1000_assessments", "startup_s", "assessments_per_s",
        "university_matches_per_s"}


def test_benchmark_smoke() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--users", "2",
                           "--json"], capture_output=True, text=True, timeout=300, check=True)
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(figures) >= KEYS
    assert figures["updates"] == 2 * 21


def test_profile_counts_the_turns_and_not_the_start_up(tmp_path: Path) -> None:
    out = tmp_path / "bot.prof"
    subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--users", "1",
                    "--profile", str(out)], capture_output=True, text=True, timeout=300,
                   check=True)
    profiled = {f"{Path(file).name}:{name}": calls
                for (file, _, name), (_, calls, *_) in pstats.Stats(str(out)).stats.items()}
    assert profiled["delivery.py:deliver"] >= 21           # every update's reply
    assert "engine.py:warm_up" not in profiled              # start-up is left out


def test_http_client_benchmark_measures_both_clients() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "http_clients.py"), "--calls",
                           "20", "--concurrency", "2"], capture_output=True, text=True,
                          timeout=300, check=True)
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(figures) == {"PTB HTTPXRequest", "BotApiRequest (aiohttp)"}
    assert all(set(per) == {"2"} and per["2"] > 0 for per in figures.values())


def test_pure_benchmark_measures_both_parts() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "pure.py"), "--seconds", "0.1",
                           "--json"], capture_output=True, text=True, timeout=300, check=True)
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(figures) == {"assessments_per_s", "university_matches_per_s"}
    assert all(value > 0 for value in figures.values())
