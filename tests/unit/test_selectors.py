"""dbt's YAML selectors and their Cosmos translation (hornsten.warehouse.selectors).

First on small selectors.yml files; then on the real project, parsed by dbt (no
database): every selector selects something, every mart is built by exactly one
selector, and `dbt ls --selector` selects the models and seeds that Cosmos renders
from the translation.
"""

from __future__ import annotations

import json

import pytest

from hornsten.warehouse.dbt import dbt_project_dir
from hornsten.warehouse.selectors import SelectorError, cosmos_select, cosmos_select_many, load_selectors


def _project(tmp_path, text: str):
    (tmp_path / "selectors.yml").write_text(text, encoding="utf-8")
    return tmp_path


def test_a_union_of_tags_paths_and_fqns(tmp_path):
    project = _project(
        tmp_path,
        """
selectors:
  - name: phase
    definition:
      union:
        - method: tag
          value: tagging
        - method: path
          value: models/marts/dialogue/
        - method: fqn
          value: hornsten.marts.goals.goal_summary
        - "tag:remiss_staging"
""",
    )
    assert cosmos_select("phase", project) == (
        ["tag:tagging", "path:models/marts/dialogue", "fqn:hornsten.marts.goals.goal_summary", "tag:remiss_staging"],
        [],
    )


def test_exclude_items_and_a_single_criterion(tmp_path):
    project = _project(
        tmp_path,
        """
selectors:
  - name: all_but_goals
    definition:
      union:
        - method: path
          value: models
        - exclude:
            - method: tag
              value: goals_marts
            - "path:models/marts/remiss"
  - name: just_one
    definition:
      method: tag
      value: survey_staging
""",
    )
    assert cosmos_select("all_but_goals", project) == (["path:models"], ["tag:goals_marts", "path:models/marts/remiss"])
    assert cosmos_select("just_one", project) == (["tag:survey_staging"], [])


def test_several_selectors_for_one_task_group(tmp_path):
    project = _project(
        tmp_path,
        """
selectors:
  - name: dialogue
    definition: {union: ["tag:tagging", "tag:dialogue_marts"]}
  - name: goals
    definition: {union: ["tag:tagging", "tag:goals_marts"]}
  - name: trimmed
    definition: {union: ["tag:tagging", {exclude: ["tag:goals_marts"]}]}
""",
    )
    assert cosmos_select_many(["dialogue", "goals"], project) == (
        ["tag:tagging", "tag:dialogue_marts", "tag:goals_marts"],
        [],
    )
    assert cosmos_select_many(["trimmed"], project) == (["tag:tagging"], ["tag:goals_marts"])
    with pytest.raises(
        SelectorError, match="selector 'trimmed' has an exclude, which Cosmos would apply to 'goals' too"
    ):
        cosmos_select_many(["goals", "trimmed"], project)
    with pytest.raises(SelectorError, match="no selector given"):
        cosmos_select_many([], project)


def test_an_unknown_selector_names_the_known_ones(tmp_path):
    project = _project(
        tmp_path, "selectors:\n  - name: b\n    definition: 'tag:x'\n  - name: a\n    definition: 'tag:y'\n"
    )
    with pytest.raises(SelectorError, match=r"unknown dbt selector 'c' \(selectors.yml defines: a, b\)"):
        cosmos_select("c", project)


def test_a_missing_selectors_file(tmp_path):
    with pytest.raises(SelectorError, match="selectors.yml: no such file"):
        cosmos_select("components", tmp_path)


@pytest.mark.parametrize(
    ("definition", "message"),
    [
        ("{method: tag, value: tagging, parents: true}", "uses parents; only `method` and `value`"),
        ("{method: tag, value: tagging, children: true}", "uses children"),
        ("{method: config.materialized, value: table}", "method 'config.materialized' is not supported"),
        ("{method: source, value: survey}", "method 'source' is not supported"),
        ("{intersection: [{method: tag, value: a}, {method: tag, value: b}]}", "`intersection` is not supported"),
        ("{union: [{method: tag, value: a}], exclude: [{method: tag, value: b}]}", "`union` must stand alone"),
        ("{union: []}", "`union` must be a non-empty list"),
        ("{union: [{exclude: [{method: tag, value: b}]}]}", "selects nothing"),
        ("'+tag:tagging'", "graph operators are not supported"),
        ("{method: tag, value: 'tagging+'}", "graph operators are not supported"),
        ("{method: tag, value: 'survey_*'}", "wildcards are not supported"),
        ("'tag:a,tag:b'", "is not a single `method:value` criterion"),
        ("{method: tag, value: ''}", "needs a non-empty string value"),
        ("42", "unsupported criterion 42"),
    ],
)
def test_what_cosmos_cannot_express_is_refused(tmp_path, definition, message):
    project = _project(tmp_path, f"selectors:\n  - name: odd\n    definition: {definition}\n")
    with pytest.raises(SelectorError, match=r"selector 'odd'.*" + message.replace("(", r"\(").replace("+", r"\+")):
        cosmos_select("odd", project)


# ------------------------------------------------------------------ the real project
SELECTORS = sorted(load_selectors(dbt_project_dir()))
BUILT = ("model", "seed")  # the tests run with their models; selectors decide the rest


@pytest.fixture(scope="module")
def parsed(tmp_path_factory):
    """dbt parse of the project into a scratch target (the real target/ stays untouched)."""
    from dbt.cli.main import dbtRunner

    target = tmp_path_factory.mktemp("dbt_target")
    project = dbt_project_dir()
    args = [
        "--project-dir",
        str(project),
        "--profiles-dir",
        str(project),
        "--target-path",
        str(target),
        "--log-path",
        str(target),
        "--quiet",
    ]
    result = dbtRunner().invoke(["parse", *args])
    assert result.success, result.exception
    return {
        "manifest": result.result,
        "path": target / "manifest.json",
        "args": args,
        "json": json.loads((target / "manifest.json").read_text()),
    }


@pytest.fixture(scope="module")
def cosmos_selected(parsed) -> dict[str, set[str]]:
    """The models and seeds Cosmos renders for each selector's translation."""
    import airflow  # noqa: F401  (cosmos must not be the first to import Airflow)
    from cosmos.config import ExecutionConfig, ProjectConfig, RenderConfig
    from cosmos.constants import LoadMode
    from cosmos.dbt.graph import DbtGraph

    project = dbt_project_dir()
    selected = {}
    for name in SELECTORS:
        select, exclude = cosmos_select(name, project)
        graph = DbtGraph(
            project=ProjectConfig(dbt_project_path=project, manifest_path=parsed["path"]),
            render_config=RenderConfig(load_method=LoadMode.DBT_MANIFEST, select=select, exclude=exclude),
            execution_config=ExecutionConfig(dbt_project_path=project),
        )
        graph.load_from_dbt_manifest()
        selected[name] = {i for i, node in graph.filtered_nodes.items() if node.resource_type.value in BUILT}
    return selected


def _models_and_seeds(manifest: dict, under: str = "") -> set[str]:
    return {
        i
        for i, node in manifest["nodes"].items()
        if node["resource_type"] in BUILT
        and node["package_name"] == "hornsten"
        and node["original_file_path"].startswith(under)
    }


def test_the_dags_selectors_are_defined():
    assert sorted(["survey_staging", "components", "dialogue", "remiss", "goals"]) == SELECTORS


def test_every_selector_selects_something(cosmos_selected):
    assert {name for name, nodes in cosmos_selected.items() if not nodes} == set()


def test_every_mart_is_built_by_exactly_one_selector(parsed, cosmos_selected):
    marts = _models_and_seeds(parsed["json"], "models/marts/")
    assert marts, "no marts found in the manifest"
    owners = {mart: sorted(name for name, nodes in cosmos_selected.items() if mart in nodes) for mart in marts}
    assert {mart: names for mart, names in owners.items() if len(names) != 1} == {}


def test_every_model_and_seed_is_built_by_some_selector(parsed, cosmos_selected):
    built = set().union(*cosmos_selected.values())
    assert sorted(_models_and_seeds(parsed["json"]) - built) == []


def test_the_tagging_chain_is_shared_by_the_phases(cosmos_selected):
    chain = {i for i in cosmos_selected["components"] if i.startswith("model.hornsten.int_text")}
    assert {
        "model.hornsten.int_texts",
        "model.hornsten.int_text_words",
        "model.hornsten.int_text_term_matches",
        "model.hornsten.int_text_components",
    } <= chain
    assert chain <= cosmos_selected["dialogue"] and chain <= cosmos_selected["remiss"]
    assert "model.hornsten.cornerstones" not in cosmos_selected["dialogue"] | cosmos_selected["remiss"]


@pytest.mark.parametrize("name", SELECTORS)
def test_dbt_ls_selects_what_cosmos_renders(name, parsed, cosmos_selected):
    from dbt.cli.main import dbtRunner

    result = dbtRunner(manifest=parsed["manifest"]).invoke(
        [
            "ls",
            "--selector",
            name,
            "--resource-type",
            "model",
            "--resource-type",
            "seed",
            "--output",
            "json",
            "--output-keys",
            "unique_id",
            *parsed["args"],
        ]
    )
    assert result.success, result.exception
    assert {json.loads(line)["unique_id"] for line in result.result} == cosmos_selected[name]
