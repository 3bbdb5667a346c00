"""Names written differently from their labels in the graph resolve to the existing IRIs, with how they
matched; what does not resolve is returned unresolved with its closest candidates, never invented."""

from __future__ import annotations

import pytest

ID = "https://w3id.org/cyberkg/id/"


@pytest.fixture(scope="module")
def reference():
    from cyberkg.reader.reference import load_reference

    return load_reference()


@pytest.fixture(scope="module")
def gazetteer(reference):
    from cyberkg.reader.gazetteer import Gazetteer

    return Gazetteer(reference.cities, reference.country_names)


def test_organisations(reference):
    written = ["Council of Europe (CoE)", "COUNCIL OF EUROPE", "Councl of Europe", "Conseil de l'Europe", "CoE",
               "UNODC", "Organisation for Economic Cooperation and Development", "UNODC Vienna", "World Bank"]  # fmt: skip
    assert [(found.iri, found.how) for found in (reference.organisation_index.resolve(name) for name in written)] == [
        (ID + "organisation/council-of-europe", "without brackets"),
        (ID + "organisation/council-of-europe", "exact"),
        (ID + "organisation/council-of-europe", "fuzzy 97"),
        (ID + "organisation/council-of-europe", "exact"),
        (ID + "organisation/council-of-europe", "exact"),
        (ID + "organisation/unodc", "exact"),
        (ID + "organisation/oecd", "fuzzy 99"),
        (None, "unresolved"),
        (None, "unresolved"),
    ]


def test_countries(gazetteer):
    written = ["Türkiye", "Turkey", "the Philippines", "Moldova (Republic of)", "Cote d’Ivoire", "Germny",
               "Kosovo*", "Atlantis", "“The former Yugoslav Republic of Macedonia”"]  # fmt: skip
    found = [gazetteer.resolve_country(name) for name in written]
    assert [(f.iri, f.how) for f in found] == [
        (ID + "country/TR", "exact"),
        (ID + "country/TR", "exact"),
        (ID + "country/PH", "exact"),
        (ID + "country/MD", "exact"),
        (ID + "country/CI", "exact"),
        (ID + "country/DE", "fuzzy 92"),
        (None, "code XK is not a country the graph holds"),
        (None, "unresolved"),
        (None, "unresolved"),
    ]
    assert [(c.name, c.score) for c in found[7].candidates] == [("Albania", 66.7)]


def test_places(gazetteer):
    written = ["Buenos Aires, Argentina", "STRASBOURG", "Strasbourgh", "Strasbour, France", "Bucarest", "Genève",
               "Asuncion, Paragay"]  # fmt: skip
    assert [
        tuple((city.slug, city.country, city.how, city.in_reference) for city in gazetteer.find(name))
        for name in written
    ] == [
        (("buenos-aires", "AR", "exact", True),),
        (("strasbourg", "FR", "exact", True),),
        (("strasbourg", "FR", "fuzzy 95", True),),
        (("strasbourg", "FR", "fuzzy 95", True),),
        (("bucharest", "RO", "other name (GeoNames)", True),),
        (("geneva", "CH", "other name (GeoNames)", True),),
        (("asuncion", "PY", "country fuzzy 93", True),),
    ]


def test_a_place_not_found_names_its_closest_reference_cities(gazetteer):
    from cyberkg.reader.gazetteer import PlaceError

    with pytest.raises(PlaceError) as raised:
        gazetteer.find("Strasbrg")
    assert str(raised.value) == (
        "no city 'Strasbrg' in the reference cities or GeoNames (closest reference cities: Strasbourg (89))"
    )


def test_instruments(reference):
    written = ["Budapest Convention", "CETS No.185", "ETS 185", "Treaty 189", "Convention sur la cybercriminalité",
               "Additional Protocol on Xenophobia and Racism", "Lanzarote Convention", "Convention on Cybercrme",
               "Second Additional Protocol"]  # fmt: skip
    assert [(found.iri, found.how) for found in (reference.instrument_index.resolve(name) for name in written)] == [
        (ID + "instrument/ets-185", "exact"),
        (ID + "instrument/ets-185", "exact"),
        (ID + "instrument/ets-185", "exact"),
        (ID + "instrument/ets-189", "exact"),
        (ID + "instrument/ets-185", "exact"),
        (ID + "instrument/ets-189", "exact"),
        (ID + "instrument/cets-201", "exact"),
        (ID + "instrument/ets-185", "fuzzy 98"),
        (None, "unresolved"),
    ]


def test_ambiguous_fuzzy_matches_are_not_resolved():
    from cyberkg.reader.resolving import NameIndex

    index = NameIndex("place", [("Georgia", "x:GE"), ("Georgie", "x:GX"), ("Gorgias", "x:GO")])
    found = index.resolve("Georgi")  # 92 for two nodes: too close to choose
    assert (found.iri, [(c.iri, c.score) for c in found.candidates]) == (
        None,
        [("x:GE", 92.3), ("x:GX", 92.3), ("x:GO", 76.9)],
    )
    assert (index.resolve("Georgia ").iri, index.resolve("Gorgia").iri) == ("x:GE", None)
