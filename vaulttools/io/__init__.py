"""Importers and exporters: LinkedIn, vCard and Google CSV in; vCard and iCalendar out.

Readers turn a file into `Person` records and problems; importer.py matches
them against the vault and plans the edits. Nothing here prints.
"""
