"""Evaluate: how far to trust the numbers.

In: annotated datasets (VADER's rated snippets, NewsMTSC, PolNeAR). Out: metrics tables per scorer
and per attribution rule, and the training recipes of the trained scorers. Depends on text, tone,
people and analyze; nothing depends on it but reports and the CLI.
"""
