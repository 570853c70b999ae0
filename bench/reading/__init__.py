"""Blind reading by ../shared/reading/RUBRIC.md: packets a reader gets (source, reference,
summaries labelled A, B, ... in a shuffled order) and the key that says who wrote which,
kept apart; the rubric's count of copied sentences."""
