<?xml version="1.0" encoding="UTF-8"?>
<!-- How the de voice must say acronyms, names and abbreviations (W3C PLS 1.0).
     Each <alias> is said instead of its <grapheme> (whole words, case-sensitive).
     Reviewed by the press office; see docs/audio.md. -->
<lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" alphabet="x-espeak" xml:lang="de">
  <lexeme><grapheme>OSZE</grapheme><alias>O S Z E</alias></lexeme>
  <!-- the English acronym, said as the German one -->
  <lexeme><grapheme>OSCE</grapheme><alias>O S Z E</alias></lexeme>
  <!-- Büro für demokratische Institutionen und Menschenrechte -->
  <lexeme><grapheme>BDIMR</grapheme><alias>B D I M R</alias></lexeme>
  <lexeme><grapheme>ODIHR</grapheme><alias>O D I H R</alias></lexeme>
  <lexeme><grapheme>z. B.</grapheme><alias>zum Beispiel</alias></lexeme>
  <lexeme><grapheme>Dr.</grapheme><alias>Doktor</alias></lexeme>
  <lexeme><grapheme>d. h.</grapheme><alias>das heißt</alias></lexeme>
  <lexeme><grapheme>PDF</grapheme><alias>P D F</alias></lexeme>
</lexicon>
