"""Issue 21: the code is MIT (LICENSE), the data CC-BY-4.0 (LICENSE-DATA), CITATION.cff is valid CFF 1.2, and the
package metadata say the same."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

import cyberkg

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
DATA_FOLDERS = ["ontology/", "graph/", "shapes/", "queries/", "docs/examples/"]


def test_the_code_licence_is_mit():
    lines = (ROOT / "LICENSE").read_text(encoding="utf-8").splitlines()
    assert lines[:3] == ["MIT License", "", "Copyright (c) 2026 The cyberkg project"]


def test_the_data_licence_is_cc_by_4_and_names_every_data_folder():
    text = (ROOT / "LICENSE-DATA").read_text(encoding="utf-8")
    assert text.splitlines()[:2] == [
        "The data of cyberkg are licensed under the Creative Commons Attribution 4.0",
        "International licence (CC-BY-4.0): https://creativecommons.org/licenses/by/4.0/",
    ]
    named = [line.split()[0] for line in text.splitlines() if line.startswith("  ") and line.split()[0].endswith("/")]
    assert named == DATA_FOLDERS
    assert [folder for folder in DATA_FOLDERS if not (ROOT / folder).is_dir()] == []


def test_every_folder_the_wheel_ships_as_data_is_under_the_data_licence():
    shipped = PYPROJECT["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert sorted(f"{folder}/" for folder in shipped) == sorted(DATA_FOLDERS[:4])


def test_the_package_metadata_give_both_licences_and_their_files():
    project = PYPROJECT["project"]
    assert (project["license"], project["license-files"]) == ("MIT AND CC-BY-4.0", ["LICENSE", "LICENSE-DATA"])


def test_the_citation_file_is_valid_cff_1_2():
    checked = subprocess.run(
        [str(Path(sys.executable).parent / "cffconvert"), "--validate", "--infile", str(ROOT / "CITATION.cff")],
        capture_output=True,
        text=True,
    )
    assert (checked.returncode, checked.stdout) == (
        0,
        "Citation metadata are valid according to schema version 1.2.0.\n",
    )


def test_the_citation_file_agrees_with_the_package():
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert (citation["cff-version"], citation["version"], citation["license"], citation["authors"]) == (
        "1.2.0",
        cyberkg.__version__,
        "MIT",
        [{"name": PYPROJECT["project"]["authors"][0]["name"]}],
    )
