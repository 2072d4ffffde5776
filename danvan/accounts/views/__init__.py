"""Officers' pages: sign-in and second factor (``signin``), account, officers, audit log."""
