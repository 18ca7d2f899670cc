"""Corpus: many documents scored into tables.

In: folders, files and tables of articles. Out: Parquet tables (documents, sentences, actors, errors)
written part by part, resumable, on local processes or a Dask cluster, and the corpus summary that
reports read back. Depends on text, tone, people and `newstone.analyze`.
"""
