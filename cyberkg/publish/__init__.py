"""Publishing: a versioned, deterministic release of the graph and documentation of the ontology.

(The package is ``publish`` because ``build/`` folders are git-ignored; the command is ``cyberkg build``.)

- :mod:`cyberkg.publish.serialise`: Turtle, N-Triples and JSON-LD, the same bytes for the same triples;
- :mod:`cyberkg.publish.description`: the VoID and DCAT description of a release;
- :mod:`cyberkg.publish.docs`: the HTML documentation of the ontology (pyLODE, plus example instances);
- :mod:`cyberkg.publish.release`: every file of a build, written or checked against what is on disk.
"""
