"""The text floor: what every stage reads text with, defined once.

- `patterns.py`: URLs, e-mail addresses, phone numbers and inline tags (`<1>…</1>`),
  with the few named variants a module needs (each says who and why);
- `sentences.py`: where sentences end (`split_sentences`, the translation units'
  sentences; `sentence_spans`, the sentences the audio says and the EPUB marks);
- `offices.py`: the issuing office's official name, looked up in a glossary;
- `direction.py`: which way text runs (right to left or left to right), from each
  character's Unicode bidirectional class.

Any stage may import it; it imports nothing else of the pipeline.
"""
