"""The `alur` command: database, web server, worker, demo data, complaints and tasks, accounts,
reports, the digest and the outbox from a terminal."""
