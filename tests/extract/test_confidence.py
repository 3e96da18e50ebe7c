"""Fact confidence fitted on development data (extract/confidence.py, make train)."""

from __future__ import annotations

import importlib.util
import json

from newsgraph.extract.confidence import MODEL_FILE, Model, calibrated
from newsgraph.extract.records import Entity, Fact

from ..conftest import ROOT


def entity(key: str, etype: str, label: str) -> Entity:
    return Entity(key, etype, label, (label,), (), ((etype, 1.0),))


def test_each_fact_once_with_the_fitted_confidence_of_its_readings():
    ents = [entity("e0", "Person", "Kim Moss"), entity("e1", "Organization", "Harbour Trust")]
    twice = [
        Fact("e0", "memberOf", "e1", 0, 40, 0.7, "copula+position-implies-member"),
        Fact("e0", "memberOf", "e1", 0, 40, 0.75, "member-role"),
    ]
    part = Fact("e1", "partOf", "e0", 0, 40, 0.75, "name-prefix")
    fitted = Model({"readings": 1.0, "rule=member-role": 0.5}, -0.5, frozenset({"memberOf"}))
    out = calibrated([*twice, part], ents, fitted)
    # one membership, as its most confident rule read it, at 1 / (1 + e^-(1 + 0.5 - 0.5))
    assert out == [Fact("e0", "memberOf", "e1", 0, 40, 0.731, "member-role"), part]


def test_the_shipped_model_is_what_make_train_fits(shared, tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("train_confidence", ROOT / "extract/data/train_confidence.py")
    assert spec is not None and spec.loader is not None
    train = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(train)
    monkeypatch.setattr(train, "OUT", tmp_path / "confidence.json")
    assert train.main(str(shared)) == 0
    fresh = json.loads((tmp_path / "confidence.json").read_text(encoding="utf-8"))
    shipped = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert fresh["weights"].keys() == shipped["weights"].keys()
    assert all(abs(fresh["weights"][k] - w) < 1e-3 for k, w in shipped["weights"].items())
    assert abs(fresh["intercept"] - shipped["intercept"]) < 1e-3
