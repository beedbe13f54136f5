"""Throughput of the evidence layer (run as a script; not a unit test).

    python benchmarks/bench_evidence.py [--mb 4] [--names 500]
    python benchmarks/bench_evidence.py --gaps-cli 1,2,4 [--repeated]

Prints the time to take the whole CAESAR XV paper through ingest, mentions, gaps and
graded claims, and the single-core throughput in MB/s of mention finding (and gap
finding) on OCR-damaged text against a gazetteer of 500 names. The damaged text is the
paper with fresh, seeded OCR confusions applied, so that the finder's per-token cache
does not make repeated text free.

``--gaps-cli`` instead times the command a user runs, ``politburo sources gaps FILE
--format json``, on texts of the given sizes in MB (damaged OCR, or the paper repeated as it
is with ``--repeated``): CPU seconds of the one process (one core), peak memory, and the
seconds per MB of each size beyond the first, which stay the same when the time is linear
in the size. See benchmarks/README.md for the figures measured.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAPER = ROOT / "src/politburo/scenario/bundled/june-1957/sources/caesar-xv.txt"
ACTORS = [
    "Khrushchev",
    "Malenkov",
    "Molotov",
    "Kaganovich",
    "Bulganin",
    "Voroshilov",
    "Mikoyan",
    "Pervukhin",
    "Saburov",
    "Suslov",
    "Kirichenko",
    "Zhukov",
    "Shepilov",
    "Furtseva",
    "Brezhnev",
    "Kozlov",
    "Shvernik",
    "Mukhitdinov",
    "Aristov",
    "Belyaev",
    "Pospelov",
    "Polyansky",
    "Ignatov",
    "Ponomarev",
    "Tito",
    "Stalin",
    "Lenin",
    "Gomulka",
    "Kadar",
    "Serov",
]
SYLLABLES = [
    "ka",
    "mo",
    "lo",
    "va",
    "ri",
    "sha",
    "pe",
    "bu",
    "zha",
    "ni",
    "ko",
    "de",
    "gu",
    "ty",
    "che",
]
ENDINGS = ["ov", "ev", "in", "sky", "enko", "ovich", "yan", "idze", "ko"]
CONFUSE = {"M": "HKU", "e": "oc", "i": "l", "h": "b", "o": "e", "l": "i", "m": "rn"}


def gazetteer(size: int) -> dict[str, list[str]]:
    rng = random.Random(1957)
    names = {name.lower(): [name] for name in ACTORS}
    while len(names) < size:
        stem = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
        name = (stem + rng.choice(ENDINGS)).capitalize()
        names.setdefault(name.lower(), [f"{rng.choice(SYLLABLES).capitalize()}r {name}"])
    return names


def damaged(text: str, megabytes: float, seed: int = 62) -> str:
    rng = random.Random(seed)
    out: list[str] = []
    size = 0
    target = int(megabytes * 1_000_000)
    while size < target:
        chars = [
            rng.choice(CONFUSE[c]) if c in CONFUSE and rng.random() < 0.03 else c for c in text
        ]
        piece = "".join(chars)
        out.append(piece)
        size += len(piece.encode("utf-8"))
    return "\n\n".join(out)


CLI = "from politburo.cli.app import main; main()"


def gaps_cli(sizes: list[float], repeated: bool) -> None:
    """Time ``politburo sources gaps`` on texts of ``sizes`` MB, one process each."""
    import os
    import resource
    import subprocess

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    paper = PAPER.read_text(encoding="utf-8")
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for mb in sizes:
            path = Path(folder) / f"text-{mb}.txt"
            if repeated:
                copies = int(mb * 1_000_000 // len(paper.encode("utf-8"))) + 1
                path.write_text(paper * copies, encoding="utf-8")
            else:
                path.write_text(damaged(paper, mb), encoding="utf-8")
            size = path.stat().st_size / 1e6
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, "-c", CLI, "sources", "gaps", str(path), "--format", "json"],
                env=env,
                stdout=subprocess.DEVNULL,
                check=True,
            )
            wall = time.perf_counter() - started
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            rows.append((size, cpu, wall, after.ru_maxrss / 1024))
            path.unlink()
    kind = "the paper repeated" if repeated else "damaged OCR"
    print(f"politburo sources gaps on {kind}:")
    for i, (size, cpu, wall, peak) in enumerate(rows):
        slope = ""
        if i:
            slope = f", {(cpu - rows[0][1]) / (size - rows[0][0]):.2f} CPU s per further MB"
        print(
            f"  {size:7.2f} MB: {cpu:7.1f} s CPU ({wall:.1f} s wall), peak RSS of the "
            f"largest so far {peak:.0f} MB{slope}"
        )
    if len(rows) > 1:
        size, cpu = rows[-1][0], rows[-1][1]
        rate = (cpu - rows[0][1]) / (size - rows[0][0])
        print(f"  100 MB at that rate: about {rows[0][1] + rate * (100 - rows[0][0]):.0f} s CPU")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=4.0, help="megabytes of damaged text")
    parser.add_argument("--names", type=int, default=500, help="gazetteer size")
    parser.add_argument(
        "--gaps-cli", default=None, help="comma-separated sizes in MB: time the gaps command"
    )
    parser.add_argument("--repeated", action="store_true", help="with --gaps-cli: the paper as is")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    if args.gaps_cli:
        gaps_cli([float(x) for x in args.gaps_cli.split(",")], args.repeated)
        return

    from politburo.evidence.claims import extract_claims, grade_claims
    from politburo.evidence.gaps import GapFinder
    from politburo.evidence.gazetteer import Gazetteer
    from politburo.evidence.mentions import MentionFinder
    from politburo.evidence.passages import split_passages
    from politburo.evidence.store import ingest_file

    names = gazetteer(args.names)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as store:
        record = ingest_file(PAPER, store)
        passages = list(record.iter_passages())
    finder = MentionFinder(Gazetteer.from_mapping(names))
    gap_finder = GapFinder()
    mentions, gaps = 0, 0
    for passage in passages:
        found = finder.find(passage.text, passage.start, passage.source_id)
        mentions += len(found)
        gaps += len(gap_finder.find(passage.text, passage.start, passage.source_id, found))
    claims = grade_claims(extract_claims(passages, finder), {"caesar-xv": "B"})
    whole = time.perf_counter() - started
    print(
        f"whole paper ({PAPER.stat().st_size / 1000:.1f} kB): ingest + mentions + gaps + claims "
        f"in {whole:.3f} s ({mentions} mentions, {gaps} gaps, {len(claims)} claims)"
    )

    text = damaged(PAPER.read_text(encoding="utf-8"), args.mb)
    size = len(text.encode("utf-8")) / 1e6
    chunks = list(split_passages(text, "bench"))
    fresh = MentionFinder(Gazetteer.from_mapping(names))
    started = time.perf_counter()
    count = sum(len(fresh.find(p.text, p.start)) for p in chunks)
    elapsed = time.perf_counter() - started
    print(
        f"mentions: {size:.2f} MB of damaged OCR, {len(names)} names, {count} mentions "
        f"in {elapsed:.2f} s = {size / elapsed:.2f} MB/s on one core"
    )
    started = time.perf_counter()
    count = sum(len(gap_finder.find(p.text, p.start)) for p in chunks)
    elapsed = time.perf_counter() - started
    print(f"gaps: {count} gaps in {elapsed:.2f} s = {size / elapsed:.2f} MB/s on one core")


if __name__ == "__main__":
    main()
