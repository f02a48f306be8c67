"""Stations (零工市场/零工驿站): the registry, staff assignment, directory, service ledger, evaluation."""
