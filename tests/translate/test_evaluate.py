"""`evaluate`: every available engine scored against a past human translation (issue 16), with
real sacrebleu, Apertium and a test-built Argos model."""

import json

from ..conftest import write
from ..support.observers import ENGLISH, FRENCH
from ..support.synthetic_argos import build_argosmodel


def test_evaluate_scores_apertium_and_an_argos_model(project, cli, tmp_path):
    archive = tmp_path / "archive"
    write(archive / "observers.en.md", ENGLISH)
    write(archive / "observers.fr.md", FRENCH)
    write(archive / "unpaired.en.md", ENGLISH)
    models = tmp_path / "models"
    build_argosmodel(tmp_path / "packages", "en", "fr")
    assert cli("models", "install", "--from", tmp_path / "packages", "--models-dir", models)[0] == 0
    code, out, err = cli("evaluate", "--references", archive, "--lang", "fr", "--models-dir", models)
    assert code == 0, err
    assert "6 aligned sentences from 1 release" in out
    rows = {line.split()[0]: line.split() for line in out.splitlines()[2:]}
    assert {"argos", "apertium"} <= set(rows) and float(rows["apertium"][1]) > float(rows["argos"][1])
    code, out, _ = cli("evaluate", "--references", archive, "--lang", "fr", "--models-dir", models, "--format", "json")
    scores = {s["engine"]: s for s in json.loads(out)["scores"]}
    assert scores["apertium"]["chrf"] > 20 and 0 <= scores["argos"]["chrf"] < scores["apertium"]["chrf"]
    assert 0 <= scores["argos"]["findings"] <= 1
