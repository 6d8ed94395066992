"""Studying away from the network: the installable app, the download of a set, and syncing back.

* :mod:`quizapp.offline.pack` builds what a device downloads to study a set offline.
* :mod:`quizapp.offline.grading_rules` serves the server's grading rules as data for the device.
* :mod:`quizapp.offline.sync` records answers given offline at the time they were given.
* :mod:`quizapp.offline.views` serves the service worker, the web app manifest and the study shell.
"""
