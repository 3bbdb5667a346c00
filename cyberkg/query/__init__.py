"""The named query library: reading ``.rq`` files, running them with bound parameters, showing the rows.

- :mod:`~cyberkg.query.library`: the queries, their ``#+`` headers, parameters bound as terms, results;
- :mod:`~cyberkg.query.formats`: a result as a table, CSV, TSV or SPARQL JSON;
- :mod:`~cyberkg.query.sources`: the ``sources`` column, the passages behind each row's IRIs.
"""
