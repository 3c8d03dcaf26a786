"""`cleaner clean --engine dask`: the local batch's outputs, safety and summary, on Dask."""

from __future__ import annotations

import contextlib
import gzip
import json
from concurrent.futures import CancelledError
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from distributed import LocalCluster  # noqa: E402

from cleaner import dask_engine  # noqa: E402
from cleaner.cli import main  # noqa: E402

PROMO = "Sign up for our newsletter"
ARTICLE = "The council met on Tuesday and approved the new budget after a long debate."
PAGE = (f"<html><body><article><p>{ARTICLE}</p><p>{PROMO}</p>"
        "<p>Members will vote again in March, the mayor said.</p></article></body></html>")


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    path.write_bytes(gzip.compress(data, mtime=0) if path.name.endswith(".gz") else data)


def jsonl(count: int, start: int = 0) -> str:
    return "".join(json.dumps({"id": n, "text": f"{ARTICLE}\n{PROMO}\n" if n % 2
                               else f"Only {n}.", "meta": {"é": n}}) + "\n"
                   for n in range(start, start + count))


def files_under(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                      dashboard_address=None,
                      scheduler_kwargs={"dashboard_address": dask_engine.LOOPBACK_ANY}) as local:
        yield local


@pytest.fixture
def crawl(tmp_path: Path) -> Path:
    folder = tmp_path / "crawl"
    write(folder / "a.txt", f"{ARTICLE}\n{PROMO}\nMembers will vote again in March.\n")
    write(folder / "news" / "c.htm", PAGE)
    write(folder / "data" / "d.jsonl", jsonl(5))
    write(folder / "big.jsonl.gz", jsonl(150))
    return folder


def summary_counts(stderr: str) -> str:
    """The summary line without its timing, which differs from run to run."""
    line = [line for line in stderr.splitlines() if " documents from " in line][-1]
    return line.rsplit("; ", 1)[0]


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["clean", *args])
    return code, capsys.readouterr().err


def test_scheduler_output_is_byte_identical_to_jobs_1(
        crawl: Path, tmp_path: Path, cluster: LocalCluster, capsys) -> None:
    code, local = run([str(crawl), "-o", str(tmp_path / "local"), "--explain",
                       str(tmp_path / "local.jsonl")], capsys)
    assert code == 0
    code, dask = run([str(crawl), "-o", str(tmp_path / "dask"), "--explain",
                      str(tmp_path / "dask.jsonl"), "--engine", "dask", "--scheduler",
                      cluster.scheduler_address], capsys)
    assert code == 0
    assert files_under(tmp_path / "dask") == files_under(tmp_path / "local")
    assert (tmp_path / "dask.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()
    assert summary_counts(dask) == summary_counts(local)
    assert f"on the Dask scheduler {cluster.scheduler_address}: 2 workers, 2 threads" in dask


def test_a_bad_file_is_reported_and_the_others_written(
        crawl: Path, tmp_path: Path, cluster: LocalCluster, capsys) -> None:
    (crawl / "m1_not_gzip.jsonl.gz").write_bytes(b"this is not gzip\n")
    write(crawl / "m2_bad_line.jsonl", jsonl(2) + "{oops\n" + jsonl(1, 7))
    code, err = run([str(crawl), "-o", str(tmp_path / "out"), "--engine", "dask",
                     "--scheduler", cluster.scheduler_address, "-q"], capsys)
    assert code == 1
    assert f"{crawl / 'm1_not_gzip.jsonl.gz'}: corrupt or truncated gzip" in err
    assert f"{crawl / 'm2_bad_line.jsonl'}:3: invalid JSON" in err
    written = files_under(tmp_path / "out")
    assert {"a.txt", "news/c.txt", "data/d.jsonl", "big.jsonl.gz", "m2_bad_line.jsonl"} \
        == set(written)
    assert main(["clean", str(crawl), "-o", str(tmp_path / "local"), "-q"]) == 1
    assert files_under(tmp_path / "local") == written


def test_engine_dask_alone_starts_and_closes_a_local_cluster(
        crawl: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    code, err = run([str(crawl), "-o", str(out), "--engine", "dask", "--jobs", "2"], capsys)
    assert code == 0 and "2 workers, 2 threads" in err
    assert main(["clean", str(crawl), "-o", str(tmp_path / "local"), "-q"]) == 0
    assert files_under(out) == files_under(tmp_path / "local")
    (out / "a.txt").unlink()
    code, err = run([str(crawl), "-o", str(out), "--engine", "dask", "--jobs", "1",
                     "--resume"], capsys)
    assert code == 0 and "3 skipped" in summary_counts(err)
    assert files_under(out) == files_under(tmp_path / "local")


def test_unreachable_scheduler_is_a_usage_error(crawl: Path, tmp_path: Path, capsys,
                                                 monkeypatch) -> None:
    monkeypatch.setattr(dask_engine, "CONNECT_TIMEOUT", 1)
    code, err = run([str(crawl), "-o", str(tmp_path / "out"), "--engine", "dask",
                     "--scheduler", "tcp://127.0.0.1:1"], capsys)
    assert code == 2 and "cannot reach a Dask scheduler at tcp://127.0.0.1:1" in err
    assert not (tmp_path / "out").exists()


def test_a_cluster_failure_stops_the_batch_with_exit_1(crawl: Path, tmp_path: Path, capsys,
                                                        monkeypatch) -> None:
    class Lost:
        def result(self) -> None:
            raise CancelledError("process_chunk-1")  # as when the scheduler goes away

    class Client:
        def nthreads(self) -> dict[str, int]:
            return {"tcp://127.0.0.1:9": 1}

        def submit(self, *args: object, **kwargs: object) -> Lost:
            return Lost()

    monkeypatch.setattr(dask_engine, "dask_runner",
                        lambda scheduler, workers: contextlib.nullcontext(
                            dask_engine.DaskRunner(Client())))
    code, err = run([str(crawl), "-o", str(tmp_path / "out"), "--engine", "dask", "-q"],
                    capsys)
    assert code == 1 and "the Dask cluster failed during the batch (CancelledError" in err
    assert not [p for p in (tmp_path / "out").rglob("*") if p.is_file()]
