"""The trained language pipelines (Portuguese and English) the generator reads text with.

Each is a spaCy model under quizapp/nlp/models/<lang>/, trained on a Universal Dependencies
treebank by `python -m quizapp.nlp.train <lang>` and shipped as package data with its licence.
A model is loaded once per process (`pipeline`) and reused; spaCy's inference is deterministic,
so the same text always gets the same analysis.
"""
from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

MODELS = Path(__file__).resolve().parent / "models"
LANGS = ("pt", "en")

_lock = threading.Lock()


class ModelMissing(RuntimeError):
    """The packaged model for a language is not there (a checkout without the model files)."""


def model_path(lang: str) -> Path:
    return MODELS / lang


@lru_cache(maxsize=None)
def _load(lang: str):
    import spacy

    from . import sentences, tokenizer  # noqa: F401  (factories and callbacks named in the model's config)

    path = model_path(lang)
    if not (path / "config.cfg").is_file():
        raise ModelMissing(f"no trained {lang} pipeline in {path}: run `python -m quizapp.nlp.train {lang}`")
    return spacy.load(path)


def pipeline(lang: str):
    """The language's spaCy pipeline, loaded on first use and shared by every caller after."""
    if lang not in LANGS:
        raise ValueError(f"no pipeline for language {lang!r}; known: {', '.join(LANGS)}")
    with _lock:
        return _load(lang)


def parse(texts: list[str], lang: str) -> list:
    """Analysed documents for `texts`, in order (batched through the pipeline)."""
    nlp = pipeline(lang)
    return list(nlp.pipe(texts, batch_size=64))
