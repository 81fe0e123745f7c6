"""The database over time: its schema as Alembic migrations, and backups. Uses only the shared
modules at the top of engine/.
"""
