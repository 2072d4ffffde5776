"""Views of letters, by area: letters (officers), reception, public pages, notices."""
