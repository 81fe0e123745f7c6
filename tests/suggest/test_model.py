"""The model learns from labelled complaints and is measured on wordings it never saw."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from engine.suggest.model import Example, TextModel, can_train

CORPUS = Path(__file__).resolve().parents[1] / "data" / "suggest-corpus.csv"


def corpus() -> list[dict[str, str]]:
    with CORPUS.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_the_corpus_is_large_labelled_and_split() -> None:
    rows = corpus()
    assert len(rows) >= 200
    assert {r["split"] for r in rows} == {"train", "test"}
    assert all(r["category"] and r["opd"] and r["problem"] for r in rows)
    train_wordings = {(r["kind"], r["title"]) for r in rows if r["split"] == "train"}
    assert all((r["kind"], r["title"]) not in train_wordings
               for r in rows if r["split"] == "test")


def test_too_little_history_is_no_model() -> None:
    few = [Example("jalan rusak", "8", "PUPR")] * 10
    assert not can_train(few)
    assert not can_train([Example("jalan rusak", "8", "PUPR")] * 50)  # one category only


@pytest.mark.slow
def test_held_out_accuracy_reaches_the_targets() -> None:
    rows = corpus()
    model = TextModel().fit([Example(f"{r['title']}. {r['description']}", r["category"],
                                     r["opd"]) for r in rows if r["split"] == "train"])
    tests = [r for r in rows if r["split"] == "test"]
    top1 = top3 = cat3 = 0
    for r in tests:
        categories, opds = model.rank(f"{r['title']}. {r['description']}")
        top1 += opds[0][0] == r["opd"]
        top3 += r["opd"] in [c for c, _ in opds[:3]]
        cat3 += r["category"] in [c for c, _ in categories[:3]]
    assert top1 / len(tests) >= 0.75
    assert top3 / len(tests) >= 0.90
    assert cat3 / len(tests) >= 0.85


def test_a_stored_model_loads_back() -> None:
    rows = corpus()[:60]
    model = TextModel().fit([Example(r["title"] + ". " + r["description"], r["category"],
                                     r["opd"]) for r in rows])
    again = TextModel.loads(model.dumps())
    text = rows[0]["title"]
    assert again.rank(text) == model.rank(text)
