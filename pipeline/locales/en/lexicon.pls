<?xml version="1.0" encoding="UTF-8"?>
<!-- How the en voice must say acronyms, names and abbreviations (W3C PLS 1.0).
     Each <alias> is said instead of its <grapheme> (whole words, case-sensitive).
     Reviewed by the press office; see docs/audio.md. -->
<lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" alphabet="x-espeak" xml:lang="en">
  <!-- the Organization for Security and Co-operation in Europe, spelled out -->
  <lexeme><grapheme>OSCE</grapheme><alias>O S C E</alias></lexeme>
  <!-- spelled, as staff say it; in lower case because eSpeak reads a capital "I" standing alone
       as the unstressed pronoun ("O D I H R" is heard "ODI HR"), a small "i" as the letter -->
  <lexeme><grapheme>ODIHR</grapheme><alias>o d i h r</alias></lexeme>
  <lexeme><grapheme>HCNM</grapheme><alias>H C N M</alias></lexeme>
  <lexeme><grapheme>RFoM</grapheme><alias>R F o M</alias></lexeme>
  <lexeme><grapheme>OSCE's</grapheme><alias>O S C E's</alias></lexeme>
  <lexeme><grapheme>ODIHR's</grapheme><alias>o d i h r's</alias></lexeme>
  <lexeme><grapheme>e.g.</grapheme><alias>for example</alias></lexeme>
  <lexeme><grapheme>i.e.</grapheme><alias>that is</alias></lexeme>
  <lexeme><grapheme>Dr.</grapheme><alias>Doctor</alias></lexeme>
  <lexeme><grapheme>Mr.</grapheme><alias>Mister</alias></lexeme>
  <lexeme><grapheme>Ms.</grapheme><alias>Miz</alias></lexeme>
  <!-- Polish for street, in addresses -->
  <lexeme><grapheme>Ul.</grapheme><alias>ulica</alias></lexeme>
  <lexeme><grapheme>No.</grapheme><alias>number</alias></lexeme>
  <!-- ODIHR Director Matteo Mecacci -->
  <lexeme><grapheme>Mecacci</grapheme><alias>Mekatchi</alias></lexeme>
  <lexeme><grapheme>PDF</grapheme><alias>P D F</alias></lexeme>
</lexicon>
