"""Backtrack's core: storage, rules and planning, with no UI in it."""
