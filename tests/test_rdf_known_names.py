"""Issue 21: one resolver for the names people type (cyberkg.rdf.known_names.resolve_name), used alike by
`query --param`, run_query and the filters of networks, timeline and map."""

from __future__ import annotations

import pytest

import cyberkg
from cyberkg.cli import main
from cyberkg.errors import InputError, QueryError
from cyberkg.rdf.known_names import expand_name, kind_prefixes, resolve_name

ID = "https://w3id.org/cyberkg/id/"
ETS_185 = ID + "instrument/ets-185"


def test_the_kinds_of_instance_are_prefixes_beside_those_of_the_project():
    prefixes = kind_prefixes()
    assert (prefixes["instrument"], prefixes["inst"], prefixes["event-series"], prefixes["series"]) == (
        ID + "instrument/",
        ID + "instrument/",
        ID + "event-series/",
        ID + "event-series/",
    )


@pytest.mark.parametrize(
    "text, iri",
    [
        (ETS_185, ETS_185),
        ("instrument:ets-185", ETS_185),
        ("inst:ets-185", ETS_185),
        ("topic:judicial-training", ID + "topic/judicial-training"),
        ("ets-185", None),
        ("nope:thing", None),
        ("instrument:", None),
    ],
)
def test_a_full_iri_or_a_known_prefix_expands(text, iri):
    assert expand_name(text) == iri


@pytest.mark.parametrize(
    "text, namespace, iri",
    [
        ("ets-185", ID + "instrument/", ETS_185),
        ("instrument:ets-185", ID + "instrument/", ETS_185),
        ("  ets-185 ", ID + "instrument/", ETS_185),
        ("Convention on Cybercrime", ID + "instrument/", ETS_185),  # rdfs:label, any case
        ("budapest convention", ID + "instrument/", ETS_185),  # ckg:shortName
        ("Convention sur la cybercriminalité", ID + "instrument/", ETS_185),  # the French label
        ("ETS 185", ID + "instrument/", ETS_185),  # ckg:treatyNumber
        ("training of judges and prosecutors", ID + "topic/", ID + "topic/judicial-training"),  # skos:prefLabel
        ("AR", None, ID + "country/AR"),  # a bare name in the one kind that has it
        ("Argentina", None, ID + "country/AR"),
        ("strasbourg", None, ID + "city/strasbourg"),
        ("ets185", ID + "instrument/", "ets185"),  # nothing: as typed, for the caller to report
        ("Convention on Cybercrim", ID + "instrument/", "Convention on Cybercrim"),
        ("nope:thing", ID + "topic/", "nope:thing"),
    ],
)
def test_a_name_resolves_to_the_iri_the_graph_knows_it_by(store, text, namespace, iri):
    assert resolve_name(store, text, namespace, "--instrument") == iri


def test_a_label_of_several_things_is_refused_naming_them(store):
    with pytest.raises(InputError) as caught:
        resolve_name(store, "Luxembourg", None, "parameter thing")
    assert str(caught.value) == (
        f"parameter thing: the label 'Luxembourg' names several things: {ID}city/luxembourg, {ID}country/LU"
    )
    assert resolve_name(store, "Luxembourg", ID + "country/", "parameter country") == ID + "country/LU"


@pytest.mark.parametrize(
    "value", ["ets-185", "instrument:ets-185", "inst:ets-185", ETS_185, "Convention on Cybercrime", "ETS 185"]
)
def test_query_param_takes_every_short_form(capsys, value):
    assert main(["query", "meetings-promoting-accession", "--param", f"instrument={value}", "--format", "csv"]) in (
        None,
        0,
    )
    rows = capsys.readouterr().out.splitlines()
    assert [row.split(",")[0] for row in rows] == [
        "event",
        "https://w3id.org/cyberkg/id/event/2009-10-16-buenos-aires-visit",
    ]


@pytest.mark.parametrize("value", ["DE", "country:DE", "Germany"])
def test_a_parameter_without_a_default_takes_short_forms_too(value):
    """Treaty Office chart of Treaty No. 185: Germany's ratification and the entry into force for it."""
    rows = cyberkg.run_query("treaty-actions", state=value, instrument="ets-185").as_dicts()
    assert [(row["state"], row["date"]) for row in rows] == [
        (ID + "country/DE", "2009-03-09"),
        (ID + "country/DE", "2009-07-01"),
    ]


def test_a_label_the_graph_does_not_have_is_refused_with_the_nearest_name(capsys):
    assert main(["query", "meetings-promoting-accession", "--param", "instrument=Convention on Cybercrim"]) == 2
    assert capsys.readouterr().err == (
        "cyberkg: error: parameter instrument: nothing in the graph is named 'Convention on Cybercrim' "
        f"(did you mean <{ETS_185}>?)\n"
    )


def test_run_query_takes_date_from_and_date_to_for_from_and_to():
    """Update of 2 November 2009: the events of autumn 2009, the same whether from/to are given by keyword or alias."""
    by_alias = cyberkg.run_query("events-timeline", date_from="2009-10", date_to="2009-10").as_dicts()
    by_name = cyberkg.run_query("events-timeline", **{"from": "2009-10", "to": "2009-10"}).as_dicts()
    assert by_alias == by_name
    assert {row["from"] for row in by_alias} == {"2009-10"}


@pytest.mark.parametrize(
    "option, value",
    [
        ("--topic", "judicial-training"),
        ("--topic", "topic:judicial-training"),
        ("--topic", "Training of judges and prosecutors"),
        ("--topic", ID + "topic/judicial-training"),
    ],
)
def test_the_filters_take_every_short_form(capsys, tmp_path, option, value):
    out = tmp_path / "n.json"
    assert main(["export", "organisation-organisation", option, value, "-o", str(out)]) in (None, 0)
    assert capsys.readouterr().out == f"organisation-organisation: 13 nodes, 44 edges -> {out}\n"


@pytest.mark.parametrize("value", ["ets-185", "instrument:ets-185", "Budapest Convention", ETS_185])
def test_the_instrument_filter_takes_every_short_form(capsys, value):
    assert main(["network", "stats", "organisation-organisation", "--instrument", value, "--top", "0"]) in (None, 0)
    assert capsys.readouterr().out.splitlines()[0] == (
        "organisation-organisation: 15 nodes, 52 edges, 1 connected components (largest 15 nodes)"
    )


def test_a_filter_label_the_graph_does_not_have_is_exit_2_with_the_nearest_name(capsys):
    assert main(["network", "stats", "organisation-organisation", "--topic", "Judicial training"]) == 2
    assert capsys.readouterr().err == (
        "cyberkg: error: --topic: no topic named 'Judicial training' in the graph (did you mean 'judicial-training'?)\n"
    )


def test_an_unknown_name_for_a_parameter_without_a_kind_is_refused():
    with pytest.raises(QueryError) as caught:
        cyberkg.run_query("treaty-actions", state="Atlantis")
    assert str(caught.value) == "parameter state: nothing in the graph is named 'Atlantis'"
