"""Front matter's YAML: the strict reference loader (strict.py), the PyYAML loader
behind it, the fast path that answers to it (fast.py), and values written back
the way every reader reads them (values.py)."""
