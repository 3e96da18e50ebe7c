"""The hostile-input corpus: invented articles and the query texts an attacker or a careless
user sends. Each entry names what it tries; the tests in this folder use them."""

from __future__ import annotations

# An ordinary article, to build beside the hostile ones (invented names).
FINE = "Helena Marsh, the general secretary of the Coastal Transport Union, said: “We will strike on Monday.”\n"
OTHER = "Tomas Reyes, the finance minister of Eastland, said: “The budget is balanced.”\n"

# SERVICE written so that a scan of the text misses it, and the parser still reads it.
# ``{target}`` is the address of a listener the tests start on 127.0.0.1.
SERVICE_VARIANTS = {
    "plain": "SELECT * {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
    "lower case, silent": "select * {{ service silent <{target}> {{ ?s ?p ?o }} }}",
    "glued to a number after a path": "SELECT * {{ ?x ng:p? 1SERVICE <{target}> {{ ?a ?b ?c }} }}",
    "after a number and a path": "SELECT * {{ ?x ng:p? 1 SERVICE <{target}> {{ ?a ?b ?c }} }}",
    "after an escaped quote in a name": "SELECT * {{ ?x ng:a\\' SERVICE <{target}> {{ ?a ?b ?c }} }}",
    "spelled with a codepoint escape": "SELECT * {{ \\u0053ERVICE <{target}> {{ ?a ?b ?c }} }}",
    "after a comment ended by a carriage return": "SELECT * {{ # note\r SERVICE <{target}> {{ ?a ?b ?c }} }}",
    "in a subquery": "SELECT * {{ {{ SELECT * {{ SERVICE <{target}> {{ ?a ?b ?c }} }} }} }}",
    "in OPTIONAL": "SELECT * {{ ?s ?p ?o OPTIONAL {{ SERVICE <{target}> {{ ?a ?b ?c }} }} }}",
    "a variable endpoint bound by VALUES": "SELECT * {{ VALUES ?e {{ <{target}> }} SERVICE ?e {{ ?a ?b ?c }} }}",
    "in an ASK": "ASK {{ SERVICE <{target}> {{ ?a ?b ?c }} }}",
    "in a CONSTRUCT": "CONSTRUCT {{ ?a ?b ?c }} WHERE {{ SERVICE <{target}> {{ ?a ?b ?c }} }}",
}

# Queries whose parse tree is deep enough to crash a parser on an 8 MB stack, with and
# without brackets (each was a segfault of `newsgraph query` and a dead serve worker).
DEEP_QUERIES = {
    "7,000 brackets": "SELECT * { FILTER(" + "(" * 7000 + "1" + ")" * 7000 + ") }",
    "brackets hidden behind escaped quotes in names": "SELECT * { ?s ng:a\\' ?o . ?s ng:b\\' ?o FILTER("
    + "(" * 7000
    + "1"
    + ")" * 7000
    + ") }",
    "10,000 '!'": "SELECT * { FILTER(" + "!" * 10000 + "true) }",
    "40,000 '1+'": "SELECT * { BIND(" + "1+" * 40000 + "1 AS ?x) }",
    "18,000 '|' in a path": "SELECT * { ?s " + "|".join(["ng:p"] * 18000) + " ?o }",
    "18,000 '/' in a path": "SELECT * { ?s " + "/".join(["ng:p"] * 18000) + " ?o }",
    "9,000 OPTIONAL{}": "SELECT * { " + "OPTIONAL{}" * 9000 + " }",
    "5,000 BIND": "SELECT * { " + " ".join(f"BIND(1 AS ?v{i})" for i in range(5000)) + " }",
    "a long || chain": "SELECT * { FILTER(" + "||".join(["true"] * 15000) + ") }",
    "a long && chain": "SELECT * { FILTER(" + "&&".join(["true"] * 15000) + ") }",
    "3,000 UNION": "SELECT * { " + " UNION ".join(["{}"] * 3000) + " }",
}

# Text that rich would read as markup, and control characters that act on a terminal.
MARKUP = "[/]"
LINK_MARKUP = "[link=https://example.org/x]click[/link]"
ESCAPE_SEQUENCE = "\x1b[31mred\x1b[0m"
