<?xml version="1.0" encoding="UTF-8"?>
<!-- How the it voice must say acronyms, names and abbreviations (W3C PLS 1.0).
     Each <alias> is said instead of its <grapheme> (whole words, case-sensitive).
     Reviewed by the press office; see docs/audio.md. -->
<lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" alphabet="x-espeak" xml:lang="it">
  <lexeme><grapheme>OSCE</grapheme><alias>O S C E</alias></lexeme>
  <lexeme><grapheme>ODIHR</grapheme><alias>O D I H R</alias></lexeme>
  <lexeme><grapheme>Sig.</grapheme><alias>Signor</alias></lexeme>
  <lexeme><grapheme>Dott.</grapheme><alias>Dottor</alias></lexeme>
  <lexeme><grapheme>ad es.</grapheme><alias>ad esempio</alias></lexeme>
  <lexeme><grapheme>PDF</grapheme><alias>P D F</alias></lexeme>
</lexicon>
