"""`evaluate`: score every available engine against past human translations.

(Imports inside: sacrebleu loads only when used.)
"""

from __future__ import annotations

from pathlib import Path

from ..config import Config
from ..translate.settings import engine_settings


def evaluate_engines(config: Config, references: Path, lang: str):
    """chrF, BLEU and QA share of every available engine against past human translations."""
    from ..translate.evaluate import evaluate
    from ..translate.glossary import load_glossary

    return evaluate(references, lang, engine_settings(config), load_glossary(config.locales_dir, lang),
                    config.source_language)
