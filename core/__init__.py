"""The ground floor: settings, errors, deadlines and language codes.

Every other package imports these; this package imports nothing of docsum's.
"""
