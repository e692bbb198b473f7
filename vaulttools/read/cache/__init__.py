"""The parse cache: its file (store.py), its codec, and the helper process that
may load and save it beside a command."""
