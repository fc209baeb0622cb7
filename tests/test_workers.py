"""Worker processes never outlive a run: SIGKILL, SIGTERM and SIGINT of zzlint end them all."""
from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")

# A house rule whose pattern backtracks on these lines until the pattern time limit stops it:
# each file keeps a worker busy for two seconds.
PACK = """
[[rule]]
name = "slow-rule"
pattern = '(a|aa)+$'
message = "slow"
doc = '''A test rule.'''
"""


def descendants(pid: int) -> set[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def is_zzlint(pid: int) -> bool:
    try:
        return b"zzlint" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture
def busy_run(tmp_path: Path):
    (tmp_path / "slow.toml").write_text(PACK, encoding="utf-8")
    (tmp_path / "zzlint.toml").write_text('rule-packs = ["slow.toml"]\nselect = ["slow-rule"]\n')
    for index in range(8):
        (tmp_path / f"page-{index}.txt").write_text("a" * 40 + "b\n", encoding="utf-8")
    started: list[subprocess.Popen] = []
    seen: set[int] = set()

    def start() -> tuple[subprocess.Popen, set[int]]:
        process = subprocess.Popen([sys.executable, "-m", "zzlint", "check", "--no-cache", "--jobs", "2", "."],
                                   cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   start_new_session=True)
        started.append(process)
        deadline = time.monotonic() + 60
        while len(workers := descendants(process.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(workers) >= 2, "the workers did not start"
        seen.update(workers)
        time.sleep(0.5)  # past the workers' start-up
        return process, workers

    yield start
    for process in started:
        for pid in {*seen, *descendants(process.pid), process.pid}:  # workers that outlived it too
            if is_zzlint(pid):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        process.wait()


def gone_within(pids: set[int], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while any(alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    return not any(alive(pid) for pid in pids)


def test_workers_die_with_a_killed_main_process(busy_run) -> None:
    process, workers = busy_run()
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert gone_within(workers, 10)


def test_sigterm_ends_the_workers_and_exits_143(busy_run) -> None:
    process, workers = busy_run()
    os.kill(process.pid, signal.SIGTERM)
    assert process.wait(timeout=30) == 143
    assert gone_within(workers, 10)


@pytest.mark.parametrize("whole_group", [False, True], ids=["main-only", "ctrl-c"])
def test_sigint_ends_the_workers_and_exits_130(busy_run, whole_group: bool) -> None:
    process, workers = busy_run()
    if whole_group:
        os.killpg(process.pid, signal.SIGINT)
    else:
        os.kill(process.pid, signal.SIGINT)
    code = process.wait(timeout=30)
    stderr = process.stderr.read().decode()
    assert code == 130, stderr
    assert gone_within(workers, 10)
    assert "Traceback" not in stderr


def test_a_worker_killed_under_zzlint_is_one_error_line(busy_run) -> None:
    process, workers = busy_run()
    os.kill(min(workers), signal.SIGKILL)
    assert process.wait(timeout=30) == 2
    assert process.stderr.read().decode() == ("zzlint: error: a worker process died before finishing its "
                                              "files (killed, or out of memory?)\n")
    assert gone_within(workers, 10)


def test_eight_workers_report_what_one_does(tmp_path: Path) -> None:
    texts = ["出台八条措施。严格落实中央八项规定精神，降低运行\n成本，提高办事水平。\n", "他说：“明天再议。\n",
             "截止目前，全市已建成基站。\n", "解决基层人手不足的的问题。\n"]
    for index in range(24):
        (tmp_path / f"page-{index:02d}.txt").write_text(texts[index % 4] * (index % 3 + 1), encoding="utf-8")
    outputs = [subprocess.run([sys.executable, "-m", "zzlint", "check", "--no-cache", "--format", "json",
                               "--jobs", jobs, "."], cwd=tmp_path, capture_output=True, text=True).stdout
               for jobs in ("1", "8")]
    assert outputs[0] == outputs[1]
    assert outputs[0].count('"rule"') == 48


def test_files_travel_largest_first_in_chunks_that_shrink_towards_the_end(tmp_path: Path) -> None:
    from zzlint.runner import FILE_COST_BYTES, MIN_CHUNK_BYTES, Job, chunks

    sizes = [MIN_CHUNK_BYTES * 3, 10, MIN_CHUNK_BYTES, 20, MIN_CHUNK_BYTES * 2] + [1000] * 200
    jobs = []
    for index, size in enumerate(sizes):
        path = tmp_path / f"{index}.txt"
        path.write_bytes(b"x" * size)
        jobs.append(Job(path, path.name))
    found = chunks(jobs, 2)
    assert sorted(i for chunk in found for i in chunk) == list(range(len(jobs)))
    costs = [sum(sizes[i] + FILE_COST_BYTES for i in chunk) for chunk in found]
    # a quarter of the cost, then each chunk a quarter of what is left, down to the smallest
    assert found[0] == [0, 4] and found[1][0] == 2 and len(found) == 7
    assert costs[:-1] == sorted(costs[:-1], reverse=True) and min(costs[:-1]) >= MIN_CHUNK_BYTES
    assert found[-1][-2:] == [3, 1] and costs[-1] < MIN_CHUNK_BYTES


def test_small_files_count_for_more_than_their_bytes(tmp_path: Path) -> None:
    from zzlint.runner import FILE_COST_BYTES, MIN_CHUNK_BYTES, Job, chunks

    jobs = []
    for index in range(MIN_CHUNK_BYTES // FILE_COST_BYTES * 3):
        path = tmp_path / f"story-{index}.txt"
        path.write_bytes("稿".encode() * 10)
        jobs.append(Job(path, path.name))
    # 30 bytes each: by bytes alone the 192 files would travel as one chunk
    assert [len(chunk) for chunk in chunks(jobs, 2)] == [63, 63, 63, 3]


def test_a_large_file_linted_on_two_cores_has_the_findings_of_one(run_cli, tmp_path: Path, monkeypatch) -> None:
    import json

    from zzlint import runner, workers

    page = tmp_path / "page.txt"
    page.write_text("今年以来，全县秋粮生产再获丰收。。\n"
                    "他说：“明天再议。\n"
                    "面对人才储备不足的的短板，2023年2月30日开工。\n"
                    "三、落实增进团结之责\n五、落实自身建设之责\n", encoding="utf-8")
    serial = run_cli("check", "--no-cache", "--format", "json", "--jobs", "1", "page.txt", cwd=tmp_path)
    pools: list[int] = []
    real_pool = workers.pool
    monkeypatch.setattr(runner, "SPLIT_CHARACTERS", 10)
    monkeypatch.setattr(workers, "pool", lambda count, *args: pools.append(count) or real_pool(count, *args))
    parallel = run_cli("check", "--no-cache", "--format", "json", "--jobs", "2", "page.txt", cwd=tmp_path)
    assert pools == [1]
    assert parallel.out == serial.out
    assert {"repeated-punctuation", "unpaired-punctuation", "invalid-date", "numbering-sequence"} <= {
        d["rule"] for d in json.loads(serial.out)["diagnostics"]}


def _costed_rule(name: str, cost: float, *shares: str):  # type: ignore[no-untyped-def]
    from zzlint.rule import Rule

    return type(name, (Rule,), {"name": name, "cost": cost, "shares": shares, "__doc__": name})()


def test_rules_sharing_derived_data_run_in_one_half_and_the_halves_cost_alike() -> None:
    from zzlint.runner import halves

    rules = [_costed_rule("numbers-a", 0.01, "markers"), _costed_rule("repeats", 0.07),
             _costed_rule("breaks", 0.04, "lexicon"), _costed_rule("numbers-b", 0.01, "markers"),
             _costed_rule("passages", 0.05, "lexicon"), _costed_rule("dashes", 0.004), _costed_rule("dates", 0.004)]
    # lexicon 0.09, repeats 0.07, markers 0.02, then each small rule to the lighter half
    assert halves(rules) == ([2, 4, 5], [0, 1, 3, 6])
    rules.append(_costed_rule("headings", 0.0, "markers", "lexicon"))
    assert halves(rules) == ([0, 2, 3, 4, 7], [1, 5, 6])


def test_the_default_rules_keep_their_shared_steps_on_one_side() -> None:
    from zzlint.config import Settings
    from zzlint.runner import halves

    rules = Settings().rules_for(None)
    here, there = halves(rules)
    side = {rules[i].name: name for name, half in (("here", here), ("there", there)) for i in half}
    assert side["numbering-sequence"] == side["numbering-punctuation"]
    assert side["certificate-region-mismatch"] == side["invalid-certificate-number"]
    assert side["broken-paragraph"] == side["repeated-passage"] == side["repeated-character"]
    assert side["repeated-paragraph"] != side["broken-paragraph"]
    costs = [sum(rules[i].cost for i in half) for half in (here, there)]
    assert abs(costs[0] - costs[1]) <= 0.01


def test_a_worker_broken_by_the_same_ctrl_c_counts_as_the_interrupt() -> None:
    from zzlint.workers import pool

    with pytest.raises(KeyboardInterrupt), pool(1, int, ()) as executor:
        worker = executor.submit(os.getpid).result()
        with contextlib.suppress(KeyboardInterrupt):
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(5)  # the interrupt arrives before this ends
        os.kill(worker, signal.SIGKILL)  # as a worker dies of a Ctrl-C it had no time to ignore
        executor.submit(os.getpid).result()


def test_a_worker_killed_without_an_interrupt_is_a_worker_died_error() -> None:
    from zzlint.workers import WorkerDied, pool

    with pytest.raises(WorkerDied), pool(1, int, ()) as executor:
        os.kill(executor.submit(os.getpid).result(), signal.SIGKILL)
        executor.submit(os.getpid).result()


def test_a_job_travels_to_a_worker_unchanged() -> None:
    import pickle

    from zzlint.runner import Job

    job = Job(Path("稿件/page.txt"), "稿件/page.txt", None, "gb18030", True, "diff", True, False, 2)
    travelled = pickle.loads(pickle.dumps(job))
    assert travelled == job and isinstance(travelled.path, Path)


@pytest.mark.parametrize("timings", [False, True])
def test_results_from_workers_carry_seconds_per_rule_only_when_asked(tmp_path: Path, timings: bool) -> None:
    from zzlint.config import Resolver
    from zzlint.runner import Job, run

    jobs = []
    for index in range(2):
        page = tmp_path / f"page-{index}.txt"
        page.write_text("他说：“明天再议。\n", encoding="utf-8")
        jobs.append(Job(page, page.name))
    results = run(jobs, Resolver(cli={}), 2, timings=timings)
    assert [r.diagnostics[0].rule for r in results] == ["unpaired-punctuation"] * 2
    assert all(("unpaired-punctuation" in r.timings) is timings for r in results)


def test_a_folder_run_names_its_jobs_to_the_workers_by_index(tmp_path: Path, monkeypatch) -> None:
    import multiprocessing

    from zzlint.config import Resolver
    from zzlint.runner import Job, run

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("only forked workers share the jobs of the run")
    texts = ["他说：“明天再议。\n", "解决基层人手不足的的问题。\n", "全县秋粮生产再获丰收。\n"]
    jobs = []
    for index, text in enumerate(texts):
        page = tmp_path / f"page-{index}.txt"
        page.write_text(text, encoding="utf-8")
        jobs.append(Job(page, page.name))

    def refuse(job: Job) -> None:
        raise AssertionError("a job was pickled")

    monkeypatch.setattr(Job, "__reduce__", refuse)
    results = run(jobs, Resolver(cli={}), 2)
    assert [(r.path, [(d.rule, d.line, d.column) for d in r.diagnostics]) for r in results] == [
        ("page-0.txt", [("unpaired-punctuation", 1, 4)]), ("page-1.txt", [("repeated-character", 1, 10)]),
        ("page-2.txt", [])]
