"""Read graphs newsgraph wrote (TriG, N-Quads, Turtle) back into document records."""
from __future__ import annotations

from pathlib import Path

from rdflib import RDF, RDFS, Dataset, Graph, URIRef
from rdflib.namespace import PROV

from newsgraph.extract.errors import GraphError
from newsgraph.extract.records import Claim, Quote
from newsgraph.ontology import NG

from .build import PREDICATES, RunInfo
from .records import DocMeta, DocRecord, FactRecord
from .resolve import LocalEntity

FORMATS = {".trig": "trig", ".nq": "nquads", ".ttl": "turtle", ".nt": "nt"}
_PRED_NAMES = {v: k for k, v in PREDICATES.items()}


def read_dataset(path: str | Path) -> Dataset:
    """Parse a graph file into a dataset.

    Raises:
        GraphError: missing file, unknown format or a syntax error (named with the file).
    """
    from .store import GraphStore, is_store

    if is_store(path):
        from .oxterms import dataset_from_ox

        return dataset_from_ox(GraphStore(path).open_read())
    path = Path(path)
    fmt = FORMATS.get(path.suffix.lower())
    if not path.is_file():
        raise GraphError(f"{path}: no such graph file")
    if fmt is None:
        raise GraphError(f"{path}: unknown graph format {path.suffix!r}; expected .trig, .nq, .ttl or .nt")
    ds = Dataset(default_union=True)
    try:
        if fmt in {"trig", "nquads"}:
            ds.parse(path, format=fmt)
        else:
            ds.default_graph.parse(path, format=fmt)
    except Exception as err:  # rdflib raises many parser-specific types; all mean "bad file"
        raise GraphError(f"{path}: not a readable {fmt} graph ({type(err).__name__}: {err})") from err
    return ds


def read_any(source: str | Path) -> Dataset:
    """A store directory, an output directory (its graph.trig) or a graph file, as a dataset."""
    from .query import graph_file
    from .store import is_store

    return read_dataset(source if is_store(source) else graph_file(source))


def _str(g: Graph, s: URIRef, p: URIRef) -> str | None:
    v = g.value(s, p)
    return None if v is None else str(v)


def _votes(text: str) -> tuple[tuple[str, float], ...]:
    out = []
    for part in text.split():
        t, _, v = part.partition("=")
        out.append((t, float(v)))
    return tuple(sorted(out))


def records_from_dataset(ds: Dataset) -> tuple[list[DocRecord], list[RunInfo]]:
    """The document records (and runs) a newsgraph dataset was built from.

    Raises:
        GraphError: the dataset holds no newsgraph documents.
    """
    g = ds  # default_union: one view over every named graph
    records = []
    for doc in sorted(set(g.subjects(RDF.type, NG.Document))):
        h = _str(g, doc, NG.contentHash)
        if h is None:
            continue
        meta = DocMeta(
            name=_str(g, doc, NG.fileName) or "", path=_str(g, doc, NG.path) or "", content_hash=h,
            format=_str(g, doc, NG.format) or "txt", length=int(g.value(doc, NG.textLength) or 0),
            title=_str(g, doc, RDFS.label), date=_str(g, doc, URIRef("http://purl.org/dc/terms/date")),
            url=_str(g, doc, URIRef("https://schema.org/url")), source=_str(g, doc, NG.source))
        key_of: dict[URIRef, str] = {}
        entities = []
        for node in sorted(g.subjects(NG.document, doc)):
            if (node, RDF.type, NG.DocumentEntity) not in g:
                continue
            key = str(node).rsplit("/", 1)[-1]
            key_of[node] = key
            entities.append(LocalEntity(
                h, key, str(g.value(node, NG.localLabel)),
                tuple(sorted(str(n) for n in g.objects(node, NG.name))),
                _votes(str(g.value(node, NG.typeVotes) or "")),
                int(g.value(node, NG.mentionCount) or 0), float(g.value(node, NG.confidence) or 1.0)))
        quotes, claims, facts = [], [], []
        for node in sorted(g.subjects(NG.document, doc)):
            if (node, RDF.type, NG.Quote) in g:
                spk = g.value(node, NG.speakerMention)
                quotes.append(Quote(str(g.value(node, NG.text)), int(g.value(node, NG.start)),
                                    int(g.value(node, NG.end)), _str(g, node, NG.cue),
                                    _str(g, node, NG.speakerText), key_of.get(spk) if spk else None,
                                    float(g.value(node, NG.confidence)), str(g.value(node, NG.method)), 0, 0))
            elif (node, RDF.type, NG.Claim) in g:
                claims.append(Claim(str(g.value(node, NG.text)), int(g.value(node, NG.start)),
                                    int(g.value(node, NG.end)), str(g.value(node, NG.cue)),
                                    str(g.value(node, NG.speakerText)), key_of.get(g.value(node, NG.speakerMention)),
                                    float(g.value(node, NG.confidence)), str(g.value(node, NG.method))))
            elif (node, RDF.type, NG.Assertion) in g or (node, RDF.type, NG.Candidate) in g:
                obj = g.value(node, NG.objectMention)
                facts.append(FactRecord(
                    key_of[g.value(node, NG.subjectMention)], _PRED_NAMES[g.value(node, RDF.predicate)],
                    key_of.get(obj) if obj else None, int(g.value(node, NG.start)), int(g.value(node, NG.end)),
                    float(g.value(node, NG.confidence)), str(g.value(node, NG.method)),
                    str(g.value(node, NG.evidence) or ""), _str(g, node, NG.title)))
        key_order = lambda x: x.start  # noqa: E731
        records.append(DocRecord(meta, tuple(entities), tuple(sorted(quotes, key=key_order)),
                                 tuple(sorted(claims, key=key_order)), tuple(sorted(facts, key=lambda f: (f.start, f.predicate, f.subject)))))
    if not records:
        raise GraphError("no newsgraph documents in this graph (was it written by 'newsgraph build'?)")
    runs = []
    for act in g.subjects(RDF.type, PROV.Activity):
        runs.append(RunInfo(str(g.value(act, NG.toolVersion)), str(g.value(act, NG.model)),
                            str(g.value(act, PROV.startedAtTime)), str(g.value(act, PROV.endedAtTime))))
    return records, sorted(set(runs), key=lambda r: r.started)
