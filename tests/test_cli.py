from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from newsgraph.output.cli import app

from .conftest import EXAMPLES

runner = CliRunner()


@pytest.fixture(scope="module")
def built(tmp_path_factory, nlp):
    out = tmp_path_factory.mktemp("built")
    result = runner.invoke(app, ["build", str(EXAMPLES), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_build_writes_the_four_files_and_a_report(built):
    assert {p.name for p in built.iterdir()} == {"graph.ttl", "graph.trig", "graph.html", "report.json"}
    report = json.loads((built / "report.json").read_text())
    assert report["documents_read"] == 7 and report["skipped"] == [] and report["valid"] is True
    assert report["quotes"] > 10 and report["entities"]["Person"] > 5


def test_bad_inputs_are_named_the_rest_is_built_and_exit_is_nonzero(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(EXAMPLES / "03-drought-report.txt", src)
    (src / "empty.txt").write_text("", encoding="utf-8")
    (src / "bad.jsonl").write_text('{"id": "x", "text": "Fine."}\n{oops\n', encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(src), str(tmp_path / "missing.txt"), "--out", str(out)])
    assert result.exit_code == 1
    assert f"skipped {src / 'empty.txt'}: empty file" in result.output
    assert f"skipped {src / 'bad.jsonl'}:2: not valid JSON" in result.output
    assert f"skipped {tmp_path / 'missing.txt'}: no such file or folder" in result.output
    report = json.loads((out / "report.json").read_text())
    assert report["documents_read"] == 2 and len(report["skipped"]) == 3
    assert not [p for p in out.iterdir() if p.name.startswith(".")], "no temporary files left behind"


def test_nothing_readable_is_an_error_and_writes_nothing(tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(tmp_path / "nothing.txt"), "--out", str(out)])
    assert result.exit_code == 1
    assert "no article could be read" in result.output
    assert not out.exists()


@pytest.mark.parametrize(
    "fmt, check",
    [
        ("csv", lambda s: s.splitlines()[0] == "name" and "Helena Marsh" in s),
        ("tsv", lambda s: "Helena Marsh" in s),
        ("json", lambda s: any(b["name"]["value"] == "Helena Marsh" for b in json.loads(s)["results"]["bindings"])),
        ("table", lambda s: "Helena Marsh" in s),
    ],
)
def test_query_formats(built, fmt, check):
    q = "SELECT ?name WHERE { ?p a ng:Person ; rdfs:label ?name } ORDER BY ?name"
    result = runner.invoke(app, ["query", str(built / "graph.ttl"), q, "--format", fmt])
    assert result.exit_code == 0, result.output
    assert check(result.stdout)


def test_query_json_keeps_datatypes_and_graph_answers_are_tables(built):
    q = "SELECT ?start ?text WHERE { ?q a ng:Quote ; ng:start ?start ; ng:text ?text } ORDER BY ?start LIMIT 1"
    result = runner.invoke(app, ["query", str(built), q, "--format", "json"])
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.stdout)["results"]["bindings"]
    assert row["start"] == {
        "type": "literal",
        "value": row["start"]["value"],
        "datatype": "http://www.w3.org/2001/XMLSchema#integer",
    }
    assert row["text"]["type"] == "literal" and "datatype" not in row["text"]
    construct = "CONSTRUCT { ?p rdfs:label ?n } WHERE { ?p a ng:Person ; rdfs:label ?n } LIMIT 2"
    result = runner.invoke(app, ["query", str(built), construct, "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "subject,predicate,object"
    assert len(result.stdout.splitlines()) == 3


def test_build_into_a_store_validates_when_asked(tmp_path, nlp):
    store = tmp_path / "store"
    result = runner.invoke(app, ["build", str(EXAMPLES), "--into", str(store), "--validate"])
    assert result.exit_code == 0, result.output
    assert "SHACL" in result.output and "valid" in result.output
    result = runner.invoke(app, ["build", str(EXAMPLES), "--into", str(store), "--no-validate"])
    assert result.exit_code == 0, result.output
    assert "SHACL" not in result.output


def test_query_syntax_error_names_line_and_column(built):
    result = runner.invoke(app, ["query", str(built), "SELECT ?x\nWHERE { ?x ?p }"])
    assert result.exit_code == 1
    assert result.output == "error: SPARQL syntax error at line 2, column 9: this triple pattern lacks an object\n"


def test_query_from_file_against_the_directory(built, tmp_path):
    rq = tmp_path / "q.rq"
    rq.write_text("ASK { ?q a ng:Quote }", encoding="utf-8")
    result = runner.invoke(app, ["query", str(built), "--file", str(rq)])
    assert result.exit_code == 0 and result.stdout.strip() == "yes"


def test_merge_two_runs_equals_one(built, tmp_path):
    from rdflib import Dataset

    from .graph.conftest import assert_same_graph, without_runs

    a, b = tmp_path / "a", tmp_path / "b"
    files = sorted(EXAMPLES.iterdir())
    assert runner.invoke(app, ["build", *map(str, files[:3]), "--out", str(a)]).exit_code == 0
    assert runner.invoke(app, ["build", *map(str, files[3:]), "--out", str(b)]).exit_code == 0
    merged = tmp_path / "m"
    result = runner.invoke(app, ["merge", str(a / "graph.trig"), str(b / "graph.trig"), "--out", str(merged)])
    assert result.exit_code == 0, result.output
    one, two = Dataset(), Dataset()
    one.parse(built / "graph.trig", format="trig")
    two.parse(merged / "graph.trig", format="trig")
    assert_same_graph(without_runs(one), without_runs(two))


def test_merge_of_a_broken_file_is_one_clear_line(tmp_path):
    bad = tmp_path / "bad.trig"
    bad.write_text("this is not trig {", encoding="utf-8")
    result = runner.invoke(app, ["merge", str(bad), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert result.output.startswith(f"error: {bad}: not a readable trig graph")


@pytest.mark.parametrize("command", ["build", "merge", "query", "validate", "view", "remove", "export", "serve"])
def test_every_command_has_help(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "Usage" in result.output


def test_view_focus_and_unknown_name(built, tmp_path):
    page = tmp_path / "v.html"
    result = runner.invoke(app, ["view", str(built), "--out", str(page), "--focus", "CTU", "--hops", "1"])
    assert result.exit_code == 0, result.output
    assert "Coastal Transport Union" in page.read_text(encoding="utf-8")
    missing = runner.invoke(app, ["view", str(built), "--out", str(page), "--focus", "Nobody At All"])
    assert missing.exit_code == 1 and "no entity is named 'Nobody At All'" in missing.output


def test_version_and_short_help():
    from newsgraph.output.build import tool_version

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout == f"newsgraph {tool_version()}\n"
    for args in (["-h"], ["build", "-h"], ["query", "-h"]):
        shown = runner.invoke(app, args)
        assert shown.exit_code == 0 and "Usage: " in shown.stdout and "[OPTIONS]" in shown.stdout, args


def test_the_api_reads_one_string_as_one_article_and_rows_refuse_ask(nlp):
    from importlib.metadata import version

    import pytest

    import newsgraph
    from newsgraph.extract.errors import GraphError

    text = "Dana Holt, the mayor of Eastfield, said: “The pier reopens on Monday.”"
    kg = newsgraph.build(text)
    assert kg.report.documents_read == 1
    assert kg.rows("SELECT ?t WHERE { ?q a ng:Quote ; ng:text ?t }") == [{"t": "The pier reopens on Monday."}]
    with pytest.raises(GraphError, match="an ASK query has no rows"):
        kg.rows("ASK { ?s ?p ?o }")
    assert kg.query("ASK { ?s ?p ?o }").boolean is True
    assert newsgraph.__version__ == version("newsgraph")


def test_query_without_a_query_and_on_a_store_still_being_made(tmp_path):
    result = runner.invoke(app, ["query", str(tmp_path)])
    assert result.exit_code == 2 and "error: no query: give it as an argument or with --file" in result.output
    store = tmp_path / "new.store"
    (store / "records").mkdir(parents=True)
    (store / "lock").touch()  # what a first build has made before its first commit
    result = runner.invoke(app, ["query", str(store), "ASK {}"])
    assert result.exit_code == 1
    assert f"error: {store}: a store whose first build has not finished; try again when it has" in result.output


def test_json_prints_the_report_on_stdout_and_quiet_prints_nothing(tmp_path, nlp):
    import json

    from .conftest import EXAMPLES

    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(EXAMPLES), "--out", str(out), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == json.loads((out / "report.json").read_text(encoding="utf-8"))
    quiet = runner.invoke(app, ["build", str(EXAMPLES), "--out", str(out), "-q"])
    assert quiet.exit_code == 0 and quiet.stdout == ""
    merged = runner.invoke(app, ["merge", str(out / "graph.trig"), "--out", str(tmp_path / "m"), "--json"])
    assert merged.exit_code == 0 and json.loads(merged.stdout)["documents_read"] == 7


def test_query_piped_prints_every_value_whole_with_prefixed_names(tmp_path, nlp):
    from .conftest import EXAMPLES

    out = tmp_path / "out"
    assert runner.invoke(app, ["build", str(EXAMPLES), "--out", str(out)]).exit_code == 0
    sparql = "SELECT ?e ?n WHERE { ?e a ng:Person ; rdfs:label ?n } ORDER BY ?n LIMIT 2"
    result = runner.invoke(app, ["query", str(out), sparql])  # not a terminal: TSV, nothing cut
    assert result.exit_code == 0
    assert result.stdout == "e\tn\nngr:entity/amira-haddad\tAmira Haddad\nngr:entity/arthur-penrose\tArthur Penrose\n"


def test_build_reads_articles_from_stdin(tmp_path, nlp):
    import json

    text = "Dana Holt, the mayor of Eastfield, said: “The pier reopens on Monday.”\n"
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", "-", "--out", str(out), "--json"], input=text)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["documents_read"] == 1
    files = runner.invoke(app, ["query", str(out), "SELECT ?f { ?d a ng:Document ; ng:fileName ?f }"])
    assert files.stdout == "f\n<stdin>\n"
    lines = json.dumps({"id": "a", "text": text}) + "\n" + json.dumps({"id": "b", "text": text.replace("Dana", "Ana")})
    both = runner.invoke(app, ["build", "-", "--format", "jsonl", "--out", str(tmp_path / "j"), "--json"], input=lines)
    assert both.exit_code == 0 and json.loads(both.stdout)["documents_read"] == 2


FACTS_AT = """PREFIX ng: <https://w3id.org/newsgraph/ontology#>
SELECT DISTINCT ?s ?p ?o WHERE {
  ?a a ng:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; ng:confidence ?c .
  FILTER (?p IN (ng:ledBy, ng:memberOf, ng:holdsPosition) && ?c >= %s)
  ?s ?p ?o }"""
QUOTES = "PREFIX ng: <https://w3id.org/newsgraph/ontology#> SELECT ?q ?t WHERE { ?q ng:text ?t }"
SPEAKERS_AT = """PREFIX ng: <https://w3id.org/newsgraph/ontology#>
SELECT ?s ?q WHERE { ?s ng:said ?q . ?q a ng:Quote ; ng:confidence ?c FILTER (?c >= %s) }"""


def test_min_confidence_keeps_the_sure_facts_and_speakers_and_every_quote(built, tmp_path):
    from newsgraph.graph.source import open_dataset

    sure = tmp_path / "sure"
    result = runner.invoke(app, ["build", str(EXAMPLES), "--out", str(sure), "--min-confidence", "0.9"])
    assert result.exit_code == 0, result.output
    full, kept = open_dataset(built), open_dataset(sure)
    facts = lambda ds, c: {tuple(r) for r in ds.query(FACTS_AT % c)}
    assert facts(kept, 0) == facts(full, 0.9) != facts(full, 0)  # every sure fact, no unsure one
    assert {tuple(r) for r in kept.query(QUOTES)} == {tuple(r) for r in full.query(QUOTES)}
    speakers = lambda ds, c: {tuple(r) for r in ds.query(SPEAKERS_AT % c)}
    assert speakers(kept, 0) == speakers(full, 0.9) != speakers(full, 0)  # a quote keeps a sure speaker only
    page = tmp_path / "sure.html"
    assert runner.invoke(app, ["view", str(built), "--out", str(page), "--min-confidence", "0.9"]).exit_code == 0
    assert page.stat().st_size > 0


def test_a_store_keeps_every_fact(tmp_path):
    result = runner.invoke(app, ["build", str(EXAMPLES), "--into", str(tmp_path / "s"), "--min-confidence", "0.9"])
    assert result.exit_code == 1
    assert f"export it with 'newsgraph export {tmp_path / 's'} --min-confidence'" in result.output
    assert not (tmp_path / "s").exists()
    assert runner.invoke(app, ["build", str(EXAMPLES), "--into", str(tmp_path / "s")]).exit_code == 0
    out = tmp_path / "sure"
    result = runner.invoke(app, ["export", str(tmp_path / "s"), "--out", str(out), "--min-confidence", "0.9"])
    assert result.exit_code == 0, result.output
    from newsgraph.graph.source import open_dataset

    store, sure = open_dataset(tmp_path / "s"), open_dataset(out)
    facts = lambda ds, c: {tuple(r) for r in ds.query(FACTS_AT % c)}
    assert facts(sure, 0) == facts(store, 0.9) != facts(store, 0)


def test_build_prints_a_line_per_stage_on_stderr_and_counts_the_articles(tmp_path, nlp):
    import re

    from newsgraph.output.build import count_articles

    from .conftest import EXAMPLES

    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(EXAMPLES), "--out", str(out), "--json"])
    assert result.exit_code == 0, result.output
    stages = result.stderr.splitlines()
    assert [line.split()[0] for line in stages] == ["parse", "resolve", "write"]
    assert re.fullmatch(r"parse    7 articles in \d+\.\d s", stages[0])
    assert re.fullmatch(r"resolve  41 entities in \d+\.\d s", stages[1])
    assert re.fullmatch(r"write    4 files in \d+\.\d s", stages[2])
    assert runner.invoke(app, ["build", str(EXAMPLES), "--out", str(out), "-q"]).stderr == ""
    lines = tmp_path / "more.jsonl"
    lines.write_text('{"text": "One."}\n\n{"text": "Two."}\n{"text": "Three."}\n', encoding="utf-8")
    assert count_articles([EXAMPLES, lines, "no-such-file.txt"]) == 7 + 3
