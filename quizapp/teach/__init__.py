"""The teacher's pages under /teach, and the page where students join a class."""
