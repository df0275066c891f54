"""grounding stage."""
