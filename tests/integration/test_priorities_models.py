"""The prioritisation round's marts and the three-input cornerstones, built by dbt on
generated survey, round and committee data in the real warehouse, checked against
the same figures computed here from the raw rows."""

from __future__ import annotations

import collections
import subprocess

import pytest

from hornsten.committee import valuation
from hornsten.demo.priorities import generate_priorities
from hornsten.demo.survey import generate_sample
from hornsten.devstack import landing, stack
from hornsten.priorities import service as priorities
from hornsten.survey import service as survey_service
from hornsten.tagging.codebook import codebook_components, codebook_themes
from hornsten.warehouse.dbt import dbt_executable, dbt_project_dir
from tests.warehouse import connect

pytestmark = pytest.mark.integration


def _build(stack_settings, config) -> None:
    env = {**stack.full_env(stack_settings), **config.dbt_env()}
    result = subprocess.run(
        [dbt_executable(), "build", "--selector", "components", "--indirect-selection", "cautious"],
        cwd=dbt_project_dir(),
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-6000:]


@pytest.fixture(scope="module")
def built(stack_settings, warehouse_dsn, norrkoping, tmp_path_factory):
    out = tmp_path_factory.mktemp("round")
    survey = generate_sample(norrkoping, 800, 21, ["csv"], out / "survey")
    round_ = generate_priorities(norrkoping, 900, 22, out / "round")
    with connect(warehouse_dsn, autocommit=True) as conn:
        landing.empty(conn, landing.SURVEY, landing.PHASES)
        survey_service.ingest_exports(conn, norrkoping, [f.path for f in survey.files], echo=lambda _: None)
        priorities.load_exports(conn, norrkoping, round_.files, echo=lambda _: None)
        parties = [b.code.upper() for b in norrkoping.remiss.bodies if b.kind == "parti"]
        sheet = valuation.sample_valuations(out / "valuation.csv", codebook_themes(), parties, seed=3)
        parsed = valuation.read_valuations(sheet, {t.code for t in codebook_themes()})
        valuation.load(conn, norrkoping.process, sheet.name, parsed.valuations)
    _build(stack_settings, norrkoping)
    return warehouse_dsn


def q(dsn: str, sql: str, *params):
    with connect(dsn) as conn:
        return conn.execute(sql, params).fetchall()


def _raw_points(dsn: str, places: int) -> dict[str, dict[str, int]]:
    """Per response, the Borda points of each component it ranked."""
    points: dict[str, dict[str, int]] = collections.defaultdict(dict)
    for response, rank, item in q(dsn, "select response_id, rank, item from raw.priority_ranks"):
        points[response][item] = places - rank + 1
    return points


def test_borda_and_top_three_shares_match_the_raw_rankings(built, norrkoping):
    places = norrkoping.priorities.ranks
    points = _raw_points(built, places)
    residents = q(built, "select count(*) from raw.priority_responses")[0][0]
    rows = q(
        built,
        """select component, base_respondents, mean_borda, share_top3, residents_ranking
           from marts.priority_component_scores where cut = 'alla'""",
    )
    assert len(rows) == len(codebook_components())
    for component, base, mean_borda, share_top3, ranking in rows:
        assert base == residents
        total = sum(p.get(component, 0) for p in points.values())
        assert float(mean_borda) == pytest.approx(total / residents, abs=1e-4)
        top3 = sum(1 for p in points.values() if p.get(component, 0) >= places - 2)
        assert float(share_top3) == pytest.approx(top3 / residents, abs=1e-4)
        assert ranking == sum(1 for p in points.values() if component in p)


def test_a_themes_points_add_up_its_components(built):
    component_theme = {c.code: c.theme for c in codebook_components()}
    by_component = dict(
        q(built, "select component, mean_borda from marts.priority_component_scores where cut = 'alla'")
    )
    for theme, mean_borda in q(built, "select theme, mean_borda from marts.priority_theme_scores where cut = 'alla'"):
        expected = sum(float(v) for c, v in by_component.items() if component_theme[c] == theme)
        assert float(mean_borda) == pytest.approx(expected, abs=1e-3)


def test_weighted_scores_differ_and_small_groups_are_suppressed(built):
    ((weighted, unweighted),) = q(
        built,
        """select weighted_mean_borda, mean_borda from marts.priority_theme_scores
           where cut = 'alla' and priority_rank = 1""",
    )
    assert weighted is not None and weighted != unweighted
    suppressed = q(
        built,
        """select group_value, base_respondents, mean_borda from marts.priority_component_scores
           where is_suppressed""",
    )
    assert suppressed, "a district with fewer than 5 residents in the round is expected in a sample of 900"
    assert all(base is None and borda is None for _, base, borda in suppressed)
    counts = dict(q(built, "select closed_answers ->> 'district', count(*) from raw.priority_responses group by 1"))
    assert {g for g, _, _ in suppressed if g in counts} <= {d for d, n in counts.items() if n < 5}


def test_cornerstones_are_the_weighted_mean_of_the_three_inputs(built, norrkoping):
    w = norrkoping.cornerstones.input_weights
    rows = q(
        built,
        """select theme, score, citizen_salience, citizen_priority, committee_valuation, cornerstone_rank,
                  rank_without_priority, moved_by_priority, salience_contribution, priority_contribution,
                  committee_contribution, basis
           from marts.cornerstones order by cornerstone_rank""",
    )
    assert {r[11] for r in rows} == {"citizens, their priorities and the committee"}
    for _, score, sal, pri, com, *_ in rows:
        expected = w.salience * float(sal) + w.priority * float(pri) + w.committee * float(com)
        assert float(score) == pytest.approx(expected, abs=2e-4)
    # Without the round: the other two inputs' weighted mean, and its rank.
    without = sorted(
        rows,
        key=lambda r: (-(w.salience * float(r[2]) + w.committee * float(r[4])) / (w.salience + w.committee), r[0]),
    )
    assert {r[0]: r[6] for r in rows} == {r[0]: n for n, r in enumerate(without, start=1)}
    assert all(r[7] == r[6] - r[5] for r in rows)
    assert any(r[7] != 0 for r in rows), "the residents' ranking moves at least one theme"
    for *_, s_c, p_c, c_c, _ in rows[:1]:
        assert float(s_c) + float(p_c) + float(c_c) == pytest.approx(float(rows[0][1]), abs=1e-3)


def test_without_a_round_the_cornerstones_are_as_before(built, stack_settings, norrkoping):
    """A process with no round (the weights without priority) scores salience and committee alone."""
    config = norrkoping.model_copy(
        update={
            "priorities": None,
            "cornerstones": norrkoping.cornerstones.model_copy(update={"weights": None, "citizen_weight": 0.5}),
        }
    )
    try:
        _build(stack_settings, config)
        rows = q(
            built,
            """select score, citizen_salience, committee_valuation, citizen_priority, priority_contribution,
                      moved_by_priority, basis
               from marts.cornerstones""",
        )
        for score, sal, com, pri, p_c, moved, basis in rows:
            assert float(score) == pytest.approx(0.5 * float(sal) + 0.5 * float(com), abs=2e-4)
            assert (pri, p_c, moved, basis) == (None, None, None, "citizens and committee")
    finally:
        _build(stack_settings, norrkoping)
