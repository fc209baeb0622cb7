"""The archive on a real Dask cluster: a scheduler and two workers started as processes on
localhost with the ``dask`` command, as an operator would start them on several machines."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.archive_text import write_archive
from zzlint.archive.index import Archive

DASK = Path(sys.executable).with_name("dask")
START_SECONDS = 45


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory) -> Iterator[str]:
    from distributed import Client

    address = f"tcp://127.0.0.1:{_free_port()}"
    logs = tmp_path_factory.mktemp("dask")
    common = {"stdin": subprocess.DEVNULL, "cwd": logs}
    processes = [subprocess.Popen([str(DASK), "scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1],
                                   "--no-dashboard"],
                                  stdout=open(logs / "scheduler.log", "w"), stderr=subprocess.STDOUT, **common)]
    for number in range(2):
        processes.append(subprocess.Popen(
            [str(DASK), "worker", address, "--nthreads", "1", "--no-nanny", "--no-dashboard", "--name", f"worker-{number}",
             "--local-directory", str(logs)],
            stdout=open(logs / f"worker-{number}.log", "w"), stderr=subprocess.STDOUT, **common))
    try:
        with Client(address, timeout=START_SECONDS) as client:
            client.wait_for_workers(2, timeout=START_SECONDS)
        yield address
    finally:
        for process in processes:  # a test cluster keeps no state worth a graceful shutdown
            process.kill()
            process.wait()


def test_an_index_built_on_the_cluster_equals_the_one_built_here(run_cli, scheduler: str, tmp_path: Path) -> None:
    write_archive(tmp_path / "printed", files=8, per_file=30)
    on_cluster = run_cli("archive", "add", "printed", "--index", "cluster.sqlite", "--scheduler", scheduler, cwd=tmp_path)
    assert (on_cluster.code, on_cluster.err) == (0, "Indexed 240 paragraphs of 8 files (0 unchanged) in cluster.sqlite.\n")
    assert run_cli("archive", "add", "printed", "--index", "here.sqlite", cwd=tmp_path).code == 0
    with Archive.open(tmp_path / "cluster.sqlite") as cluster, Archive.open(tmp_path / "here.sqlite") as here:
        assert len(here.contents()) == 240
        assert cluster.contents() == here.contents()


def test_the_self_check_on_the_cluster_finds_what_it_finds_here(run_cli, scheduler: str, tmp_path: Path) -> None:
    write_archive(tmp_path / "printed", files=8, per_file=30)
    assert run_cli("archive", "add", "printed", "--index", "index.sqlite", cwd=tmp_path).code == 0
    here = run_cli("archive", "duplicates", "--index", "index.sqlite", "--format", "json", cwd=tmp_path)
    cluster = run_cli("archive", "duplicates", "--index", "index.sqlite", "--format", "json",
                      "--scheduler", scheduler, cwd=tmp_path)
    assert (cluster.code, here.code) == (1, 1)
    assert cluster.out == here.out
    assert len([json.loads(line) for line in here.out.splitlines()]) >= 14  # two planted in each later file


def test_an_unreachable_scheduler_is_one_clear_error(run_cli, tmp_path: Path, monkeypatch) -> None:
    from zzlint.archive import cluster

    monkeypatch.setattr(cluster, "CONNECT_SECONDS", 2)
    write_archive(tmp_path / "printed", files=1, per_file=3)
    address = f"tcp://127.0.0.1:{_free_port()}"
    result = run_cli("archive", "add", "printed", "--index", "index.sqlite", "--scheduler", address, cwd=tmp_path)
    assert result.code == 2
    assert result.err.startswith(f"zzlint: error: Dask scheduler {address}: OSError: Timed out trying to connect")
    assert len(result.err.splitlines()) == 1
