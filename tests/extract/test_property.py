"""The extractor never crashes, whatever the text (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

MARKS = ["“", "”", "‘", "’", '"', "'", "«", "»", "\n", "\n\n", " ", ",", ":", "(", ")", "—"]
WORDS = [
    "Maryam Rajavi",
    "said",
    "the",
    "MEK",
    "(NCRI)",
    "leader of",
    "Mr.",
    "she",
    "told",
    "PMOI / MEK Iran",
    "Supreme Leader",
    "according to",
    "\u00a0",
    "\u202f",
    "…",
]

text_parts = st.lists(st.one_of(st.sampled_from(MARKS), st.sampled_from(WORDS), st.text(max_size=20)), max_size=60)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=text_parts)
def test_extractor_survives_any_text(extract_text, parts):
    text = " ".join(parts)
    x = extract_text(text)
    for q in x.quotes:
        assert 0 <= q.start <= q.end <= len(text)
        assert text[q.start : q.end] == q.text
    keys = {e.key for e in x.entities}
    assert all(f.subject in keys and (f.object is None or f.object in keys) for f in x.facts)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(min_value=1, max_value=3))
def test_very_long_lines_and_empty_paragraphs(extract_text, n):
    text = ("“Unclosed quote " + "word " * 3000) * n + "\n\n\n\n" + "\u201d" * 5 + '"' * 3
    x = extract_text(text)
    assert all(text[q.start : q.end] == q.text for q in x.quotes)
