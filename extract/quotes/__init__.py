"""Quotes and claims and who said them: quoted spans, reporting cues, speakers."""
