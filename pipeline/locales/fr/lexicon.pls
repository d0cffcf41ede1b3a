<?xml version="1.0" encoding="UTF-8"?>
<!-- How the fr voice must say acronyms, names and abbreviations (W3C PLS 1.0).
     Each <alias> is said instead of its <grapheme> (whole words, case-sensitive).
     Reviewed by the press office; see docs/audio.md. -->
<lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" alphabet="x-espeak" xml:lang="fr">
  <lexeme><grapheme>OSCE</grapheme><alias>O S C E</alias></lexeme>
  <!-- Bureau des institutions démocratiques et des droits de l'homme -->
  <lexeme><grapheme>BIDDH</grapheme><alias>B I D D H</alias></lexeme>
  <!-- the English acronym, said as the French one -->
  <lexeme><grapheme>ODIHR</grapheme><alias>B I D D H</alias></lexeme>
  <lexeme><grapheme>M.</grapheme><alias>Monsieur</alias></lexeme>
  <lexeme><grapheme>Mme</grapheme><alias>Madame</alias></lexeme>
  <lexeme><grapheme>Dr</grapheme><alias>Docteur</alias></lexeme>
  <lexeme><grapheme>p. ex.</grapheme><alias>par exemple</alias></lexeme>
  <lexeme><grapheme>PDF</grapheme><alias>P D F</alias></lexeme>
</lexicon>
