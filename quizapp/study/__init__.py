"""Studying a set with spaced repetition, and the student's study settings."""
