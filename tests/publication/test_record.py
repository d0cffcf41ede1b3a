"""The public history survives its JSON round trip, and versions replace or follow each other."""

from pipeline.publication.record import PublicationRecord, PublicVersion, Withdrawal
from pipeline.publish.manifest import FileEntry


def test_a_record_reads_back_what_it_wrote():
    entry = FileEntry("fr", "text", "fr/x.fr.txt", "text/plain", 10, "a" * 64, "reviewed")
    record = PublicationRecord("x").with_version("fr", PublicVersion(1, "2024-03-05T10:00:00+01:00", "b" * 64,
                                                                      None, (entry,)))
    record = record.with_version("fr", PublicVersion(2, "2024-03-06T10:00:00+01:00", "c" * 64, "Fixed.", (entry,)))
    record = record.with_version("fr", PublicVersion(2, "2024-03-06T10:00:00+01:00", "c" * 64, "Fixed.", ()))
    assert [v.number for v in record.versions["fr"]] == [1, 2] and record.latest("fr").files == ()
    withdrawn = PublicationRecord(record.release_id, record.versions, Withdrawal("A", "2024-03-07T00:00:00+00:00", "R"))
    again = PublicationRecord.from_dict("x", withdrawn.to_dict())
    assert again == withdrawn and again.first_published("fr") == "2024-03-05T10:00:00+01:00"
