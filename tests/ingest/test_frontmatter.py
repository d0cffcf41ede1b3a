"""pipeline/ingest/frontmatter.py: the front matter overrides what is inferred, read leniently (keys,
kinds and dates as people write them, unknown keys kept and warned about), every refusal naming the
file and line; and the release id made from the title and date."""

import datetime as dt
import threading

import pytest

from pipeline.errors import InputError
from pipeline.ingest import make_release_id, read_release

from ..conftest import write
from .conftest import SHAPES


def test_front_matter_overrides_what_is_inferred(tmp_path):
    path = write(tmp_path / "r.md", "---\nid: my-release\ntitle: Better title\ndate: 2024-03-01\n"
                 "place: VIENNA\nkind: statement\nlang: en\n---\n# Title\n\nWARSAW, 21 February 2024 – Text.\n")
    release = read_release(path)
    assert (release.id, release.title, release.kind) == ("my-release", "Better title", "statement")
    assert release.dateline.place == "VIENNA" and release.dateline.date == dt.date(2024, 3, 1)


def test_release_id_slug():
    title = "Deteriorating human rights situation in Belarus of utmost concern as crackdown continues"
    assert make_release_id(title, dt.date(2024, 2, 21)) == "2024-02-21-deteriorating-human-rights-situation-in-belarus"
    assert make_release_id("Заявление ОБСЕ", None) == "release"
    assert make_release_id("Élections à Genève", None) == "elections-a-geneve"


@pytest.mark.parametrize("written, kind", [("Press release", "press-release"), ("PRESS RELEASE", "press-release"),
                                           ("Statement", "statement"), ("Media advisory", "media-advisory"),
                                           ("media_advisory", "media-advisory")])
def test_kind_in_any_case(tmp_path, written, kind):
    path = tmp_path / "r.md"
    path.write_text(f"---\nkind: {written}\n---\n# Title\n\nText.\n", encoding="utf-8")
    assert read_release(path).kind == kind


@pytest.mark.parametrize("written", ["2024-03-05", "5 March 2024", "March 5, 2024", "5 Mar. 2024"])
def test_dates_as_people_write_them(tmp_path, written):
    path = tmp_path / "r.md"
    path.write_text(f"---\ndate: {written}\nplace: vienna\nlang: en-GB\n---\n# Title\n\nText.\n", encoding="utf-8")
    release = read_release(path)
    assert release.dateline.date == dt.date(2024, 3, 5)
    assert release.dateline.places[0].timezone == "Europe/Vienna"
    assert release.lang == "en"


def test_unknown_keys_are_kept_and_warned_about():
    release = read_release(SHAPES / "front-matter-lenient.md")
    assert release.extra == (("author", "Jana Novak"), ("tags", "media, transparency"))
    assert [w.split(": note:")[0].rsplit(":", 1)[1] for w in release.warnings] == ["7", "8"]
    assert release.kind == "press-release" and release.title.startswith("OSCE Mission supports")


@pytest.mark.parametrize("front_matter, message, line", [
    ("title: x\nkind: '!!!'\n", "is not a kind of release", 3),
    ("title: x\n\ndate: 31 February 2024\n", "impossible date", 4),
    ("title: x\ndate: next Tuesday\n", "is not a date", 3),
    ("lang: 'en GB'\n", "is not a BCP 47 language tag", 2),
    ("title: [a, b]\n", "must be text", 2),
    ("date: 2024-02-01\nplace: TBILISI / WARSAW\ntimezone: Asia/Tbilisi\n", "one time zone per place", 4),
    ("title: x\nTitle: y\n", "given twice", 3),
    ("title: x\nkind: statement\ntitle: y\n", "front matter key 'title' is given twice", 4),  # PyYAML kept the last
    ("title: x\ncontact:\n  name: A\n  name: B\n", "front matter key 'name' is given twice", 5),
    ("title: x\ndate: 2024-02-30\n", "impossible date '2024-02-30' in front matter 'date'", 3),
    ("title: x\ndate: 30 February 2024\n", "in front matter 'date'", 3),
    ("title: x\nnote: &n text\n", "may not use YAML anchors or aliases", 3),
    ("title: x\nnote: text\nagain: *n\n", "may not use YAML anchors or aliases", 4),
])
def test_every_front_matter_refusal_names_file_and_line(tmp_path, front_matter, message, line):
    path = tmp_path / "r.md"
    path.write_text(f"---\n{front_matter}---\n# T\n\nText.\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_release(path)
    assert message in caught.value.message and caught.value.line == line
    assert str(caught.value).startswith(f"{path}:{line}: ")


def alias_bomb() -> str:
    """447 bytes that a YAML loader expanding aliases makes 9**9 strings of (issue 24, item 4)."""
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for before, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{before}"] * 9) + "]")
    return "---\ntitle: Bomb\n" + "\n".join(lines) + "\n---\n# Bomb\n\nText.\n"


def test_a_yaml_alias_bomb_is_refused_at_once(tmp_path):
    path = write(tmp_path / "bomb.md", alias_bomb())
    outcome = []

    def read():
        try:
            read_release(path)
            outcome.append("accepted")
        except InputError as error:
            outcome.append(error)

    worker = threading.Thread(target=read, daemon=True)  # the old code ran for minutes: don't wait for it
    worker.start()
    worker.join(timeout=30)
    assert outcome, "the alias bomb was still being expanded after 30 s"
    (error,) = outcome
    assert isinstance(error, InputError) and error.line == 3
    assert "may not use YAML anchors or aliases" in error.message
