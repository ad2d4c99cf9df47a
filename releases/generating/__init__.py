"""An archive of realistic releases generated in bulk, for benchmarks (`generate_releases N`).

- text.py: titles, leads and Markdown bodies from a vocabulary with a natural spread, each with
  the HTML the site's Markdown renderer makes of it and the plain text the search index reads.
- directory.py: enough agencies, people, press contacts and topics for a long-lived press room.
- archive.py: one release and its links (mentions, quotes, press contacts, topics) as rows.
- writers.py: the rows written with bulk_create (any database), or with COPY on PostgreSQL,
  the search vectors computed in the same statement and the indexes built once at the end.
"""
