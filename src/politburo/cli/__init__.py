"""politburo.cli."""
