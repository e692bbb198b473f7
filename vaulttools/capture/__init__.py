"""What already happened, read from files the user has: mail (mbox, Maildir, .eml),
calendars (.ics) and LinkedIn messages (the export's messages.csv).

Each source (mail.py, calendar.py, linkedin.py) yields plain records
(records.py); planner.py matches them to contacts and turns them into log
lines; ledger.py remembers what was captured, in the user's state folder,
never in the vault; run.py ties them together under the vault's write lock.
Never a message body: only who, when, and the subject or title.
"""
