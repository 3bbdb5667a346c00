"""Issue 21: `make demo` installs only what running needs; `make test` adds the test tools (two stamps).

`make -n` prints what each target would run, in a fresh folder for the virtual environment, without running it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def planned(target: str, venv: Path) -> list[str]:
    # run as a top-level make, also when the suite itself runs under `make test`
    environment = {key: value for key, value in os.environ.items() if key not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    done = subprocess.run(
        ["make", "--no-print-directory", "-n", target, f"VENV={venv}", "PYTHON=python3"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.splitlines()


def test_make_demo_installs_the_package_without_its_test_tools(tmp_path):
    venv = tmp_path / ".venv"
    assert planned("demo", venv) == [
        f"python3 -m venv {venv}",
        f"{venv}/bin/python -m pip install --quiet --upgrade pip",
        f"{venv}/bin/python -m pip install --quiet -e .",
        f"touch {venv}/.installed-run",
        f"{venv}/bin/cyberkg demo",
    ]


def test_make_test_adds_the_test_tools_then_runs_the_suite(tmp_path):
    venv = tmp_path / ".venv"
    lines = planned("test", venv)
    assert lines[:6] == [
        f"python3 -m venv {venv}",
        f"{venv}/bin/python -m pip install --quiet --upgrade pip",
        f"{venv}/bin/python -m pip install --quiet -e .",
        f"touch {venv}/.installed-run",
        f'{venv}/bin/python -m pip install --quiet -e ".[test]"',
        f"touch {venv}/.installed-test",
    ]
    assert [line for line in lines if line.startswith(f"{venv}/bin/") and "pip" not in line] == [
        f"{venv}/bin/python -m pytest -q",
        f"{venv}/bin/ruff check cyberkg tests scripts",
        f"{venv}/bin/ruff format --check cyberkg tests scripts",
        f"{venv}/bin/lint-imports",
        f"{venv}/bin/mypy cyberkg",
    ]


def test_after_the_demo_make_test_installs_only_the_test_tools(tmp_path):
    venv = tmp_path / ".venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").touch()
    (venv / ".installed-run").touch()
    assert planned("install", venv) == [
        f'{venv}/bin/python -m pip install --quiet -e ".[test]"',
        f"touch {venv}/.installed-test",
    ]
    (venv / ".installed-test").touch()
    assert planned("demo", venv) == [f"{venv}/bin/cyberkg demo"]


def test_the_extras_keep_the_test_tools_out_of_the_dependencies():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = {requirement.split(">")[0].split("=")[0].split("!")[0] for requirement in project["dependencies"]}
    assert names & {"pytest", "hypothesis", "ruff", "pandas", "pydot", "mypy", "nbclient", "cffconvert"} == set()
    assert sorted(project["optional-dependencies"]) == ["notebook", "test"]
