"""Write ontology/namespace.py from ontology/newsgraph.ttl (the TTL is the source of truth).

Run after changing the ontology:  python -m newsgraph.ontology.build_namespace
Like rdflib's ``defined_namespace_creator.py``: one ``term: URIRef  # comment`` line a term.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, URIRef

HERE = Path(__file__).parent
NS = "https://w3id.org/newsgraph/ontology#"


def ontology_terms(path: Path = HERE / "newsgraph.ttl") -> dict[str, str]:
    """Local name -> first line of rdfs:comment, for every class and property in the TTL."""
    g = Graph().parse(path, format="turtle")
    terms = {}
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for s in g.subjects(RDF.type, kind):
            if isinstance(s, URIRef) and str(s).startswith(NS):
                comment = str(g.value(s, RDFS.comment) or "").splitlines()[0] if g.value(s, RDFS.comment) else ""
                terms[str(s)[len(NS) :]] = comment
    return dict(sorted(terms.items(), key=lambda kv: (kv[0][0].islower(), kv[0])))


def render(terms: dict[str, str]) -> str:
    lines = [
        '"""The newsgraph namespace: generated from newsgraph.ttl by build_namespace.py; do not edit."""',
        "from __future__ import annotations",
        "",
        "from rdflib.namespace import DefinedNamespace, Namespace",
        "from rdflib.term import URIRef",
        "",
        "",
        "class NG(DefinedNamespace):",
        '    """Classes and properties of https://w3id.org/newsgraph/ontology#."""',
        "",
        "    _fail = True",
        f'    _NS = Namespace("{NS}")',
        "",
    ]
    for name, comment in terms.items():
        lines.append(f"    {name}: URIRef  # {comment}")
    lines += ["", "", 'NGR = Namespace("https://w3id.org/newsgraph/id/")', ""]
    return "\n".join(lines)


def main() -> None:
    (HERE / "namespace.py").write_text(render(ontology_terms()), encoding="utf-8")


if __name__ == "__main__":
    main()
