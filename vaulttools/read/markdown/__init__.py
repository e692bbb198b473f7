"""A note's body as Markdown has it: what is a comment, and where the headings are."""
