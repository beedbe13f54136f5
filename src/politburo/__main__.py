"""``python -m politburo``: the command line, as the ``politburo`` command."""

from politburo.cli.app import app

if __name__ == "__main__":
    app(prog_name="politburo")
