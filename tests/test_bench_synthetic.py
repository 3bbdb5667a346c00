"""The synthetic generator writes the same bytes as before it streamed, and makes its text a chunk at a time.

The checksums were taken from the generator as it was before it wrote as it goes (it built the
whole text in memory, commit 11398b3), on a fixed reference so that edits to the curated graph do
not move them. Any change to what the generator writes shows here first.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from cyberkg.bench import synthetic
from cyberkg.bench.synthetic import PREFIXES, Convention, Reference, generate, generate_addition, plan_graph
from cyberkg.rdf.turtle import subject_block

FIXED_REFERENCE = Reference(
    countries=("at", "be", "de", "fr", "ie", "it", "nl", "pt"),
    conventions=(
        Convention("ets-185", dt.date(2001, 11, 23)),
        Convention("ets-189", dt.date(2003, 1, 28)),
        Convention("cets-201", dt.date(2007, 10, 25)),
    ),
    instruments=("cets-201", "ets-185", "ets-189"),
    topics=("child-protection", "cybercrime-legislation", "electronic-evidence"),
)
CURATED_TRIPLES = 500
CHECKSUM_10K = "8f8adf4baed2b0bf63117da021490c5f4d367e47fe300ae30511cf8709e8b055"  # 10k, seeded


@pytest.fixture
def fixed_reference(monkeypatch: pytest.MonkeyPatch) -> Reference:
    monkeypatch.setattr(synthetic, "read_reference", lambda checkout=None: FIXED_REFERENCE)
    return FIXED_REFERENCE


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    ("size", "seeded", "checksum", "counts"),
    [
        (1_000, True, "99bd52717485b91f40dabd289cc904aa3def389619185ec413ff0a136f11332c", (632, 5, 15, 7)),
        (10_000, True, CHECKSUM_10K, (9534, 173, 68, 7)),
        (10_000, False, "a038242d942b2d452c9754471f2ee8e202c788fff8a8eb1c324ae38b32916817", (9540, 173, 68, 0)),
    ],
)
def test_the_generator_writes_the_bytes_it_wrote_before_it_streamed(
    tmp_path: Path, fixed_reference: Reference, size: int, seeded: bool, checksum: str, counts: tuple[int, ...]
) -> None:
    graph = generate(size, tmp_path / "graph.ttl", curated_triples=CURATED_TRIPLES, seeded=seeded)
    assert sha256(graph.path) == checksum
    assert (graph.triples, graph.events, graph.treaty_actions, len(graph.violations)) == counts


def test_an_addition_writes_the_bytes_it_wrote_before_it_streamed(tmp_path: Path, fixed_reference: Reference) -> None:
    base = generate(10_000, tmp_path / "graph.ttl", curated_triples=CURATED_TRIPLES, seeded=False)
    addition = generate_addition(base, 1000, tmp_path / "addition.ttl")
    assert sha256(addition.path) == "717b47db90c8c132e403c455aa8b31f728b03243e7bfc1c8ff715465c08a04f1"
    assert (addition.triples, addition.events) == (1003, 22)


def test_the_text_is_made_a_chunk_at_a_time_as_it_is_asked_for(
    fixed_reference: Reference, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = plan_graph(10_000, curated_triples=CURATED_TRIPLES)
    made: list[str] = []  # every subject block's text, in the order the generator makes them

    def recording_block(subject: str, pairs: list[tuple[str, str]]) -> str:
        made.append(subject_block(subject, pairs))
        return made[-1]

    monkeypatch.setattr(synthetic, "subject_block", recording_block)
    chunks = plan.chunks(chunk_chars=4096)
    assert made == []  # nothing is generated before the first chunk is asked for
    first = next(chunks)
    made_for_first = list(made)
    # The first chunk is the prefixes and exactly the blocks made so far: it ends with the block that took it
    # past 4096 characters, and no block beyond it has been made yet.
    assert first == "\n".join([PREFIXES, *made_for_first])
    assert len(first) - len(made_for_first[-1]) - 1 < 4096 <= len(first)
    rest = list(chunks)
    assert len(made_for_first) < len(made)
    assert len(rest) >= 2
    whole = "".join([first, *rest])
    assert whole == "\n".join([PREFIXES, *made])
    assert hashlib.sha256(whole.encode("utf-8")).hexdigest() == CHECKSUM_10K


def test_the_plan_counts_what_its_chunks_write(tmp_path: Path, fixed_reference: Reference) -> None:
    plan = plan_graph(10_000, curated_triples=CURATED_TRIPLES)
    graph = generate(10_000, tmp_path / "graph.ttl", curated_triples=CURATED_TRIPLES)
    assert plan.graph(graph.path) == graph
    assert (plan.triples, plan.events, plan.treaty_actions, len(plan.violations)) == (9534, 173, 68, 7)
