"""The audio edition's parts: the spoken script (`script`), the pronunciation
lexicons (`lexicon`), speech synthesis with pyttsx3 (`synthesis`), sentence
timings (`timeline`), the MP3 encoded piece by piece (`recording`) and other
containers with ffmpeg and mutagen (`encoding`). `record` puts them together
into the record stage (one `Narration` per language); `pipeline/editions/audio.py`
makes the audio editions from it.
"""
