<?xml version="1.0" encoding="UTF-8"?>
<!-- How the es voice must say acronyms, names and abbreviations (W3C PLS 1.0).
     Each <alias> is said instead of its <grapheme> (whole words, case-sensitive).
     Reviewed by the press office; see docs/audio.md. -->
<lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" alphabet="x-espeak" xml:lang="es">
  <lexeme><grapheme>OSCE</grapheme><alias>O S C E</alias></lexeme>
  <!-- Oficina de Instituciones Democráticas y Derechos Humanos -->
  <lexeme><grapheme>OIDDH</grapheme><alias>O I D D H</alias></lexeme>
  <!-- the English acronym, said as the Spanish one -->
  <lexeme><grapheme>ODIHR</grapheme><alias>O I D D H</alias></lexeme>
  <lexeme><grapheme>Sr.</grapheme><alias>señor</alias></lexeme>
  <lexeme><grapheme>Sra.</grapheme><alias>señora</alias></lexeme>
  <lexeme><grapheme>p. ej.</grapheme><alias>por ejemplo</alias></lexeme>
  <lexeme><grapheme>PDF</grapheme><alias>P D F</alias></lexeme>
</lexicon>
