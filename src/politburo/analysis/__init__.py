"""politburo.analysis."""
