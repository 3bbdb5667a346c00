"""The small RDF kernel that every capability shares, and nothing else.

- :mod:`cyberkg.rdf.namespaces`: every namespace IRI, written once, and the project's prefix table;
- :mod:`cyberkg.rdf.terms`: Oxigraph terms to rdflib terms and back, and literal text;
- :mod:`cyberkg.rdf.results`: a query's solutions or triples, typed by the form of the query;
- :mod:`cyberkg.rdf.labels`: the display label of IRIs, over any ``select`` (embedded store or endpoint);
- :mod:`cyberkg.rdf.turtle`: Turtle subject blocks and section banners (prefix lines are in ``namespaces``).

Nothing here imports another part of the package but :mod:`cyberkg.errors`.
"""
