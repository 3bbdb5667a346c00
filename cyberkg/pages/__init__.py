"""A page for every entity of the graph: its facts with their sources, served and published.

- :mod:`addresses`: which IRIs have pages, and where each page lives in the site;
- :mod:`describe`: what the graph says about one entity, read through a ``select`` callable;
- :mod:`pictures`: the small timeline and map of an event, as inline SVG;
- :mod:`rdf_formats`: an entity's triples in Turtle, N-Triples and JSON-LD, and content negotiation;
- :mod:`render`: the Jinja2 templates (``templates/``) and the site's own style and script (``static/``);
- :mod:`site`: every file of the static site, computed in memory, byte-identical from one build to the next;
- :mod:`routes`: the answers of ``cyberkg serve`` under ``/id/`` and the other page paths;
- :mod:`front`: a small HTTP front that answers those paths and passes everything else to the SPARQL server.
"""
