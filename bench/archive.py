"""The archive index: build rate, query time as the index grows, size, recall and false matches.

1. Build rate: index ../shared/corpus/bench/ (two years of transcripts) on one core, on two
   (a process pool) and on a local Dask cluster of two workers; paragraphs per second of wall
   time, and the CPU seconds spent (a machine busy with other work shows no gain from a
   second process: compare the wall time with the CPU time).
2. Query time: a 50-paragraph draft (25 paragraphs of the 2024 transcripts, 25 of the 2025
   ones) checked by the already-printed rule against indexes of 10^4, 10^5 and 10^6
   paragraphs. The larger indexes hold the corpus (People's Daily 1998 left out, see 3) several
   times over, each copy with one character changed in every line so that all paragraphs are
   distinct. Built indexes are cached under bench/out/ (git ignores it); the first run takes
   several minutes. Prints the median of the warm queries and the first (cold) one.
3. Recall and false matches, on the 10^5 index: 200 of its paragraphs with one to five
   characters changed must be found; 200 paragraphs of People's Daily 1998 of similar length
   (never indexed) must not.

Run: python bench/archive.py [--skip-build-rate] [--sizes 10000,100000,1000000]
"""
from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from zzlint.archive import build, cluster
from zzlint.archive.index import Archive, Source
from zzlint.archive.paragraphs import indexed_paragraphs
from zzlint.document import Document
from zzlint.engine import lint_document
from zzlint.rules.already_printed import AlreadyPrinted, Options

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
CORPUS = HERE.parent.parent / "shared" / "corpus"
UNRELATED = CORPUS / "news" / "peoples_daily_1998-01.txt"
HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"


def corpus_files() -> list[Path]:
    files = [*sorted((CORPUS / "bench").glob("*.txt")), *sorted((CORPUS / "news").glob("*.txt")),
             *sorted((CORPUS / "reports").glob("*.txt")), *sorted((CORPUS / "notices").glob("*.txt"))]
    return [f for f in files if f != UNRELATED]


def lightly_edited(text: str, variant: int) -> str:
    """Every line with one character replaced (variant 0: the text as it is)."""
    if variant == 0:
        return text
    rng = random.Random(variant)
    lines = []
    for line in text.split("\n"):
        if len(line) > 8:
            at = rng.randrange(len(line))
            line = line[:at] + HAN[rng.randrange(len(HAN))] + line[at + 1:]
        lines.append(line)
    return "\n".join(lines)


def variant_source(task: tuple[str, int]) -> Source:
    path, variant = task
    text = lightly_edited(Path(path).read_text(encoding="utf-8"), variant)
    name = f"variant-{variant:02d}/{Path(path).name}"
    return Source(name, f"{variant}:{path}", build.records(Document(text, name)))


def synthetic_index(size: int) -> Path:
    """An index of exactly ``size`` paragraphs, built once and cached in bench/out/."""
    target = OUT / f"archive-{size}.sqlite"
    if target.is_file():
        return target
    OUT.mkdir(exist_ok=True)
    partial = target.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    tasks = [(str(path), variant) for variant in range(64) for path in corpus_files()]
    started, written = time.perf_counter(), 0
    with Archive.create(partial) as archive, ProcessPoolExecutor(2) as pool:
        for source in pool.map(variant_source, tasks):
            records = source.records[:size - written]
            written += archive.write([Source(source.path, source.content, records)])
            print(f"\r  building {target.name}: {written:,} paragraphs", end="", file=sys.stderr)
            if written >= size:
                break
    partial.rename(target)
    print(f"\r  built {target.name} in {time.perf_counter() - started:.0f} s{' ' * 20}", file=sys.stderr)
    return target


def build_rate() -> None:
    print("Build rate: ../shared/corpus/bench/ (two years of transcripts)")
    folder = str(CORPUS / "bench")
    with tempfile.TemporaryDirectory() as scratch:
        setups = [("one core", lambda: build.in_process), ("two cores", lambda: build.process_pool(2))]
        for label, make in setups:
            with Archive.create(Path(scratch) / f"{len(label)}.sqlite") as archive:
                started, cpu = time.perf_counter(), _cpu_seconds()
                outcome = build.add(archive, [folder], make())
                _print_rate(label, outcome.paragraphs, time.perf_counter() - started, _cpu_seconds() - cpu)
        with cluster.connect("local", 2) as client, Archive.create(Path(scratch) / "dask.sqlite") as archive:
            started = time.perf_counter()
            outcome = build.add(archive, [folder], cluster.mapper(client))
            _print_rate("local Dask cluster, 2 workers", outcome.paragraphs, time.perf_counter() - started)


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished child processes (the pool's workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _print_rate(label: str, paragraphs: int, seconds: float, cpu: float | None = None) -> None:
    spent = f", {cpu:5.1f} CPU s" if cpu is not None else ""
    print(f"  {label:32s} {paragraphs:8,} paragraphs in {seconds:6.1f} s{spent}: "
          f"{paragraphs / seconds:8,.0f} paragraphs/s")


def draft() -> Document:
    rng = random.Random(50)
    lines = []
    for name, count in (("bench/xinwenlianbo_2024.txt", 25), ("news/xinwenlianbo_2025.txt", 25)):
        doc = Document((CORPUS / name).read_text(encoding="utf-8"), name)
        lines.extend(p.paragraph.text for p in rng.sample(indexed_paragraphs(doc), count))
    return Document("\n".join(lines) + "\n", "draft.txt")


def query_time(sizes: list[int]) -> None:
    print("Query: a 50-paragraph draft checked by already-printed")
    doc = draft()
    for size in sizes:
        index = synthetic_index(size)
        rule = AlreadyPrinted(Options(str(index)))
        times, found = [], 0
        for _ in range(11):
            started = time.perf_counter()
            found = len(lint_document(doc, [rule]).diagnostics)
            times.append(time.perf_counter() - started)
        megabytes = index.stat().st_size / 1e6
        print(f"  {size:>9,} paragraphs ({megabytes:7.1f} MB, {index.stat().st_size / size:5.0f} bytes each): "
              f"cold {times[0] * 1000:6.1f} ms, warm median {statistics.median(times[1:]) * 1000:6.1f} ms, "
              f"{found} paragraphs reported")


def edited(text: str, rng: random.Random) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 5)):
        at = rng.randrange(len(chars))
        kind = rng.randrange(3)
        if kind == 0:
            chars[at] = HAN[rng.randrange(len(HAN))]
        elif kind == 1:
            del chars[at]
        else:
            chars.insert(at, HAN[rng.randrange(len(HAN))])
    return "".join(chars)


def recall_and_false_matches(size: int) -> None:
    index = synthetic_index(size)
    rng = random.Random(200)
    with Archive.open(index) as archive:
        rows = archive.db.execute("SELECT p.id, s.path, p.line FROM paragraphs p JOIN sources s ON s.id = p.source "
                                  "WHERE p.signature IS NOT NULL AND s.path LIKE 'variant-00/%'").fetchall()
    planted_from = rng.sample(rows, 200)
    texts = {path: (CORPUS / _corpus_name(path)).read_text(encoding="utf-8").split("\n")
             for path in {path for _, path, _ in planted_from}}
    planted = [edited(texts[path][line - 1].strip(), rng) for _, path, line in planted_from]
    pool = [p.paragraph.text for p in indexed_paragraphs(Document(UNRELATED.read_text(encoding="utf-8")))
            if p.near]
    lengths = sorted(len(t) for t in planted)
    unrelated = rng.sample([t for t in pool if lengths[10] <= len(t) <= lengths[-10]], 200)
    rule = AlreadyPrinted(Options(str(index)))
    found = _reported(rule, planted)
    false = _reported(rule, unrelated)
    print(f"Near copies (1-5 characters changed) found in the {size:,}-paragraph index: "
          f"{found}/200, recall {found / 200:.3f}")
    print(f"Unrelated paragraphs of similar length reported: {false}/200")


def _corpus_name(stored: str) -> str:
    name = stored.split("/", 1)[1]
    return next(str(f.relative_to(CORPUS)) for f in corpus_files() if f.name == name)


def _reported(rule: AlreadyPrinted, paragraphs: list[str]) -> int:
    doc = Document("\n".join(paragraphs) + "\n", "probe.txt")
    lines = {d.line for d in lint_document(doc, [rule]).diagnostics}
    return len(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-build-rate", action="store_true")
    parser.add_argument("--sizes", default="10000,100000,1000000")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        raise SystemExit(f"the shared corpus is not here ({CORPUS})")
    if not args.skip_build_rate:
        build_rate()
    query_time([int(s) for s in args.sizes.split(",")])
    recall_and_false_matches(100_000)


if __name__ == "__main__":
    main()
