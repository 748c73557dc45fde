"""Internationalisation: translatable text values, gettext catalogs and locale-aware formatting."""
