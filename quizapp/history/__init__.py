"""Scored history and progress: what a student (and a teacher, for their sets) sees of the past."""
