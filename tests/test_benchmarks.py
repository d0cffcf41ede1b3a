"""benchmarks/: every benchmark runs on tiny sizes and gives its figures (docs/performance.md)."""

import json
import sys

import pytest

from benchmarks.length import slope, stage_times
from benchmarks.releases import generate_release, write_release
from pipeline.ingest import parse_release
from pipeline.segment import segment_release


def test_generated_releases_have_the_size_asked_and_unique_sentences(tmp_path):
    text = generate_release(20_000)
    assert 20_000 <= len(text.encode()) < 24_000
    segments = segment_release(parse_release(text, tmp_path / "r.md")).segments
    assert len(segments) > 100
    assert not [s.id for s in segments if s.id.count(".") > 1]  # no repeated sentence (ids .2, .3 …)


def test_stage_times_and_the_slope(tmp_path):
    times, counts = stage_times(write_release(tmp_path, 5_000))
    assert {"ingest", "segment", "mask", "QA", "text edition"} <= set(times) and counts["segments"] > 10
    assert slope(1.0, 10.0, 10) == pytest.approx(10.0) and slope(1.0, 100.0, 100) == pytest.approx(10.0)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["argos", "incremental", "backlog", "pdf", "audio", "speech", "length", "serve"])
def test_each_benchmark_runs_on_tiny_sizes(name, tmp_path, monkeypatch):
    import benchmarks.__main__ as bench

    output = tmp_path / "results.json"
    assert bench.main([name, "--quick", "--json", str(output)]) == 0
    result = json.loads(output.read_text())
    assert result["machine"]["nproc"] >= 1 and result["rows"]
    assert all(row["benchmark"] == name and row["value"] == row["value"] for row in result["rows"])  # no NaN


def test_an_unknown_benchmark_is_refused(capsys):
    import benchmarks.__main__ as bench

    assert bench.main(["nonsense"]) == 2
    assert "known: argos" in capsys.readouterr().err


if __name__ == "__main__":
    sys.exit(pytest.main([__file__]))
