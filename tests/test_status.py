"""pipeline/status.py and the `status` command: what `run` would do, and why each stale job is stale;
the exit codes (0/1/3) and a `status` that only reads."""

from pathlib import Path

from pipeline.config import load_config
from pipeline.run import run
from pipeline.status import status

from .conftest import EXAMPLE, write


def test_status_says_why_each_stale_job_is_stale(project):
    source = write(project / "release.md", EXAMPLE.read_text())
    run([source], load_config(project, languages=("es",), editions=("text",)))
    paper = load_config(project, languages=("es",), editions=("text", "pdf"))
    (state,) = status(paper)
    assert state.state == "stale" and "render pdf en (not built before)" in state.detail
    labels = project / "locales" / "es" / "LC_MESSAGES" / "pipeline.po"  # the project rewords a label
    shipped = Path(__file__).parents[1] / "pipeline" / "locales" / "es" / "LC_MESSAGES" / "pipeline.po"
    write(labels, shipped.read_text(encoding="utf-8").replace('msgstr "Contactos"', 'msgstr "Contacto de prensa"'))
    (state,) = status(load_config(project, languages=("es",), editions=("text",)))
    assert "localise es (labels changed)" in state.detail


def test_status_reports_changed_source_and_damaged_outputs(project, cli):
    source = write(project / "release.md", EXAMPLE.read_text())
    cli("run", source, "--langs", "en")
    source.write_text(EXAMPLE.read_text().replace("1,248 attacks", "1,249 attacks"))
    assert "stale" in cli("status", "--langs", "en")[1]
    cli("run", source, "--langs", "en", "--correction", "Reworded.")
    (text_file,) = (project / "outputs").glob("*/en/*.txt")
    text_file.write_text("tampered")
    assert "damaged" in cli("status", "--langs", "en")[1]
    assert cli("run", source, "--langs", "en")[0] == 0
    assert "tampered" not in text_file.read_text()


def test_status_exit_codes(project, command):
    assert command("status", "--langs", "en")[0] == 0  # nothing published yet
    source = write(project / "release.md", EXAMPLE.read_text())
    command("run", source, "--langs", "en")
    code, out, err = command("status", "--langs", "en")
    assert (code, out.split()[1:4]) == (0, ["up", "to", "date"]) and "1 release, 0 not up to date." in err
    assert command("status", "--langs", "en", "--editions", "text,json")[0] == 1  # a run would build more
    source.write_text(EXAMPLE.read_text().replace("1,248 attacks", "1,249 attacks"))
    assert command("status", "--langs", "en")[0] == 1  # stale
    (text_file,) = (project / "outputs").glob("*/en/*.txt")
    text_file.write_text("tampered")
    code, out, _ = command("status", "--langs", "en")
    assert code == 3 and "damaged" in out  # damaged wins over stale
    command("run", source, "--langs", "en", "--correction", "Reworded.")
    source.unlink()
    code, out, _ = command("status", "--langs", "en")
    assert code == 1 and "orphaned" in out


def test_status_reports_a_damaged_cache_entry_and_leaves_it(project, command):
    source = write(project / "release.md", EXAMPLE.read_text())
    command("run", source, "--langs", "en")
    entries = sorted((project / ".work" / "cache").rglob("*.pickle"), key=lambda path: path.stat().st_size)
    damaged = entries[-1]
    damaged.write_bytes(damaged.read_bytes()[:-10])
    before = damaged.read_bytes()
    code, out, _ = command("status", "--langs", "en")
    assert code == 3 and "damaged  (1 damaged cache entry;" in out, out
    assert damaged.read_bytes() == before  # reported, not removed: `status` only reads
    assert command("run", source, "--langs", "en")[0] == 0  # the run heals it
    assert command("status", "--langs", "en")[0] == 0
