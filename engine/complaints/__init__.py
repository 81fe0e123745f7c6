"""The complaint domain and its use cases: intake (with the standard's ID-copy requirement), the
reporter's side, tasks and the inbox, the tasks the heads of the team give an Anggota, what each
viewer may see and the reporter's confidentiality choices, attachments, publication, the
registration book, durations, and one workflow step with its projection into the query tables;
timers and demo data. Uses workflow, accounts, reference, calendar and the shared modules.
"""
