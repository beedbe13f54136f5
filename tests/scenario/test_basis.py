"""The basis of judgments: the format, check's listing and warnings, and the outcome-blind
scenario (the neutral value of each kind of judgment)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from politburo.cli.app import app
from politburo.errors import PolitburoError
from politburo.scenario import load_scenario
from politburo.scenario.basis import NEUTRAL, judgments, outcome_blind
from politburo.scenario.bundled import bundled_names
from tests.conftest import ROOT


def edit(folder: Path, old: str, new: str) -> None:
    path = folder / "scenario.yaml"
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


CHALLENGE_BASIS = "    basis: {window: course, deadline_days: course, take_chair: course}\n"


@pytest.fixture
def unstated(tiny_copy: Path) -> Path:
    """The example as a file written before judgments stated their basis."""
    path = tiny_copy / "scenario.yaml"
    text = path.read_text()
    assert "basis: before, " in text and CHALLENGE_BASIS in text
    path.write_text(text.replace("basis: before, ", "").replace(CHALLENGE_BASIS, ""))
    return tiny_copy


@pytest.fixture
def judged(unstated: Path) -> Path:
    """The example with a basis stated on several judgments, some read from the crisis."""
    tiny_copy = unstated
    edit(tiny_copy, "{name: resolve, value: 0.9,", "{basis: outcome, name: resolve, value: 0.9,")
    edit(
        tiny_copy,
        "{name: vacillation, value: 0.8,",
        "{basis: before, name: vacillation, value: 0.8,",
    )
    edit(tiny_copy, "{to: vance, kind: patron,", "{basis: course, to: vance, kind: patron,")
    edit(tiny_copy, "{against: vance, weight: 0.8,", "{basis: course, against: vance, weight: 0.8,")
    edit(tiny_copy, "disposition: {loyal: 0.5,", "disposition: {basis: outcome, loyal: 0.5,")
    edit(
        tiny_copy,
        "    deadline_days: 2\n",
        "    deadline_days: 2\n    chair_to: lint\n"
        "    basis: {window: course, chair_to: outcome, deadline_days: before}\n",
    )
    return tiny_copy


def test_the_example_states_the_basis_of_every_judgment() -> None:
    found = judgments(load_scenario(ROOT / "examples" / "tiny-committee").model)
    assert found and all(j.basis is not None for j in found)


def test_old_files_load_and_their_judgments_are_unstated(unstated: Path) -> None:
    scenario = load_scenario(unstated)
    found = judgments(scenario.model)
    assert found and all(j.basis is None for j in found)
    blind = outcome_blind(scenario)
    assert blind.neutralised == ()
    assert blind.scenario.model == scenario.model


def test_outcome_blind_sets_each_kind_to_its_neutral_value(judged: Path) -> None:
    scenario = load_scenario(judged)
    read = {(j.kind, j.basis) for j in judgments(scenario.model) if j.read_from_crisis}
    assert read == {
        ("trait", "outcome"),
        ("tie", "course"),
        ("grievance", "course"),
        ("disposition", "outcome"),
        ("window", "course"),
        ("chair_to", "outcome"),
    }
    blind = outcome_blind(scenario)
    model = blind.scenario.model
    actors = {a.id: a for a in model.actors}
    assert actors["vance"].trait("resolve") == 0.5
    assert actors["noor"].trait("vacillation") == 0.8  # known before: kept
    assert actors["marr"].ties == []
    assert actors["kell"].grievances[0].weight == 0.0
    assert actors["lint"].grievances[0].weight == 0.7  # unstated: kept
    disposition = model.groups[0].disposition
    assert (disposition.loyal, disposition.wavering, disposition.hostile) == pytest.approx(
        (1 / 3, 1 / 3, 1 / 3)
    )
    challenge = model.challenges[0]
    assert (challenge.window_start, challenge.window_end) == (model.start, model.end)
    assert challenge.chair_to is None
    assert challenge.deadline_days == 2  # known before: kept
    assert "actors[vance].traits[0] (resolve 0.9)" in blind.describe()
    # the scenario as written is untouched
    assert scenario.model.actors[0].trait("resolve") == 0.9


def test_a_contested_version_cannot_bring_back_a_neutralised_judgment(judged: Path) -> None:
    (judged / "contested.yaml").write_text(
        """\
contested:
  - id: who-chairs
    about: Whom the plotters meant for the chair
    versions:
      - id: lint
        account: Lint
        cite: {assumption: "The scenario's own reading of the plot."}
      - id: kell
        account: Kell
        edits:
          - {op: set, path: challenges/move-against-vance/chair_to, value: kell}
          - {op: set, path: actors/marr/ties/to=vance/strength, value: 0.2}
          - {op: set, path: actors/orin/itinerary/0/place, value: harbour}
        cite: {assumption: "Another reading of the plot, for the test."}
"""
    )
    blind = outcome_blind(load_scenario(judged))
    assert blind.dropped_edits == (
        "contested[who-chairs].versions[kell]: challenges/move-against-vance/chair_to",
        "contested[who-chairs].versions[kell]: actors/marr/ties/to=vance/strength",
    )
    edits = blind.scenario.model.contested[0].versions[1].edits
    assert [e.path for e in edits] == ["actors/orin/itinerary/0/place"]


def test_a_bad_basis_is_an_error_at_its_place(unstated: Path) -> None:
    tiny_copy = unstated
    edit(tiny_copy, "{name: resolve, value: 0.9,", "{basis: afterwards, name: resolve, value: 0.9,")
    edit(tiny_copy, "    deadline_days: 2\n", "    deadline_days: 2\n    basis: {strike: course}\n")
    with pytest.raises(PolitburoError) as caught:
        load_scenario(tiny_copy)
    problems = {(p.field, p.line) for p in caught.value.problems}
    assert ("actors[vance].traits[0].basis", 84) in problems
    assert ("challenges[move-against-vance].basis.strike", 163) in problems
    assert all(p.file and p.file.endswith("scenario.yaml") for p in caught.value.problems)


def test_a_contested_version_may_not_edit_the_record(tiny_copy: Path) -> None:
    (tiny_copy / "contested.yaml").write_text(
        """\
contested:
  - id: meeting-day
    about: The day the council met
    versions:
      - id: fifth
        account: The fifth
        cite: {assumption: "The chronicle's date."}
      - id: sixth
        account: The sixth
        edits:
          - {op: set, path: challenges/move-against-vance/window_start, value: 1990-05-06}
          - {op: set, path: record/council-meets/date, value: 1990-05-06}
        cite: {assumption: "Another date, for the test."}
"""
    )
    with pytest.raises(PolitburoError) as caught:
        load_scenario(tiny_copy)
    [problem] = caught.value.problems
    assert problem.field == "contested[meeting-day].versions[sixth].edits[1].path"
    assert problem.file is not None and problem.file.endswith("contested.yaml")
    assert problem.line == 12
    assert "may not edit the record" in problem.message


def test_check_lists_judgments_read_from_the_crisis_and_warns_about_unstated_ones(
    cli: CliRunner, judged: Path
) -> None:
    result = cli.invoke(app, ["check", str(judged)])
    assert result.exit_code == 0, result.output
    assert (
        "2 known before the crisis, 6 read from its course or outcome, 3 unstated" in result.stdout
    )
    assert "outcome  actors[vance].traits[0] (resolve 0.9)" in result.stdout
    assert "course   challenges[move-against-vance].window" in result.stdout
    assert "warning:" in result.stderr and "lint" in result.stderr
    assert "grievances[0]: the grievance does not state its basis" in result.stderr


def test_fidelity_reports_as_written_and_outcome_blind(cli: CliRunner, judged: Path) -> None:
    result = cli.invoke(app, ["fidelity", str(judged), "--runs", "20"])
    assert result.exit_code == 0, result.output
    assert "as written: replay meets" in result.stdout
    assert "outcome-blind (6 judgments read from the crisis" in result.stdout
    result = cli.invoke(app, ["fidelity", str(judged), "--runs", "20", "--format", "json"])
    data = json.loads(result.stdout)
    assert len(data["outcome_blind"]["neutralised"]) == 6
    assert len(data["outcome_blind"]["targets"]) == len(data["targets"])


def test_whatif_reports_the_outcomes_outcome_blind(cli: CliRunner, judged: Path) -> None:
    args = ["whatif", str(judged), "--set", "actors/noor/traits/0/value=0.1", "-n", "30"]
    result = cli.invoke(app, [*args, "--workers", "1", "--format", "json"])
    assert result.exit_code == 0, result.output
    blind = json.loads(result.stdout)["outcome_blind"]
    assert len(blind["neutralised"]) == 6 and blind["interventions"]


def test_whatif_on_a_neutralised_judgment_keeps_the_written_results(
    cli: CliRunner, judged: Path
) -> None:
    """Marr's tie was read from the crisis: outcome-blind it is gone, so a what-if of its
    strength has no outcome-blind arm; the results as written are still reported."""
    args = ["whatif", str(judged), "--set", "actors/marr/ties/to=vance/strength=0.1", "-n", "20"]
    result = cli.invoke(app, [*args, "--workers", "1", "--fixed-evidence"])
    assert result.exit_code == 0, result.output
    assert "what if: set" in result.stdout
    assert "outcome-blind: not run;" in result.stdout
    assert "actors/marr/ties/to=vance/strength" in result.stdout


def test_whatif_leaves_out_of_the_outcome_blind_part_only_the_arms_it_cannot_run(
    cli: CliRunner, judged: Path, tmp_path: Path
) -> None:
    """One arm edits a judgment the outcome-blind scenario removed; the other still runs."""
    fine = tmp_path / "noor-lower.yaml"
    fine.write_text(
        "id: noor-lower\ndescription: x\n"
        "edits:\n  - {op: set, path: actors/noor/traits/0/value, value: 0.1}\n"
    )
    args = ["whatif", str(judged), str(fine), "--set", "actors/marr/ties/to=vance/strength=0.1"]
    args += ["-n", "20", "--workers", "1", "--fixed-evidence"]
    text = cli.invoke(app, args)
    assert text.exit_code == 0, text.output
    assert "outcome-blind: not run for some;" in text.stdout
    assert "what if: noor-lower (outcome-blind)" in text.stdout
    blind = json.loads(cli.invoke(app, [*args, "--format", "json"]).stdout)["outcome_blind"]
    assert [arm["id"] for arm in blind["interventions"]] == ["noor-lower"]
    assert len(blind["skipped"]) == 1 and "actors/marr/ties" in blind["skipped"][0]


@pytest.mark.parametrize("name", sorted(bundled_names()))
def test_every_bundled_judgment_states_its_basis(name: str) -> None:
    assert all(j.basis is not None for j in judgments(load_scenario(name).model))


def test_june_1957_marks_what_it_read_from_the_crisis() -> None:
    """The judgments issue 15 names as read from the crisis stay marked so."""
    scenario = load_scenario("june-1957")
    from politburo.scenario.basis import label

    read = {
        label(scenario.raw, j).split(" (")[0]
        for j in judgments(scenario.model)
        if j.read_from_crisis
    }
    for name in (
        "actors[khrushchev].traits[0]",  # resolve, cited to his refusal to resign
        "actors[voroshilov].traits[0]",  # vacillation, "vacillated throughout"
        "actors[zhukov].ties[0]",
        "actors[saburov].ties[0]",
        "groups[cc-provincial-full].disposition",
        "challenges[anti-party-group].chair_to",
        "challenges[anti-party-group].window",
    ):
        assert name in read, name


def test_every_kind_of_judgment_has_a_documented_neutral_value() -> None:
    docs = (ROOT / "docs" / "scenario-format.md").read_text()
    kinds = {j.kind for name in bundled_names() for j in judgments(load_scenario(name).model)}
    assert kinds <= set(NEUTRAL)
    for kind in NEUTRAL:
        assert f"| {kind} |" in docs, kind
