"""The newsgraph namespace: generated from newsgraph.ttl by build_namespace.py; do not edit."""
from __future__ import annotations

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class NG(DefinedNamespace):
    """Classes and properties of https://w3id.org/newsgraph/ontology#."""

    _fail = True
    _NS = Namespace("https://w3id.org/newsgraph/ontology#")

    Assertion: URIRef  # One piece of evidence for a direct triple: the document, the span and the rule it came from (an rdf:Statement).
    Candidate: URIRef  # A relation a document states whose entities' types (decided over the whole graph) do not fit it: not a direct triple, but kept with its evidence so that a graph rebuilt with more documents can accept it.
    Claim: URIRef  # Reported speech: what a speaker is said to have said, without quotation marks ('X said that ...', 'according to X').
    Document: URIRef  # One input article.
    DocumentEntity: URIRef  # An entity as one document names it: its names there and the type evidence. Entities are derived from these, so graphs of separate runs merge to the graph of one run.
    Entity: URIRef  # A real-world thing named in the articles: one node per entity across documents and batches.
    Event: URIRef  # A named event (an uprising, a summit, an election).
    Organization: URIRef  # An organisation, party, movement, ministry, newspaper or armed group.
    Person: URIRef  # A person named in an article.
    Place: URIRef  # A country, city, region or facility.
    Position: URIRef  # An office or title a person holds, with the organisation when the text names it.
    Quote: URIRef  # One contiguous span of words inside quotation marks, attributed to a speaker where the text allows.
    claimedBy: URIRef  # The entity the reported speech is attributed to.
    confidence: URIRef  # How sure the rule is, 0 to 1: lower where a speaker came from a pronoun or a guess.
    contentHash: URIRef  # SHA-256 of the document text (UTF-8), hex.
    cue: URIRef  # The reporting verb or cue as written: said, told, wrote, ':', 'according to'.
    denotes: URIRef  # The entity a document entity was resolved to.
    document: URIRef  # The document a quote, claim, assertion or document entity comes from.
    end: URIRef  # Offset where the span ends in the document text (exclusive).
    evidence: URIRef  # The sentence the statement was read from, as written.
    fileName: URIRef  # The input file's base name (or the id of a JSON-lines article).
    format: URIRef  # The input format: txt, md, html or jsonl.
    former: URIRef  # True on a position the text calls past ('former chairman', 'ex-leader') and on the assertions read from it; a former office never yields a ledBy.
    holdsPosition: URIRef  # The person holds an office or title.
    ledBy: URIRef  # The organisation is led by the person ('X, the leader of Y', 'Y is led by X').
    localLabel: URIRef  # The canonical name of a document entity, from that document's names alone.
    localType: URIRef  # The class the document's evidence alone points to.
    locatedIn: URIRef  # The entity is in the place ('Mashhad, Iran', 'a court in Tehran').
    memberOf: URIRef  # The person belongs to or works for the organisation.
    mentionCount: URIRef  # How many times the entity is named (in one document, or in the whole graph).
    mentionOffsets: URIRef  # Where a document entity is named in its document: start-end character offsets, space-separated (end exclusive).
    mentions: URIRef  # An entity the words of a quote or claim name (its speaker's own name left out): what it is about.
    mentionsLocal: URIRef  # The document entity behind an ng:mentions link, in the quote's document graph (what a merge reads back).
    method: URIRef  # The name of the rule that produced the statement.
    model: URIRef  # The spaCy pipeline a run used, name and version.
    name: URIRef  # A name a document uses for the entity, as written.
    objectMention: URIRef  # The document entity behind the object of an assertion (the organisation of a position).
    organization: URIRef  # The organisation of a position, when the text names it; for an office of state ('French finance minister') the country, a ng:Place.
    partOf: URIRef  # A committee, unit or wing is part of a larger organisation.
    path: URIRef  # Where the article was read from.
    said: URIRef  # The speaker said the quoted words.
    sameSentence: URIRef  # Two document entities some sentence of their document names both of (written once, from the smaller key).
    source: URIRef  # The source line of a scraped page ('Source » irannewsupdate') or the site name.
    speakerMention: URIRef  # The document entity the speaker was resolved to in this document.
    speakerText: URIRef  # The speaker as written where the quote is attributed ('she', 'the newspaper').
    start: URIRef  # Offset (Unicode code points, from 0) where the span starts in the document text.
    subjectMention: URIRef  # The document entity behind the subject of an assertion.
    text: URIRef  # The quoted words without the marks, or the reported clause of a claim.
    textLength: URIRef  # Length of the document text in code points.
    title: URIRef  # The office as written, without the organisation's name ('President-elect', 'Supreme Leader'); on a position, and on the assertion it came from.
    toolVersion: URIRef  # The newsgraph version of a run.
    typeVotes: URIRef  # The type evidence of a document entity, as 'Person=3.0 Organization=1.0'.


NGR = Namespace("https://w3id.org/newsgraph/id/")
