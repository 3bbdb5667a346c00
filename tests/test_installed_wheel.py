"""The built wheel carries its data: installed outside the checkout, `cyberkg demo` answers from any folder.

The wheel is built from this checkout and installed (without its dependencies, which the test environment
already has) into a folder of its own; Python runs from an unrelated folder with that folder first on its
path, so the package and its data can only come from the wheel.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("cyberkg-*.whl")
    return built


def _run(args: list[str], cwd: Path, target: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "CYBERKG_ROOT"}
    env["PYTHONPATH"] = str(target)
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_the_wheel_holds_every_data_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        f"cyberkg/data/{path.relative_to(ROOT).as_posix()}"
        for folder in ("ontology", "graph", "shapes", "queries")
        for path in (ROOT / folder).rglob("*")
        if path.is_file()
    }
    assert expected - names == set()


def test_the_wheel_carries_both_licences(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    metadata = archive.read("cyberkg-0.1.0.dist-info/METADATA").decode("utf-8").splitlines()
    assert [line for line in metadata if line.startswith(("License", "License-"))] == [
        "License-Expression: MIT AND CC-BY-4.0",
        "License-File: LICENSE",
        "License-File: LICENSE-DATA",
    ]
    assert sorted(name for name in archive.namelist() if "/licenses/" in name) == [
        "cyberkg-0.1.0.dist-info/licenses/LICENSE",
        "cyberkg-0.1.0.dist-info/licenses/LICENSE-DATA",
    ]


def test_demo_runs_from_the_installed_wheel_in_another_folder(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = _run(["-c", "import cyberkg.store.checkout as c; print(c.default_checkout())"], elsewhere, target)
    assert where.stdout.strip() == f"Checkout(root={target / 'cyberkg' / 'data'!r}, packaged=True)"
    installed = _run(["-m", "cyberkg", "demo"], elsewhere, target)
    from_checkout = subprocess.run(
        [sys.executable, "-m", "cyberkg", "demo"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert (installed.returncode, installed.stderr) == (0, "")
    assert installed.stdout == from_checkout.stdout


def test_add_refuses_to_write_into_the_installed_package(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    new = tmp_path / "new.ttl"
    new.write_text('<https://w3id.org/cyberkg/id/x> <http://www.w3.org/2000/01/rdf-schema#label> "x"@en .\n')
    added = _run(["-m", "cyberkg", "add", str(new)], tmp_path, target)
    assert (added.returncode, added.stdout) == (2, "")
    assert added.stderr == (
        f"cyberkg: error: {target / 'cyberkg' / 'data'}: the data shipped inside the installed "
        "package is read-only; give --root DIR (or set $CYBERKG_ROOT) to a working copy with "
        "ontology/, graph/, shapes/, queries/\n"
    )
