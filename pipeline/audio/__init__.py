"""The audio edition's parts: the spoken script (`script`), the pronunciation
lexicons (`lexicon`), speech synthesis with pyttsx3 (`synthesis`) and
encoding with ffmpeg and mutagen (`encoding`). `pipeline/editions/audio.py`
puts them together.
"""
