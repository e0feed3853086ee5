"""Analysts' reviews of incidents and the append-only audit log (being built)."""
