"""Publishing: what a run leaves in the output folder, and the download site.

- `writer`: the one writer of `outputs/` (`OutputFolder`) and a release's
  editions with their manifest (`publish_release`);
- `manifest`: the typed `manifest.json`, written and read in one place;
- `site/`: the download pages and podcast feeds, built from the manifests.
"""
