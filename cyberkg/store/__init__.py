"""The one loader: from the data folders (:mod:`~cyberkg.store.checkout`) to a store.

- :mod:`~cyberkg.store.checkout`: which copy of the data folders is used (``--root``, a clone, the wheel);
- :mod:`~cyberkg.store.loading`: Turtle files into an Oxigraph store or an rdflib graph, with exact errors;
- :mod:`~cyberkg.store.saved`: the on-disk store kept while the files are unchanged (``--location``);
- :mod:`~cyberkg.store.embedded`: the store a command reads by default.
"""
