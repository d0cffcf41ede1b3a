"""How good is each engine on the office's own texts? chrF and BLEU against past human translations.

The references are a folder of release pairs named `<name>.en.md` (the
English original; the source language's code in general) and
`<name>.<lang>.md` (its human translation), in any format the pipeline reads
(`.md`, `.docx`, `.odt`, `.html`: `<name>.en.docx` with `<name>.fr.docx`);
the translation is read in its own language (its kind line and dateline as a
French, German, Russian … office writes them).
Each pair is read and segmented by the pipeline and aligned with Gale–Church
(catalogs/align.py); the confident sentence pairs are the test set. Every engine that
can translate the pair (`ENGINES`, models as configured) translates the
English sentences the way a run does (protected spans masked, hygiene, spans
restored: stage.py `machine_result`), so the score is that of what the
pipeline would publish. sacrebleu's corpus chrF and BLEU (13a tokenisation)
are computed against the references held here; nothing is downloaded.
"""

from __future__ import annotations

import re
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import sacrebleu

from ..errors import InputError
from ..ingest import read_release
from ..segment import segment_release
from ..text.patterns import INLINE_TAG
from . import ENGINES, EngineSettings, make_engine
from ..catalogs.align import align_segments
from .glossary import Glossary
from .protect import mask
from .qa import Checker
from .stage import machine_result  # the stage's own post-processing, so scores match what is published



@dataclass(frozen=True)
class EngineScore:
    engine: str
    version: str
    chrf: float
    bleu: float
    findings: float  # share of sentences with at least one QA finding
    blocking: float  # share with a blocking finding (the editions would show the source)
    seconds: float


@dataclass(frozen=True)
class Evaluation:
    lang: str
    releases: int
    sentences: int  # aligned sentence pairs scored
    scores: tuple[EngineScore, ...]
    skipped: tuple[tuple[str, str], ...]  # (engine, why)

    def to_dict(self) -> dict:
        return asdict(self)


def reference_pairs(folder: Path, lang: str, source_lang: str = "en") -> list[tuple[Path, Path]]:
    """(original, translation) files: `<name>.<source_lang>.<ext>` beside `<name>.<lang>.<ext>`."""
    if not folder.is_dir():
        raise InputError(folder, "not a folder of reference releases")
    pairs = []
    for original in sorted(folder.iterdir()):
        match = re.fullmatch(rf"(.+)\.{re.escape(source_lang)}(\.\w+)", original.name)
        if match:
            translated = folder / f"{match.group(1)}.{lang}{match.group(2)}"
            if translated.is_file():
                pairs.append((original, translated))
    if not pairs:
        raise InputError(folder, f"no pairs NAME.{source_lang}.md + NAME.{lang}.md in this folder")
    return pairs


def evaluate(folder: Path, lang: str, settings: EngineSettings, glossary: Glossary = Glossary(),
             source_lang: str = "en") -> Evaluation:
    pairs = reference_pairs(folder, lang, source_lang)
    segments, references = [], []
    for original, translated in pairs:
        source = segment_release(read_release(original, source_lang)).segments
        # The reference is read in its own language: "COMMUNIQUÉ DE PRESSE", "VIENNE, 5 mars 2024 –".
        target = segment_release(read_release(translated, lang)).segments
        by_text = {segment.text: segment for segment in source}
        for english, reference in align_segments(source, target).pairs:
            segments.append(by_text[english])
            references.append(INLINE_TAG.sub("", reference))  # tags are markup, not words: scored without them
    if not segments:
        raise InputError(folder, "no sentence could be aligned with confidence")
    checker = Checker(lang, glossary, source_lang)
    masked = [mask(segment.text, lang, glossary) for segment in segments]
    scores, skipped = [], []
    for name in ENGINES:
        engine = make_engine(name, settings)
        if not engine.supports(source_lang, lang):
            skipped.append((name, f"cannot translate {source_lang}→{lang} here"))
            continue
        started = time.perf_counter()
        raw = engine.translate([m.text for m in masked], source_lang, lang)
        results = [machine_result(segment, m, text, lang, name, checker)
                   for segment, m, text in zip(segments, masked, raw)]
        seconds = time.perf_counter() - started
        hypotheses = [INLINE_TAG.sub("", final) for final, _ in results]
        scores.append(EngineScore(
            name, engine.version(source_lang, lang),
            round(sacrebleu.corpus_chrf(hypotheses, [references]).score, 2),
            round(sacrebleu.corpus_bleu(hypotheses, [references]).score, 2),
            round(sum(bool(found) for _, found in results) / len(results), 3),
            round(sum(any(f.blocking for f in found) for _, found in results) / len(results), 3),
            round(seconds, 2)))
    return Evaluation(lang, len(pairs), len(segments), tuple(scores), tuple(skipped))
