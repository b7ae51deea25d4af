"""Taking records in: decode a batch, check every record, apply the batch in one transaction."""
