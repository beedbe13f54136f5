"""Accuracy of the evidence layer against hand-labelled gold (run as a script).

    python benchmarks/bench_accuracy.py [--heldout]

Prints precision, recall and F1 of names (mentions) and lost text (gaps) on:

- the three labelled parts of CAESAR XV (``tests/data/gold``), with the test gazetteer;
- the same parts with the June 1957 scenario's gazetteer, with and without the damaged
  spellings it lists as aliases (``Halenkov``, ``Kolotov``...);
- the OCR of other declassified papers (``tests/data/gold/ocr``): the development set, the
  first held-out set (scored once, then developed on), and with ``--heldout`` the second
  held-out set;

and the agreement of claim grades with the hand-graded claims (``tests/data/claims``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.evidence.claims_gold import grade_graded  # noqa: E402
from tests.evidence.conftest import ACTORS, PLACES  # noqa: E402
from tests.evidence.gold import Scores, evaluate_set  # noqa: E402

from politburo.evidence.gazetteer import Entity, Gazetteer  # noqa: E402

GOLD = ROOT / "tests/data/gold"
CAESAR = {
    "tuned": GOLD / "caesar-xv-part.marked.txt",
    "development": GOLD / "caesar-xv-development.marked.txt",
    "held-out": GOLD / "caesar-xv-heldout.marked.txt",
}
#: Beria, named in the OCR set, is no actor of the June 1957 scenario.
OCR_ACTORS = {**ACTORS, "beria": ["Lavrenty Beria", "Beriya"]}


def _line(label: str, result: Scores) -> str:
    cells = [f"{label:<44}"]
    for task in ("mentions", "gaps"):
        p, r, f = result[task]
        cells.append(f"{task} P={p:.3f} R={r:.3f} F1={f:.3f}")
    return "  ".join(cells)


def scenario_gazetteer(aliases: bool) -> Gazetteer:
    """The June 1957 scenario's gazetteer, with or without the damaged spellings it lists."""
    from politburo.scenario import load_scenario
    from politburo.scenario.evidence_inputs import scenario_inputs

    scenario = load_scenario("june-1957")
    gazetteer = scenario_inputs(scenario).gazetteer
    listed = {a.id: set(a.aliases) for a in scenario.model.actors}
    entities = [
        Entity(e.id, tuple(n for n in e.names if aliases or n not in listed.get(e.id, ())), e.kind)
        for e in gazetteer.entities
    ]
    # persons the scenario has no actor for (Stalin, Tito...) keep the test gazetteer's names
    known = {e.id for e in entities}
    entities += [Entity(key, tuple(names)) for key, names in ACTORS.items() if key not in known]
    return Gazetteer(tuple(entities))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--heldout", action="store_true", help="score the second held-out OCR set too"
    )
    args = parser.parse_args()
    test = Gazetteer.from_mapping(ACTORS, PLACES)
    for name, path in CAESAR.items():
        print(_line(f"CAESAR XV {name}", evaluate_set([path], test)))
    for aliases in (True, False):
        gazetteer = scenario_gazetteer(aliases)
        result = evaluate_set(list(CAESAR.values()), gazetteer)
        p, r, f = result["mentions"]
        label = "with" if aliases else "without"
        print(f"CAESAR XV, scenario names {label} aliases: names P={p:.3f} R={r:.3f} F1={f:.3f}")
    ocr = Gazetteer.from_mapping(OCR_ACTORS, PLACES)
    sets = ["dev", "heldout", "heldout2"] if args.heldout else ["dev", "heldout"]
    for part in sets:
        paths = sorted((GOLD / "ocr" / part).glob("*.marked.txt"))
        print(_line(f"other OCR, {part} ({len(paths)} papers)", evaluate_set(paths, ocr)))
    claims = grade_graded(ocr)
    own = sum(bool(set(c.confirmed_by) & set(c.source_ids)) for c in claims.claims)
    print(
        f"claims graded by hand: {claims.items}; grade agrees {claims.rate:.2f}, "
        f"stance agrees {claims.stance_rate:.2f}; confirmed by their own source: {own}"
    )


if __name__ == "__main__":
    main()
