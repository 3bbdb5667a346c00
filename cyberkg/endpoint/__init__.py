"""A real SPARQL endpoint: remote queries, pushes by the Graph Store Protocol, an Oxigraph server.

- :mod:`cyberkg.endpoint.client`: run library queries on any SPARQL 1.1 server
  (:func:`run_remote`) and fetch a remote graph for validation (:func:`fetch_graph`);
- :mod:`cyberkg.endpoint.push`: replace a remote graph with the merged graph in one request;
- :mod:`cyberkg.endpoint.server`: load the curated graph into an on-disk store and serve it;
- :mod:`cyberkg.endpoint.binding`: parameters bound as a VALUES block of validated terms;
- :mod:`cyberkg.endpoint.transport`: credentials, one-line errors, bounded retries.
"""

from __future__ import annotations

from cyberkg.endpoint.client import Connection, fetch_graph, remote_labeler, run_remote
from cyberkg.endpoint.transport import Credentials, credentials_from_environment

__all__ = ["Connection", "Credentials", "credentials_from_environment", "fetch_graph", "remote_labeler", "run_remote"]
