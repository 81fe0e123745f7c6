"""The complaint domain and its use cases: intake, the reporter's side, tasks and the inbox, what
each viewer may see, attachments, publication, the registration book, durations, and one
workflow step with its projection into the query tables; timers and demo data. Uses workflow,
accounts, reference, calendar and the shared modules.
"""
