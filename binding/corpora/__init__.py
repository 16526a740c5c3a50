"""Corpora: prompt sets with gold bindings (data files), their generators, and the scorer.

Gold is written in the spec's vocabulary: entity head spans, modifier spans with a kind,
relations between entities. Guidelines: docs/annotation.md.
"""
