"""politburo.evidence."""
