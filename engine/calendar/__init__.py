"""The agency's working days (weekends, holidays, cuti bersama, admins' overrides), the year as
month grids, and reporting periods. Uses only the shared modules.
"""
