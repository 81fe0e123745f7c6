"""Alur's workflow runtime and complaint domain (no Flask, no forms)."""
