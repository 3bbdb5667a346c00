"""The report reader: turns a Council of Europe report or page (text, HTML or PDF) into draft Turtle.

One module per idea:

- :mod:`~cyberkg.reader.formats`: a file's format told by its content; the text of HTML (lxml) and PDF (pypdf);
- :mod:`~cyberkg.reader.decoding`: bytes to text (UTF-8, UTF-16, cp1252), reporting a wrong encoding;
- :mod:`~cyberkg.reader.normalising`: the form headings are matched in (NFKC, invisible characters out, case folded);
- :mod:`~cyberkg.reader.tables`: the report's layout (header, project data table, activity tables and rows);
- :mod:`~cyberkg.reader.news`: the news-items layout of project pages (title line, ``[City, date]`` dateline);
- :mod:`~cyberkg.reader.treaty_actions`: treaty-action titles in such lists ("X ratified Y (date, place)"), and
  the draft treaty action every layout makes;
- :mod:`~cyberkg.reader.treaty_chart`: the Treaty Office chart of signatures and ratifications;
- :mod:`~cyberkg.reader.quarterly`: the quarterly Cybercrime@CoE Update (highlights, dates to save);
- :mod:`~cyberkg.reader.programme`: a conference page with its programme (dated meetings, timed sessions);
- :mod:`~cyberkg.reader.layout_markers`: the words each layout is recognised by (``layouts.toml``);
- :mod:`~cyberkg.reader.markup`: the activity cell's paragraph tags, plain text and title;
- :mod:`~cyberkg.reader.dates`, :mod:`~cyberkg.reader.gazetteer`, :mod:`~cyberkg.reader.outputs`,
  :mod:`~cyberkg.reader.kinds`: reading one cell each;
- :mod:`~cyberkg.reader.project_data`: the project data table;
- :mod:`~cyberkg.reader.reference`: what the curated graph already names (cities, projects, organisations,
  countries, instruments);
- :mod:`~cyberkg.reader.resolving`: written names to the graph's nodes, exactly or fuzzily, with how;
- :mod:`~cyberkg.reader.draft`: assembling the draft; :mod:`~cyberkg.reader.turtle`: writing it;
- :mod:`~cyberkg.reader.diff`: comparing a draft with the curated graph;
- :mod:`~cyberkg.reader.review`: the review file a researcher reads before ``cyberkg add``;
- :mod:`~cyberkg.reader.reading`: :func:`read_report`, the entry point: detects (or is told) the layout and
  counts the items seen, drafted and only noted.

Nothing here prints; problems are returned as :class:`~cyberkg.reader.problems.Problem` values.
"""
