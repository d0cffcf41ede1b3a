"""The audio editions: every language is speech, sized to its words, tagged and chaptered."""

import json
import re
import subprocess
from pathlib import Path

import pytest

from pipeline.audio.spoken import spoken_form

from pipeline.audio import synthesis
from pipeline.audio.script import LINKS_NOTICE
from pipeline.checks.audio import check_mp3, mp3_labels
from pipeline.languages import language
from pipeline.localise.labels import load_labels

from ..conftest import EXAMPLE, REPO, SEED, run_in_new_project, write
from ..support.whisper import whisper_base

LANGUAGES = ["en", "fr", "de", "it", "ru", "es"]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory, seed) -> Path:
    return run_in_new_project(tmp_path_factory.mktemp("audio-project"), SEED, EXAMPLE, "--editions", "text,audio,captions")


def spoken_words(text_edition: str) -> int:
    """Words of the text edition the audio reads: not the list of links, nor addresses or [n] marks."""
    blocks = [block for block in text_edition.split("\n\n") if not re.fullmatch(r"[^\n]+(\n\[\d+\] \S+)+", block)]
    text = re.sub(r"https?://\S+|\S+@\S+|\[\d+\]", " ", "\n\n".join(blocks))
    return len(re.findall(r"\w+", text))


def audio_entries(outputs: Path):
    for manifest in sorted(outputs.glob("*/manifest.json")):
        for entry in json.loads(manifest.read_text())["files"]:
            if entry["edition"] == "audio":
                yield manifest.parent, entry


def test_every_language_is_speech_with_tags_and_chapters(built):
    seen = set()
    for directory, entry in audio_entries(built):
        lang = entry["lang"]
        mp3 = directory / entry["path"]
        text = mp3.with_suffix(".txt").read_text(encoding="utf-8")
        title = text.split("\n\n")[1]
        chapters = [chapter["title"] for chapter in entry["details"]["chapters"]]
        report = check_mp3(mp3.read_bytes(), spoken_words(text), title=title, language=language(lang).iso639_2,
                           chapters=chapters, path=mp3.name)
        assert report.passed, report.format()
        details = entry["details"]
        assert entry["media_type"] == "audio/mpeg" and details["format"] == "mp3" and details["bitrate"] == 64000
        assert details["voice"] == language(lang).voice and details["engine"].startswith("pyttsx3 ")
        assert details["duration"] == pytest.approx(float(probe(mp3)["format"]["duration"]), abs=0.5)
        contacts = load_labels(lang).gettext("Contacts")
        assert chapters[0] == title and chapters[-1] == contacts
        info = probe(mp3)
        starts = [float(chapter["start_time"]) for chapter in info["chapters"]]
        assert starts[0] == 0 and starts == sorted(starts) and len(set(starts)) == len(starts)
        assert [c["tags"]["title"] for c in info["chapters"]] == chapters
        assert starts == [chapter["start"] for chapter in details["chapters"]]  # the manifest's, to the ms
        check_captions(mp3.with_suffix(".vtt").read_text(encoding="utf-8"), float(info["format"]["duration"]), text)
        seen.add((directory.name[:10], lang))
    assert len(seen) == 2 * len(LANGUAGES)


def test_chapters_follow_the_sections_and_tags_are_complete(built):
    (mp3,) = built.glob("2024-03-05*/en/*.mp3")
    labels = mp3_labels(mp3.read_bytes())
    assert [title for title, _, _ in labels.chapters] == [
        "OSCE Representative on Freedom of the Media presents annual report on safety of journalists",
        "“Every attack on a journalist is…", "The report, prepared with the support…", "Recommendations", "Contacts"]
    assert labels.artist == "OSCE Secretariat" and labels.album == "Press releases" and labels.genre == "Speech"
    (french,) = built.glob("2024-03-05*/fr/*.mp3")
    assert mp3_labels(french.read_bytes()).album == "Communiqués de presse"
    loudness = subprocess.run(["ffmpeg", "-hide_banner", "-nostats", "-i", str(mp3), "-af", "ebur128", "-f", "null", "-"],
                              capture_output=True, text=True).stderr
    integrated = float(re.findall(r"I:\s+(-?\d+\.\d) LUFS", loudness)[-1])
    assert -18.0 <= integrated <= -14.0  # normalised to about -16 LUFS


CUE = re.compile(r"^(\d\d):(\d\d):(\d\d)\.(\d{3}) --> (\d\d):(\d\d):(\d\d)\.(\d{3})$", re.MULTILINE)


def check_captions(vtt: str, duration: float, text_edition: str) -> None:
    """Cues in order, covering at least 90 % of the recording, their text the text edition's sentences."""
    assert vtt.startswith("WEBVTT\n")
    times = [(seconds(*m.groups()[:4]), seconds(*m.groups()[4:])) for m in CUE.finditer(vtt)]
    assert times and all(start < end for start, end in times)
    assert all(end <= next_start for (_, end), (next_start, _) in zip(times, times[1:]))
    assert sum(end - start for start, end in times) >= 0.9 * duration and times[-1][1] <= duration + 0.2
    cues = [block.split("\n", 2)[2] for block in vtt.split("\n\n")[1:] if block.strip()]
    flat = " ".join(text_edition.split())
    body = [cue for cue in cues[3:] if not cue.startswith(("Published", "Publié", "Veröffentlicht", "Pubblicato",
                                                              "Publicado", "Опубликовано"))]
    in_text = [cue for cue in body if cue.replace("&amp;", "&") in flat or cue.rstrip(".") in flat]
    assert len(in_text) >= 0.8 * len(body), [cue for cue in body if cue not in in_text][:5]


def seconds(h: str, m: str, s: str, ms: str) -> float:
    return int(h) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000


def probe(path: Path) -> dict:
    result = subprocess.run(["ffprobe", "-v", "error", "-show_format", "-show_chapters", "-show_streams",
                             "-of", "json", str(path)], capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def word_error_rate(reference: list[str], hypothesis: list[str]) -> float:
    row = list(range(len(hypothesis) + 1))
    for i, word in enumerate(reference, 1):
        previous, row[0] = row[0], i
        for j, heard in enumerate(hypothesis, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (word != heard))
    return row[-1] / max(len(reference), 1)


# An acronym said letter by letter, as a transcript writes it: "O.D.I.H.R.", "O. S. C. E.", "O.S.CD", "O D I H R".
SPELLED = re.compile(r"(?<![\w.])[A-Z]\.(?: ?[A-Z]\.)+(?:[A-Z]+(?![\w.]))?|(?<![\w.])[A-Z](?: [A-Z](?![\w.])){2,}")


def normalised_words(text: str) -> list[str]:
    """Lower-case words, without addresses or [n] marks.

    An acronym is one word however a transcript spells it: the text edition's "ODIHR" is what Whisper
    writes "ODIHR" or, when it hears the letters, "O.D.I.H.R."; a letter misheard is one error
    ("O.D.H.R." is "odhr"), not one per letter.
    """
    text = SPELLED.sub(lambda m: re.sub(r"[. ]", "", m.group(0)) + " ", text)
    text = re.sub(r"https?://\S+|\S+@\S+|\[\d+\]", " ", text.casefold().replace("’", "'"))
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text)


def body_as_read(text_edition: str) -> str:
    """The text edition up to the contacts, as the audio reads it: links are announced, not read.

    The addresses are left out, and where the text names any (a further-information address or [n]
    marks) the script says one sentence instead, after the further-information line (audio/script.py).
    """
    body = text_edition.split("\n\nContacts\n")[0]
    # Removed before spoken_form, which would make "[1]" "[one]", out of normalised_words' reach.
    read = re.sub(r"https?://\S+|\[\d+\]", "", body)
    if read != body:
        read += "\n\n" + load_labels("en").gettext(LINKS_NOTICE)
    return read


def test_english_audio_transcribes_to_the_english_text_edition(built, tmp_path_factory):
    """The body of the release, read aloud, is what Whisper hears: WER against the text edition.

    The contacts chapter is checked by the speech-script tests instead: it is read digit by digit
    and letter by letter on purpose ("plus four three, one, …"), which sends Whisper into
    repetition loops ("zero zero zero …") that say nothing about the voice. Both sides are put in
    spoken form by the pipeline's own rules ("12.5%" is said "twelve point five per cent"); the
    text's side is the body as the audio reads it (`body_as_read`: the links notice instead of the
    addresses), and a spelled acronym counts as one word (`normalised_words`).
    """
    from faster_whisper import WhisperModel

    model = WhisperModel(str(whisper_base(tmp_path_factory.mktemp("whisper"))), device="cpu", compute_type="int8")
    scratch = tmp_path_factory.mktemp("body")
    for release in ("2024-02-21", "2024-03-05"):
        (mp3,) = built.glob(f"{release}*/en/*.mp3")
        text = body_as_read(mp3.with_suffix(".txt").read_text(encoding="utf-8"))
        contacts = next(float(c["start_time"]) for c in probe(mp3)["chapters"] if c["tags"]["title"] == "Contacts")
        body = scratch / f"{release}.wav"
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(mp3), "-t", f"{contacts:.3f}", str(body)], check=True)
        segments, _ = model.transcribe(str(body), language="en", beam_size=5)  # beam 1 varies by ±0.15
        heard = " ".join(segment.text for segment in segments)
        wer = word_error_rate(normalised_words(spoken_form(text, "en")), normalised_words(spoken_form(heard, "en")))
        print(f"{release}: word error rate {wer:.3f}")
        # Issue 15 asks for <= 0.20. eSpeak's output depends on what the process said before (the other
        # languages' jobs), so it varies from run to run; measured 0.06-0.13 over runs with the voice at
        # 150 words a minute. What is left: "of" heard "on", "OSCE" "OSCD", "ODIHR" "odahr", names.
        assert wer <= 0.20, f"{release}: word error rate {wer:.2f}"


def test_opus_and_m4b_editions_carry_tags_and_chapters(project, cli):
    code, out, err = cli("run", EXAMPLE, "--langs", "ru", "--editions", "audio-opus,audio-m4b")
    assert code == 0, err
    for suffix, codec in (("opus", "opus"), ("m4b", "aac")):
        (path,) = project.glob(f"outputs/*/ru/*.{suffix}")
        info = probe(path)
        assert info["streams"][0]["codec_name"] == codec and info["streams"][0]["channels"] == 1
        tags = {k.lower(): v for k, v in info["format"].get("tags", {}).items()}
        tags.update({k.lower(): v for k, v in info["streams"][0].get("tags", {}).items()})
        assert tags["title"].startswith("OSCE Representative") and tags.get("language") == "rus"
        assert [c["tags"]["title"] for c in info["chapters"]][-1] == "Контакты"
        starts = [float(c["start_time"]) for c in info["chapters"]]
        assert len(starts) == 5 and starts[0] == 0 and starts == sorted(starts)


def test_a_synthesis_that_keeps_failing_is_an_error_and_publishes_nothing(project, cli, monkeypatch):
    monkeypatch.setattr(synthesis, "_read_frames", lambda path: b"")  # espeak's empty-WAV fault, every time
    code, out, err = cli("run", EXAMPLE, "--langs", "fr", "--editions", "audio", "--executor", "serial")
    # A failed job stops its release (run.py, issue 14: exit status 1), with one line and no output.
    assert code == 1 and "eSpeak NG gave no audio" in err and "Traceback" not in err
    assert not list(project.glob("outputs/*/*/*.mp3"))


def test_a_synthesis_that_fails_once_is_retried(project, cli, monkeypatch):
    real, calls = synthesis._read_frames, []

    def flaky(path):
        calls.append(path)
        return None if len(calls) == 1 else real(path)  # the first WAV comes out empty

    monkeypatch.setattr(synthesis, "_read_frames", flaky)
    code, out, err = cli("run", write(project / "r.md", "# Short\n\nVIENNA, 1 March 2024 – One sentence.\n"),
                         "--langs", "fr", "--editions", "audio", "--executor", "serial")
    assert code == 0, err
    assert len(calls) > 1 and list(project.glob("outputs/*/en/*.mp3"))


def test_words_in_a_script_the_voice_cannot_read_are_named_in_a_warning():
    """Issue 24: Hebrew, Arabic and CJK are said as eSpeak NG says them (letter by letter by name, or with
    a voice of its own); the edition never fails on them and says so in its warnings."""
    from pipeline.editions.audio import reading_warnings, unread_words
    from pipeline.ingest import read_release
    from pipeline.localise import localise_source
    from pipeline.segment import segment_release

    sentences = ["Yael Cohen (יעל כהן) met Li Wei (李伟).", "“שלום לכולם”, said Ms Cohen.", "Follow us 📢 #OSCEMC24."]
    assert unread_words(sentences) == ["יעל", "כהן", "李伟", "שלום", "לכולם"]
    source = read_release(REPO / "tests" / "data" / "shapes" / "odihr-cjk-names.md")
    release = localise_source(source, segment_release(source), load_labels("en"))
    (warning,) = reading_warnings(release, "gmw/en-GB", ["Yuki Tanaka (田中 由紀) and Kim Min-jun (김민준)."])
    assert warning == (f"audio edition of {release.release_id} ({release.lang}): the voice gmw/en-GB cannot read 3 "
                       "words in another script (田中, 由紀, 김민준); eSpeak NG names their letters one by one or reads "
                       "them with a voice of its own")
    assert reading_warnings(release, "gmw/en-GB", ["Plain English, Русский, Ελληνικά, 📢."]) == ()
