"""Translation catalogs apart from the engines that fill them (as translate-toolkit keeps `storage/`
apart from `filters/`, and Babel `pofile.py` beside `catalog.py`).

- `po.py`: PO files read strictly and written without wrapping; any stage may use it
  (the label catalogs of localise/labels.py are read through it);
- `store.py`: a catalog file written only when it changed, never over a file someone saved
  during the run;
- `catalog.py`: the review catalogs' merge policy (no file I/O: it is given the file's bytes);
- `findings.py`: QA findings as the catalogs write them (`# QA:` comments) and read them back;
- `memory.py` with `fuzzy.py`: the translation memory; `tmx.py` and `align.py` feed it;
- `xliff.py`: a review catalog as XLIFF for CAT tools, and back;
- `review.py`: the reviewer's worklist.

Nothing here imports translate/ (the engines, masking, QA): where a catalog needs a
translation checked (the worklist, an XLIFF import), the check is passed in.
"""
