"""Text: bytes to paragraphs to sentences.

In: a file or a table row (bytes, a path). Out: a decoded `Document`, its cleaned paragraphs
(with every removed piece and the rule that removed it) and sentences. Depends on nothing else in
newstone.
"""
