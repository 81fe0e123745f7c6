"""The learned part: TF-IDF over Sastrawi stems (words and word pairs) and over characters
(misspellings), and a logistic regression each for the category and the OPD (scikit-learn)."""

from __future__ import annotations

import pickle
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from .text import normalized, plain

MIN_SAMPLES = 40  # fewer verified complaints than this: keywords and the category → OPD table
MIN_CLASSES = 2


@dataclass(frozen=True)
class Example:
    """One verified complaint: its text and the labels Tim Admin chose."""

    text: str
    category: str
    opd: str


class TextModel:
    """Two classifiers over one set of features; ``rank`` gives (code, probability) best first."""

    def __init__(self) -> None:
        self.stems = TfidfVectorizer(analyzer="word", token_pattern=r"\S+", lowercase=False,
                                     ngram_range=(1, 2), sublinear_tf=True)
        self.chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True,
                                     min_df=2, max_features=60000)
        self.category = LogisticRegression(C=20.0, max_iter=3000)
        self.opd = LogisticRegression(C=20.0, max_iter=3000)
        self.samples = 0

    def _features(self, texts: Sequence[str], fit: bool) -> Any:
        stems = [normalized(t) for t in texts]
        plains = [plain(t) for t in texts]
        if fit:
            return hstack([self.stems.fit_transform(stems),
                           self.chars.fit_transform(plains)]).tocsr()
        return hstack([self.stems.transform(stems), self.chars.transform(plains)]).tocsr()

    def fit(self, examples: Sequence[Example]) -> TextModel:
        """Learn from ``examples``; needs at least two categories and two OPDs."""
        features = self._features([e.text for e in examples], fit=True)
        self.category.fit(features, [e.category for e in examples])
        self.opd.fit(features, [e.opd for e in examples])
        self.samples = len(examples)
        return self

    def rank(self, text: str) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
        """Categories and OPDs for ``text`` with their probabilities, best first."""
        features = self._features([text], fit=False)
        return (_ranked(self.category, features), _ranked(self.opd, features))

    def dumps(self) -> bytes:
        """The model as stored in the database."""
        return pickle.dumps(self, protocol=pickle.HIGHEST_PROTOCOL)

    @staticmethod
    def loads(payload: bytes) -> TextModel:
        """A model stored by ``dumps`` (from our own table, never from outside)."""
        model = pickle.loads(payload)  # noqa: S301 - written by dumps into our own database
        if not isinstance(model, TextModel):
            raise TypeError("stored suggestion model is not a TextModel")
        return model


def _ranked(classifier: LogisticRegression, features: Any) -> list[tuple[str, float]]:
    probabilities = classifier.predict_proba(features)[0]
    pairs = [(str(code), float(p)) for code, p in zip(classifier.classes_, probabilities,
                                                       strict=True)]
    return sorted(pairs, key=lambda pair: -pair[1])


def can_train(examples: Sequence[Example]) -> bool:
    """Enough history for a model: ``MIN_SAMPLES`` examples over two categories and OPDs."""
    return (len(examples) >= MIN_SAMPLES
            and len({e.category for e in examples}) >= MIN_CLASSES
            and len({e.opd for e in examples}) >= MIN_CLASSES)
