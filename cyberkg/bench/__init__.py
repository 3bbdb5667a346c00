"""The benchmark against plain rdflib + pySHACL.

- :mod:`~cyberkg.bench.synthetic`: seeded synthetic graphs in the project's ontology, at any size;
- :mod:`~cyberkg.bench.worker`: one measured operation, run as ``python -m cyberkg.bench.worker`` in its own process;
- :mod:`~cyberkg.bench.runner`: the rows of the benchmark, each measured in a worker;
- :mod:`~cyberkg.bench.table`: the rows as a Markdown table.
"""
