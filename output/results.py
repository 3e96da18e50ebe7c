"""SPARQL query results as bytes: SPARQL 1.1 JSON, CSV and TSV for tables and ASK answers,
Turtle or N-Triples for graphs. The one writer behind ``newsgraph query`` and ``serve``."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pyoxigraph as ox

from newsgraph.graph.query import Result, Term
from newsgraph.ontology import PREFIXES

JSON, CSV, TSV = "application/sparql-results+json", "text/csv", "text/tab-separated-values"
XML = "application/sparql-results+xml"
TURTLE, NTRIPLES = "text/turtle", "application/n-triples"
RDF_XML, JSON_LD = "application/rdf+xml", "application/ld+json"
TABLE_TYPES = (JSON, CSV, TSV, XML)
GRAPH_TYPES = (TURTLE, NTRIPLES, RDF_XML, JSON_LD)
_GRAPH_FORMATS = {
    TURTLE: ox.RdfFormat.TURTLE,
    NTRIPLES: ox.RdfFormat.N_TRIPLES,
    RDF_XML: ox.RdfFormat.RDF_XML,
    JSON_LD: ox.RdfFormat.JSON_LD,
}
_SPARQL_RESULTS = "http://www.w3.org/2005/sparql-results#"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_STRING = _XSD + "string"


def term_json(t: Term) -> dict[str, str]:
    """A term as SPARQL 1.1 Query Results JSON writes it (datatype and language kept).

    >>> term_json(ox.Literal("3", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
    {'type': 'literal', 'value': '3', 'datatype': 'http://www.w3.org/2001/XMLSchema#integer'}
    >>> term_json(ox.Literal("Paris", language="fr"))
    {'type': 'literal', 'value': 'Paris', 'xml:lang': 'fr'}
    """
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        out = {"type": "literal", "value": t.value}
        if t.language:
            out["xml:lang"] = t.language
        elif t.datatype is not None and t.datatype.value != _XSD_STRING:
            out["datatype"] = t.datatype.value
        return out
    return {"type": "triple", "value": str(t)}  # RDF-star quoted triples


def term_short(t: Term) -> str:
    """A term as a table shows it: an IRI by its prefixed name where a predefined prefix fits
    (``ngr:entity/tony-blair``), a literal by its text.

    >>> term_short(ox.NamedNode("https://w3id.org/newsgraph/id/entity/tony-blair"))
    'ngr:entity/tony-blair'
    """
    if isinstance(t, ox.NamedNode):
        for prefix, space in sorted(PREFIXES.items(), key=lambda p: -len(p[1])):
            if t.value.startswith(space) and len(t.value) > len(space):
                return f"{prefix}:{t.value[len(space) :]}"
    return term_text(t)


def term_text(t: Term) -> str:
    """A term as a plain value: an IRI or the literal's text (what CSV and tables show)."""
    if t is None:
        return ""
    return t.value if isinstance(t, (ox.NamedNode, ox.Literal, ox.BlankNode)) else str(t)


# A CSV cell a spreadsheet would run as a formula (=HYPERLINK(...), +cmd, @SUM, ...): article
# text can hold one, and a user opens query answers in a spreadsheet.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(t: Term) -> str:
    """A term as a CSV cell; a text that starts like a formula gets a leading ``'`` (the
    spreadsheet convention for "this is text"); numbers and IRIs are written as they are.

    >>> csv_cell(ox.Literal("=HYPERLINK(1)")), csv_cell(ox.Literal("-3", datatype=ox.NamedNode(_XSD + "integer")))
    ("'=HYPERLINK(1)", '-3')
    """
    text = term_text(t)
    textual = isinstance(t, ox.Literal) and (t.language or t.datatype is None or t.datatype.value == _XSD_STRING)
    return spreadsheet_safe(text) if textual else text


def spreadsheet_safe(text: str) -> str:
    """A text for a CSV cell: one that starts like a formula gets a leading ``'``.

    >>> spreadsheet_safe("=SUM(A1)"), spreadsheet_safe("Tony Blair")
    ("'=SUM(A1)", 'Tony Blair')
    """
    return "'" + text if text.startswith(_FORMULA_START) else text


def results_xml(result: Result) -> bytes:
    """A SELECT or ASK answer in the SPARQL Query Results XML Format (what SPARQLWrapper and
    rdflib's SPARQLStore ask for by default), written with the standard library's ElementTree.

    >>> results_xml(Result("boolean", boolean=True)).decode().endswith("<boolean>true</boolean></sparql>")
    True
    """
    root = ET.Element("sparql", xmlns=_SPARQL_RESULTS)
    head = ET.SubElement(root, "head")
    if result.kind == "boolean":
        ET.SubElement(root, "boolean").text = "true" if result.boolean else "false"
        return ET.tostring(root, encoding="utf-8", xml_declaration=True)
    names, rows = result.table()
    for name in names:
        ET.SubElement(head, "variable", name=name)
    results = ET.SubElement(root, "results")
    for row in rows:
        solution = ET.SubElement(results, "result")
        for name, term in zip(names, row, strict=True):
            if term is None:
                continue
            binding = ET.SubElement(solution, "binding", name=name)
            described = term_json(term)
            kind = {"uri": "uri", "bnode": "bnode"}.get(described["type"], "literal")
            attrs = {}
            if "xml:lang" in described:
                attrs[_XML_LANG] = described["xml:lang"]
            elif "datatype" in described:
                attrs["datatype"] = described["datatype"]
            ET.SubElement(binding, kind, attrs).text = described["value"]
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def serialize(result: Result, media: str) -> bytes:
    """The result in ``media`` (one of TABLE_TYPES, or GRAPH_TYPES for a graph answer)."""
    if media == XML and result.kind != "graph":
        return results_xml(result)
    if result.kind == "boolean":
        if media == JSON:
            return json.dumps({"head": {}, "boolean": result.boolean}).encode()
        return b"true\n" if result.boolean else b"false\n"
    if media in GRAPH_TYPES:
        fmt = _GRAPH_FORMATS[media]
        prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
        data = ox.serialize(list(result.triples), format=fmt, prefixes=prefixes)
        assert data is not None  # with no output file, serialize returns the bytes
        return data
    names, rows = result.table()
    if media == JSON:
        bindings = [{n: term_json(v) for n, v in zip(names, row, strict=True) if v is not None} for row in rows]
        return json.dumps(
            {"head": {"vars": list(names)}, "results": {"bindings": bindings}}, ensure_ascii=False
        ).encode()
    buf = io.StringIO()
    if media == CSV:
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(names)
        w.writerows([[csv_cell(v) for v in row] for row in rows])
    else:  # TSV: terms in N-Triples syntax, as SPARQL 1.1 TSV writes them
        buf.write("\t".join(f"?{n}" for n in names) + "\n")
        for row in rows:
            buf.write("\t".join("" if v is None else str(v) for v in row) + "\n")
    return buf.getvalue().encode()
