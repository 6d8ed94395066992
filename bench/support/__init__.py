"""Pieces the bench scripts share (not benches themselves: `make bench` runs only bench/*.py)."""
