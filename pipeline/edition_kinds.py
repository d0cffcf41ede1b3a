"""The editions by name, and where each is defined: the table `editions.EDITIONS` is made from.

Plain strings, so that what needs only the names (checking the settings in
config.py, the command line's choices) imports no edition: an edition's
module is imported the first time the edition is used. Register a new
edition here, as "module:Class" in pipeline/editions/.
"""

EDITION_CLASSES: dict[str, str] = {
    "text": "text:TextEdition",
    "pdf": "pdf:PdfEdition",
    "audio": "audio:AudioEdition",
    "audio-opus": "audio:OpusEdition",
    "audio-m4b": "audio:M4bEdition",
    "captions": "captions:CaptionsEdition",
    "json": "data:DataEdition",
    "epub": "epub:EpubEdition",
    "braille": "braille:BrfEdition",
    "pef": "pef:PefEdition",
    "email": "email:EmailEdition",
}
EDITION_NAMES: tuple[str, ...] = tuple(EDITION_CLASSES)
