"""The DAGs and the runtime package never need the demo.

The Airflow image installs the project without the ``demo`` extra (no Faker), so a
DAG or a runtime module that imported ``hornsten.demo`` would fail there. The
imports run in a fresh interpreter: this test session has long imported the demo
(the integration fixtures generate samples).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEMO_MODULES = ("hornsten.demo", "faker")

_PROBE = """
import importlib, json, sys
from pathlib import Path

what, target, out = sys.argv[1:4]
imported = []
if what == "dags":
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=target)
    imported = sorted(bag.dag_ids)
    errors = {str(k): str(v) for k, v in bag.import_errors.items()}
else:
    # From the file tree: pkgutil.walk_packages would import hornsten.demo to look inside it.
    root = Path(target)
    errors = {}
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root.parent).with_suffix("").parts
        if parts[1] in ("demo", "cli"):
            continue
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        try:
            importlib.import_module(name)
            imported.append(name)
        except Exception as error:
            errors[name] = repr(error)
loaded = sorted(m for m in sys.modules if m.split(".")[0] == "faker" or m.startswith("hornsten.demo"))
Path(out).write_text(json.dumps({"imported": imported, "errors": errors, "demo": loaded}))
"""


def _probe(what: str, target: str, tmp_path: Path) -> dict:
    out = tmp_path / f"{what}.json"
    env = dict(os.environ)
    # This checkout's package, whatever the virtual environment's editable install points at.
    env["PYTHONPATH"] = os.pathsep.join([str(REPO / "include"), *filter(None, [env.get("PYTHONPATH")])])
    completed = subprocess.run(
        [sys.executable, "-c", _PROBE, what, target, str(out)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-4000:]
    return json.loads(out.read_text())


def test_importing_every_dag_loads_neither_the_demo_nor_faker(tmp_path):
    result = _probe("dags", str(REPO / "dags"), tmp_path)
    assert result["errors"] == {}
    assert "hornsten_survey_ingest" in result["imported"]
    assert result["demo"] == [], f"the DAGs pull in the demo: {result['demo']}"


def test_the_runtime_package_does_not_need_the_demo(tmp_path):
    """Every module but the demo and the developer's CLI (which offers the demo on demand)."""
    result = _probe("package", str(REPO / "include" / "hornsten"), tmp_path)
    assert result["errors"] == {}
    assert {"hornsten.survey.rows", "hornsten.airflow.alerts", "hornsten.privacy.pseudonymise"} <= set(
        result["imported"]
    )
    assert result["demo"] == [], f"the runtime package pulls in the demo: {result['demo']}"


def _pyproject() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def test_faker_is_a_pinned_demo_extra_that_dev_includes_and_the_lock_lists():
    project = _pyproject()["project"]
    assert not any(d.casefold().startswith("faker") for d in project["dependencies"])
    extras = project["optional-dependencies"]
    (pin,) = [d for d in extras["demo"] if d.casefold().startswith("faker")]
    assert re.fullmatch(r"faker==\d+\.\d+\.\d+", pin)
    assert "hornsten[demo]" in extras["dev"]
    locked = (REPO / "constraints.txt").read_text(encoding="utf-8").casefold().splitlines()
    assert pin.casefold() in locked


def test_the_airflow_image_installs_the_project_without_extras():
    dockerfile = (REPO / "docker" / "Dockerfile").read_text(encoding="utf-8")
    installs = re.findall(r"^RUN .*\bpip install\b.*$", dockerfile, flags=re.M)
    assert installs
    for line in installs:
        assert not re.search(r"\.\[", line), f"the image installs an extra: {line}"


def test_package_data_ships_every_demo_data_file():
    """A non-editable install must have the phrase bank: package-data covers every file under demo/data."""
    patterns = _pyproject()["tool"]["setuptools"]["package-data"]["hornsten"]
    package = REPO / "include" / "hornsten"
    files = list((package / "demo" / "data").rglob("*.yml"))
    assert files
    shipped = {p for pattern in patterns for p in package.glob(pattern)}
    assert not [str(p.relative_to(package)) for p in files if p not in shipped]
