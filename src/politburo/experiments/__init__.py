"""politburo.experiments."""
