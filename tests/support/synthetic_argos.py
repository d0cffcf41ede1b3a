"""Build real `.argosmodel` packages with random weights, for tests and benchmarks.

No real translation model can be downloaded on the build machines, so the
tests exercise the real loading and translation path on a package built here:
a CTranslate2 Transformer whose weights are random, and a SentencePiece model
trained on a few lines of text. It "translates" into gibberish, which is what
the QA checks must then catch. With the dimensions of a real Argos package
(6+6 layers, d_model 512, 8 heads, 2048 feed-forward, ~32k vocabulary) it
runs at the speed of a real one, for `make bench`.
"""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

TRAINING_TEXT = """\
The OSCE Office for Democratic Institutions and Human Rights said in a statement today.
Human rights defenders, activists and ordinary citizens have been convicted and imprisoned.
The Representative on Freedom of the Media presented the annual report in Vienna.
Participating States have committed themselves to protect journalists.
For further information, please visit the website of the organization.
Since 2020, dozens of civil society organizations have been ordered to shut down.
The Office reiterates its call for the release of all citizens detained unjustly.
Elections must be free, fair and transparent, and observers must work without pressure.
"""


@dataclass(frozen=True)
class ModelSize:
    layers: int = 1
    d_model: int = 32
    heads: int = 2
    ffn: int = 64
    vocabulary: int = 300


TINY = ModelSize()
REAL = ModelSize(layers=6, d_model=512, heads=8, ffn=2048, vocabulary=32000)


def _train_sentencepiece(directory: Path, vocabulary: int) -> Path:
    import sentencepiece as spm

    lines = TRAINING_TEXT.splitlines()
    if vocabulary > 1000:
        # A large vocabulary needs enough distinct pieces to learn from.
        rng = np.random.default_rng(0)
        alphabet = list("abcdefghijklmnopqrstuvwxyz")
        words = ["".join(rng.choice(alphabet, size=rng.integers(2, 12))) for _ in range(60000)]
        lines += [" ".join(words[i : i + 12]) for i in range(0, len(words), 12)]
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines), model_writer=model, vocab_size=vocabulary,
        model_type="unigram" if vocabulary > 1000 else "bpe", character_coverage=1.0,
        hard_vocab_limit=False, minloglevel=2, bos_id=-1, eos_id=-1, unk_id=0, pad_id=-1,
    )
    path = directory / "sentencepiece.model"
    path.write_bytes(model.getvalue())
    return path


def _fill_random(spec, rng: np.random.Generator, size: ModelSize, vocabulary: int) -> None:
    """Give every weight of a Transformer spec a random value of the right shape."""
    d, ff = size.d_model, size.ffn

    def linear(layer, rows, cols):
        layer.weight = rng.normal(0, 0.05, (rows, cols)).astype(np.float32)
        layer.bias = np.zeros(rows, dtype=np.float32)

    def norm(layer):
        layer.gamma = np.ones(d, dtype=np.float32)
        layer.beta = np.zeros(d, dtype=np.float32)

    def attention(layer, cross: bool):
        if cross:
            linear(layer.linear[0], d, d)
            linear(layer.linear[1], 2 * d, d)
            linear(layer.linear[2], d, d)
        else:
            linear(layer.linear[0], 3 * d, d)
            linear(layer.linear[1], d, d)
        norm(layer.layer_norm)

    def ffn(layer):
        linear(layer.linear_0, ff, d)
        linear(layer.linear_1, d, ff)
        norm(layer.layer_norm)

    for part in (spec.encoder, spec.decoder):
        embeddings = part.embeddings[0] if isinstance(part.embeddings, list) else part.embeddings
        embeddings.weight = rng.normal(0, 0.05, (vocabulary, d)).astype(np.float32)
        part.scale_embeddings = True
        part.position_encodings.encodings = rng.normal(0, 0.05, (512, d)).astype(np.float32)
        norm(part.layer_norm)
    for layer in spec.encoder.layer:
        attention(layer.self_attention, cross=False)
        ffn(layer.ffn)
    for layer in spec.decoder.layer:
        attention(layer.self_attention, cross=False)
        attention(layer.attention, cross=True)
        ffn(layer.ffn)
    linear(spec.decoder.projection, vocabulary, d)


def build_argosmodel(
    destination: Path, source: str = "en", target: str = "fr",
    size: ModelSize = TINY, version: str = "0.0.1", seed: int = 0,
) -> Path:
    """Write `translate-<source>_<target>-<version>.argosmodel` into `destination`."""
    import ctranslate2

    code = f"translate-{source}_{target}"
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / f"{code}-{version.replace('.', '_')}"
        root.mkdir()
        sp_path = _train_sentencepiece(root, size.vocabulary)
        import sentencepiece as spm

        processor = spm.SentencePieceProcessor(model_file=str(sp_path))
        pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
        vocabulary = ["<blank>", "<s>", "</s>", *[p for p in pieces if p not in ("<unk>",)], "<unk>"]
        spec = ctranslate2.specs.TransformerSpec.from_config((size.layers, size.layers), size.heads)
        _fill_random(spec, np.random.default_rng(seed), size, len(vocabulary))
        spec.register_source_vocabulary(vocabulary)
        spec.register_target_vocabulary(vocabulary)
        spec.validate()
        spec.optimize(quantization="int8" if size.vocabulary > 1000 else None)
        (root / "model").mkdir()
        spec.save(str(root / "model"))
        metadata = {
            "package_version": version, "argos_version": "1.9.0", "from_code": source,
            "from_name": source, "to_code": target, "to_name": target, "type": "translate",
            "links": [], "code": code,
        }
        (root / "metadata.json").write_text(json.dumps(metadata, indent=2))
        (root / "README.md").write_text("Synthetic package with random weights, for tests.\n")
        destination.mkdir(parents=True, exist_ok=True)
        archive = destination / f"{code}-{version}.argosmodel"
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
            for path in sorted(root.rglob("*")):
                zipped.write(path, path.relative_to(root.parent).as_posix())
    return archive
