"""Networks drawn from the knowledge graph, and the pictures made from them.

- :mod:`~cyberkg.network.projections`: the projections, counted by SPARQL in the store, as networkx graphs;
- :mod:`~cyberkg.network.filters`: which events take part (dates, output, instrument, topic, status);
- :mod:`~cyberkg.network.attributes`: the nodes' attributes; :mod:`~cyberkg.network.metrics`: their metrics;
- :mod:`~cyberkg.network.formats` and :mod:`~cyberkg.network.export`: the file formats, written atomically;
- :mod:`~cyberkg.network.drawing`, :mod:`~cyberkg.network.page`: PNG/SVG drawings and the offline HTML page;
- :mod:`~cyberkg.network.events`, :mod:`~cyberkg.network.timeline`, :mod:`~cyberkg.network.geography`:
  the timeline and the map.

Nothing heavy is imported here: networkx, matplotlib and pyoxigraph are imported by the functions that use them.
"""
