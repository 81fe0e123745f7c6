"""Everything that leaves or enters by a channel: the adapters (SMS gateway, SMTP, national LAPOR!,
the development box), the outbox and its fan-out to recipients, message templates, the daily
digest, SMS 1708 intake, the national exchange, signed webhooks and officers' contacts. Uses
complaints and below; never evaluation, modeler or monitor.
"""
