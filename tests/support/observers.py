"""An archived release and its human French translation (the office's own, not an engine's): the
pair `memory align` and `evaluate` read (tests/catalogs/test_align.py,
tests/translate/test_evaluate.py)."""

ENGLISH = """# OSCE supports election observers in the region

The OSCE opened a training course for election observers in Vienna today. Forty observers from twelve countries take part in the course.

They will learn how to assess voter registration and the counting of votes. “Independent observation builds trust in elections,” the Director said.

## Background

The course is part of a project funded by voluntary contributions. The next course will take place in the autumn.
"""
FRENCH = """# L’OSCE soutient les observateurs électoraux de la région

L’OSCE a ouvert aujourd’hui à Vienne un cours de formation pour les observateurs électoraux. Quarante observateurs de douze pays participent au cours.

Ils apprendront à évaluer l’inscription des électeurs et le dépouillement des votes. « L’observation indépendante renforce la confiance dans les élections », a déclaré le Directeur.

## Contexte

Le cours fait partie d’un projet financé par des contributions volontaires. Le prochain cours aura lieu à l’automne.
"""
