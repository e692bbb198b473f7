"""Phone sync: the vault's half of keeping a phone's contacts and calendar in step.

vdirsyncer (pimutils) syncs a *vdir*, a folder of one `.vcf` or `.ics` file an
item, two ways with any CardDAV/CalDAV server; vaulttools writes and reads
those folders (vdir.py), the contacts as cards and the due list as reminders
(push.py).
"""
