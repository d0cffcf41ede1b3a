"""`speech`: what the audio edition of a release will say (audio/script.py), for checking pronunciation."""

from __future__ import annotations

from pathlib import Path

from ..audio.lexicon import load_lexicon
from ..audio.script import speech_script
from ..config import Config
from ..display import display
from ..errors import PipelineError
from ..jobs import Cache, Runner, make_executor
from ..localise import localise_source, localise_target
from ..localise.labels import load_labels
from ..run import parse_release_file
from ..translate.glossary import load_glossary
from ..translate.settings import translate_settings
from ..translate.stage import ReleaseToTranslate, translations_if_cached
from . import find_release


def speech(release_or_path: str | Path, config: Config, lang: str) -> str:
    """What the audio edition of a release in `lang` will say (audio/script.py), from the same
    localised release, lexicons and glossary the render job gets; writes nothing."""
    if lang not in config.all_languages:
        raise PipelineError(f"--lang: {lang!r} is not one of this project's languages "
                            f"({', '.join(config.all_languages)})")
    path = find_release(str(release_or_path), config).source_file()
    parsed = parse_release_file(path, config)
    release = parsed.release
    labels = load_labels(lang, [config.locales_dir])
    if lang == release.lang:
        localised = localise_source(release, parsed.segmentation, labels)
    else:
        runner = Runner(Cache(config.cache_dir, read_only=True), make_executor("serial", 1))
        translated, missing = translations_if_cached(ReleaseToTranslate(release, parsed.segmentation),
                                                     translate_settings(config), runner)
        if missing:
            raise PipelineError(f"the {lang} translation is not ready: run `release-pipeline run {display(path)}` first")
        item = next(t for t in translated if t.lang == lang)
        localised = localise_target(release, parsed.segmentation, lang, item.translations, item.status, labels)
    lexicons = [load_lexicon(tag, [config.locales_dir]) for tag in dict.fromkeys([lang, release.lang])]
    return speech_script(localised, lexicons, organisation=config.organisation,
                         office_names=tuple(load_glossary(config.locales_dir, lang).terms), notes=config.notes_in_audio)
