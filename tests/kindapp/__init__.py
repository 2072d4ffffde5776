"""A kind of case defined only under ``tests/``: the proof that adding a kind touches no file
of ``danvan/`` (see ``CONTRIBUTING.md``, whose worked example it is).

A resident reports a broken street light; the commune must repair it within 5 working days.
The app declares the kind (manifest), ships its rule of law, adds a panel to the case page,
a link to the public tracking page, an indicator, and mounts one public page — all through
``contributions.register()``. ``tests/settings.py`` installs it.
"""
