<?xml version="1.0" encoding="UTF-8"?>
<!-- How the ru voice must say acronyms, names and abbreviations (W3C PLS 1.0).
     Each <alias> is said instead of its <grapheme> (whole words, case-sensitive).
     Reviewed by the press office; see docs/audio.md. -->
<lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" alphabet="x-espeak" xml:lang="ru">
  <lexeme><grapheme>ОБСЕ</grapheme><alias>О Б С Е</alias></lexeme>
  <!-- the English acronym, said as the Russian one -->
  <lexeme><grapheme>OSCE</grapheme><alias>О Б С Е</alias></lexeme>
  <!-- Бюро по демократическим институтам и правам человека -->
  <lexeme><grapheme>БДИПЧ</grapheme><alias>Б Д И П Ч</alias></lexeme>
  <!-- the English acronym, said as the Russian one -->
  <lexeme><grapheme>ODIHR</grapheme><alias>Б Д И П Ч</alias></lexeme>
  <!-- after a year: «2024 г.» -->
  <!-- the contact labels' abbreviations -->
  <lexeme><grapheme>тел.</grapheme><alias>телефон</alias></lexeme>
  <lexeme><grapheme>Моб.</grapheme><alias>Мобильный</alias></lexeme>
  <lexeme><grapheme>Эл. почта</grapheme><alias>Электронная почта</alias></lexeme>
  <lexeme><grapheme>г.</grapheme><alias>года</alias></lexeme>
  <lexeme><grapheme>т. е.</grapheme><alias>то есть</alias></lexeme>
  <lexeme><grapheme>PDF</grapheme><alias>П Д Ф</alias></lexeme>
</lexicon>
