"""Hörnsten: vision and citizen-dialogue data platform."""
