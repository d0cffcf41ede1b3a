"""QA findings: what a check found, how serious it is, and how it is written.

A finding is written into the review catalog as a translator comment
`# QA: <code>: <detail>` and read back from it by the same code, so the
severity travels with the code and is never guessed from free text. The
type lives with the catalogs, which write and read it; translate/qa.py and
hygiene.py make findings.

- BLOCKING: a fact or a link would be lost or broken (a URL, e-mail address,
  phone number or number the source has; an inline tag broken or invented; a
  placeholder left over; a control character, which no edition can show and
  which makes the PDF fail). A reviewed entry with such a finding is not
  published, and the run ends with exit status 1.
- WARNING: the text reads badly or may be wrong (engine unknown words, a
  pivot-language word, spacing, a glossary term missing …); it is published
  and shown to reviewers.
"""

from __future__ import annotations

from dataclasses import dataclass

BLOCKING, WARNING = "blocking", "warning"
QA_PREFIX = "QA: "  # translator comment (#) with one finding

# code → (severity, how the one-line summary of a blocked reviewed entry says it)
CODES: dict[str, tuple[str, str]] = {
    "url missing": (BLOCKING, "drops {}"),
    "email missing": (BLOCKING, "drops {}"),
    "phone missing": (BLOCKING, "drops {}"),
    "number missing": (BLOCKING, "drops the number {}"),
    "tag broken": (BLOCKING, "breaks the inline tags {}"),
    "tag unknown": (BLOCKING, "has an unknown inline tag {}"),
    "leftover placeholder": (BLOCKING, "has a placeholder the engine invented or broke: {}"),
    "control character": (BLOCKING, "has a control character {} (no edition can show it; remove it)"),
}


@dataclass(frozen=True)
class Finding:
    code: str  # e.g. "url missing"
    detail: str  # e.g. "https://www.osce.org/fom"

    @property
    def severity(self) -> str:
        return CODES.get(self.code, (WARNING, ""))[0]

    @property
    def blocking(self) -> bool:
        return self.severity == BLOCKING

    def summary(self) -> str:
        """What a blocked reviewed entry's one-line report says after "reviewed translation "."""
        template = CODES.get(self.code, (WARNING, "{}"))[1] or "{}"
        return template.format(self.detail)

    def __str__(self) -> str:
        return f"{self.code}: {self.detail}" if self.detail else self.code


def parse(text: str) -> Finding:
    """A finding from its written form (`url missing: https://…`)."""
    code, _, detail = text.partition(": ")
    return Finding(code, detail)


def from_comments(comments: list[str]) -> list[Finding]:
    return [parse(c[len(QA_PREFIX):]) for c in comments if c.startswith(QA_PREFIX)]
