#!/bin/sh
# Makes omik-title-table-image.docx: a Word release as the OSCE Mission in Kosovo drafts it,
# with the title in Word's Title style (pandoc's YAML `title:`), a table of figures with a
# "Table 1:" caption paragraph, and a picture with alt text, an italic caption and a credit.
# Run from anywhere: sh tests/data/shapes/make_docx.sh (needs pandoc and python3).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A 320×200 PNG (a plain blue-grey gradient) stands for the photo; made here so that only
# the .docx is committed.
python3 - "$work/photo.png" <<'PY'
import struct, sys, zlib
w, h = 320, 200
rows = b"".join(b"\x00" + bytes(v for x in range(w) for v in (40 + x // 4, 70 + y // 3, 120)) for y in range(h))
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
png += chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PY

cat > "$work/in.md" <<'MD'
---
title: Survey shows 58 per cent of Kosovo residents feel safe in their neighbourhood at night
---

PRESS RELEASE

PRISTINA, 27 March 2023 – The OSCE Mission in Kosovo today presented the results of its fifth public safety survey, carried out among 2,400 residents of 38 municipalities in November and December 2022.

The survey shows that 58 per cent of residents feel safe walking alone in their neighbourhood at night, up from 49 per cent in 2019. Women, older people and members of non-majority communities feel less safe than others.

Table 1: Residents who feel safe walking alone in their neighbourhood at night, 2019 and 2022

| Group | 2019 | 2022 | Change |
|---|---:|---:|---:|
| All residents | 49% | 58% | +9 |
| Women | 38% | 47% | +9 |
| Men | 61% | 69% | +8 |
| Residents aged 65 and over | 35% | 41% | +6 |
| Kosovo Serb community | 44% | 46% | +2 |

“The police are trusted by 71 per cent of residents, but trust is much lower where people do not see officers who speak their language,” said Ambassador Tomas Eriksen, Head of the OSCE Mission in Kosovo.

![Police officers and residents sit around a table at a meeting of the Municipal Community Safety Council in Mitrovica/Mitrovicë.](photo.png)

*Members of the Municipal Community Safety Council of Mitrovica/Mitrovicë South discuss the results of the survey, 24 March 2023.*

Photo: OSCE/Arben Krasniqi

The full survey is available in Albanian, Serbian and English at https://www.osce.org/mission-in-kosovo/public-safety-survey-2022.

**Contact:**

Arben Krasniqi

Spokesperson, OSCE Mission in Kosovo

Tel.: +383 38 240 100 ext. 1127

arben.krasniqi@osce.org
MD

cd "$work"
SOURCE_DATE_EPOCH=1679900000 pandoc --from markdown-implicit_figures in.md -o "$here/omik-title-table-image.docx"
