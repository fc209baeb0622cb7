"""The archive index: every paragraph already printed, so a draft can be checked against it.

``paragraphs`` decides which paragraphs count and their normalised key (those the repeat rules
compare), ``signature`` turns a key into a MinHash signature and LSH band keys, ``dates`` finds
when a paragraph was printed, ``index`` keeps all of it in one SQLite file, ``build`` reads files
into index records on one core or several, ``cluster`` does the same and the archive's
self-check on a Dask cluster, and ``commands`` is the ``zzlint archive`` command group. Only
``paragraphs`` and ``dates`` are light: the rest import datasketch, numpy or Dask, and only the
archive's own code paths import them.
"""


class ArchiveError(Exception):
    """An index that cannot be opened or used; the message is one line for the user."""
