"""People: who says what, about whom.

In: cleaned paragraphs and the spaCy pipeline (`people.nlp.load_pipeline`). Out: quotes and reported
speech with their speakers, and actors (people, organisations, places, groups) with their mentions
and the clause around each. Depends on `newstone.text` and `newstone.tone`.
"""
