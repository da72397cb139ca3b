"""Redline's shipped dictionaries (data only; loaded through importlib.resources)."""
