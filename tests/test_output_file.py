"""``-o``: a FIFO, a device or ``-`` is written as it is and never replaced; a file is written atomically.

Errors are one line. Permission errors are tried as an ordinary user (``nobody`` when the tests run as
root, who may write anywhere).
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from cyberkg.cli import main
from cyberkg.errors import InputError
from cyberkg.output_file import write_output

ROOT = Path(__file__).resolve().parent.parent
NEWS = Path(__file__).resolve().parent / "reader" / "fixtures" / "project_news_glacy.txt"
NOBODY = 65534


def read_fifo(path: Path, into: list[bytes]) -> threading.Thread:
    def read() -> None:
        with path.open("rb") as fifo:
            into.append(fifo.read())

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread


def test_a_fifo_is_written_into_and_stays_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = read_fifo(fifo, received)
    write_output(fifo, "through the pipe\n")
    reader.join(10)
    assert received == [b"through the pipe\n"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["pipe"]  # no temporary file left beside it


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_a_device_is_written_into_and_stays_a_device(tmp_path: Path) -> None:
    null = tmp_path / "null"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # the device /dev/null is
    write_output(null, b"gone")
    assert stat.S_ISCHR(null.stat().st_mode)
    assert null.stat().st_rdev == os.makedev(1, 3)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["null"]


def test_a_dash_is_standard_output(capsysbinary) -> None:
    write_output("-", "on standard output\n")
    assert capsysbinary.readouterr().out == b"on standard output\n"


def test_a_regular_file_is_replaced_atomically(tmp_path: Path) -> None:
    target = tmp_path / "out.ttl"
    target.write_text("old")
    write_output(target, "new")
    assert target.read_text() == "new"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out.ttl"]


def test_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "out.ttl"
    with pytest.raises(InputError) as caught:
        write_output(target, "text")
    assert str(caught.value) == f"{target}: cannot write the output here: the folder does not exist"


def test_export_into_a_fifo_keeps_the_fifo(tmp_path: Path, capsys) -> None:
    fifo = tmp_path / "network.graphml"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = read_fifo(fifo, received)
    assert main(["export", "organisation-event", "-o", str(fifo)]) == 0
    reader.join(10)
    assert received[0].startswith(b"<?xml")
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert capsys.readouterr().out.endswith(f"-> {fifo}\n")


def test_export_csv_refuses_a_fifo_it_cannot_split(tmp_path: Path, capsys) -> None:
    fifo = tmp_path / "network"
    os.mkfifo(fifo)
    assert main(["export", "organisation-event", "-o", str(fifo), "--format", "csv"]) == 2
    assert capsys.readouterr().err == (
        f"cyberkg: error: {fifo}: csv writes two files (nodes and edges); give a file name, not a pipe or device\n"
    )


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder an ordinary user can enter (pytest's own are private to the user running the tests)."""
    folder = Path(tempfile.mkdtemp(prefix="cyberkg-output-"))
    folder.chmod(0o755)
    yield folder
    for path in folder.iterdir():
        path.chmod(0o755)
    shutil.rmtree(folder)


def _demotion() -> list[str]:
    """How to run a command without a superuser's powers, with setpriv (util-linux).

    As nobody where nobody can run this checkout's Python and import cyberkg; else (a checkout inside a
    folder only root may enter, as a private temporary folder) as root with every capability dropped, so
    that permissions are checked as for the folder's owner (a folder without write permission refuses).
    """
    if os.geteuid() != 0:
        return []
    nobody = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    probe = subprocess.run(
        [*nobody, sys.executable, "-c", "import cyberkg"],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd="/",
        capture_output=True,
        timeout=60,
    )
    return nobody if probe.returncode == 0 else ["setpriv", "--bounding-set=-all", "--inh-caps=-all"]


def as_ordinary_user(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*_demotion(), sys.executable, "-m", "cyberkg", *args],
        cwd=cwd,
        env={**os.environ, "HOME": str(cwd), "PYTHONPATH": str(ROOT), "MPLCONFIGDIR": str(cwd)},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("command", "code"),
    [
        (["read-report", str(NEWS)], 1),  # read-report exits 1 when some rows need review
        (["export", "organisation-event", "--format", "dot"], 0),
    ],
)
def test_dev_null_as_an_ordinary_user(command: list[str], code: int, shared_folder: Path) -> None:
    done = as_ordinary_user(*command, "-o", "/dev/null", cwd=shared_folder)
    assert "Traceback" not in done.stderr
    assert "No module named" not in done.stderr
    assert done.returncode == code
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.parametrize("command", [["read-report", str(NEWS)], ["export", "organisation-event", "--format", "dot"]])
def test_a_read_only_folder_is_one_line_as_an_ordinary_user(command: list[str], shared_folder: Path) -> None:
    locked = shared_folder / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    done = as_ordinary_user(*command, "-o", str(locked / "out"), cwd=shared_folder)
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == (
        f"cyberkg: error: {locked / 'out'}: cannot write the output here: permission denied on its folder"
    )
    assert sorted(locked.iterdir()) == []
