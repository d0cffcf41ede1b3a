"""The e-mail edition's tests (tests/editions/test_email*.py, tests/commands/test_send.py): edition
settings with the [email] headers, and a right-to-left (Arabic) and a CJK (Chinese) release built by
hand, with the language registered for the test where the language table has none of its own."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Iterator

from pipeline.editions import EditionSettings
from pipeline.ingest import read_release
from pipeline.languages import LANGUAGES, Language, registered
from pipeline.localise import localise_source
from pipeline.localise.labels import load_labels
from pipeline.release import Heading, Labels, LocalisedRelease, Paragraph, Run, Table
from pipeline.segment import segment_release

from ..conftest import EXAMPLE

SENDER = "OSCE Press Office <press@osce.org>"
LIST = "press-releases@lists.osce.org"
UNSUBSCRIBE = ("mailto:press-releases-leave@lists.osce.org?subject=unsubscribe",
               "https://lists.osce.org/unsubscribe/press-releases?token=0123456789abcdef0123456789abcdef")


@dataclass(frozen=True)
class MailSettings(EditionSettings):
    """EditionSettings with the [email] table's headers, as run.py's `edition_settings` is to pass them
    (`email_from`, `email_to`, `email_reply_to`, `list_unsubscribe`; editions/email.py `mail_headers`)."""

    email_from: str = SENDER
    email_to: tuple[str, ...] = (LIST,)
    email_reply_to: str = ""
    list_unsubscribe: tuple[str, ...] = UNSUBSCRIBE


def example(lang: str = "en") -> LocalisedRelease:
    """The bundled example as the localise stage hands it to the editions (the source, or a target
    left in English: its notice says how many sentences are untranslated)."""
    release = replace(read_release(EXAMPLE), lang=lang)
    return localise_source(release, segment_release(release), load_labels(lang))


TEST_LANGUAGES = {
    "ar": Language("ar", "ar", "العربية", "ar", direction="rtl", iso639_2="ara"),
    "zh": Language("zh", "zh_Hans", "中文", "cmn", iso639_2="zho"),
}


@contextmanager
def language_for_test(tag: str) -> Iterator[Language]:
    """The language table's own module for `tag` where there is one, else a test's for the time of a test."""
    if tag in LANGUAGES:
        yield LANGUAGES[tag]
        return
    with registered(TEST_LANGUAGES[tag]) as spec:
        yield spec


ARABIC_LABELS = {"Press release": "بيان صحفي", "Contacts": "جهات الاتصال", "Links": "روابط", "Notes": "ملاحظات",
                 "Photo": "صورة", "Table": "جدول", "E-mail": "البريد الإلكتروني", "Office": "المكتب",
                 "Mobile": "الهاتف المحمول"}
CHINESE_LABELS = {"Press release": "新闻稿", "Contacts": "联系人", "Links": "链接", "Notes": "注释", "Photo": "照片",
                  "Table": "表格", "E-mail": "电子邮件", "Office": "办公室", "Mobile": "手机"}
ARABIC_TITLE = "ممثلة منظمة الأمن والتعاون في أوروبا المعنية بحرية وسائل الإعلام تقدم تقريرها السنوي"
CHINESE_TITLE = "欧安组织媒体自由代表提交记者安全年度报告"


def arabic_release() -> LocalisedRelease:
    """A right-to-left release: Arabic text with an English name (marked) and a table."""
    source = example()
    blocks = (
        Paragraph((Run("قدمت الممثلة اليوم تقريرها السنوي عن سلامة الصحفيين إلى "),
                   Run("Permanent Council", lang="en"), Run(" في فيينا."))),
        Paragraph((Run("اقرأ التقرير في "), Run("مكتبة الوثائق", href="https://www.osce.org/fom/report-2023"),
                   Run("."))),
        Heading(2, (Run("التوصيات"),)),
        Table(header=((Run("المنطقة"),), (Run("الهجمات"),)),
              rows=(((Run("أوروبا الشرقية"),), (Run("512"),)), ((Run("آسيا الوسطى"),), (Run("97"),))),
              caption=(Run("الهجمات حسب المنطقة، 2023"),)),
    )
    return replace(source, lang="ar", title=ARABIC_TITLE, dateline="فيينا، 5 مارس 2024", blocks=blocks,
                   further_information=None, labels=Labels("ar", dict(ARABIC_LABELS)))


def chinese_release() -> LocalisedRelease:
    source = example()
    blocks = (
        Paragraph((Run("欧安组织媒体自由代表今天在维也纳向常设理事会提交了记者安全年度报告。"),)),
        Heading(2, (Run("建议"),)),
        Paragraph((Run("报告全文见"), Run("欧安组织文件库", href="https://www.osce.org/fom/report-2023"), Run("。"))),
    )
    return replace(source, lang="zh", title=CHINESE_TITLE, dateline="维也纳，2024年3月5日", blocks=blocks,
                   further_information=None, labels=Labels("zh", dict(CHINESE_LABELS)))
