"""Publication: what of a built release the public sees, and when.

- `decide.py`: per release and language, at one instant (`--now`), public or
  preview, under the policy, approvals, embargo and withdrawal; the lines the
  editions carry (draft, embargo, correction);
- `approvals.py`: sign-off records beside the catalogs, and the content hashes
  that make an approval stale;
- `record.py`: a release's public history (versions, withdrawal);
- `public.py`: the public tree, switched whole;
- `moments.py`: instants (ISO 8601 with offsets).

The commands are commands/approve.py, commands/publish.py and commands/withdraw.py.
"""
