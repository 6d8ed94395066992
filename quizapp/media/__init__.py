"""Images and sounds of questions: stored by the hash of their bytes, served to whoever may see the set."""
