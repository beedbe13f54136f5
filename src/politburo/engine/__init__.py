"""politburo.engine."""
