"""Reads an iCalendar file with Debian's python3-icalendar, an independent
parser, and prints what it understood as JSON, for the Go tests:

    /usr/bin/python3 read_ics.py FILE.ics

Each event's start and end are turned into UTC instants through the
file's own VTIMEZONE (icalendar's Timezone.to_tz), not through a zone
database, so the test checks the VTIMEZONE that Frontdesk wrote.
"""
import json
import sys

import icalendar
import pytz

with open(sys.argv[1], 'rb') as f:
    cal = icalendar.Calendar.from_ical(f.read())

def text(v):
    return v.decode() if isinstance(v, bytes) else v


zones = {}
out = {
    'version': str(cal.get('VERSION')),
    'prodid': str(cal.get('PRODID')),
    'calname': str(cal.get('X-WR-CALNAME')),
    'timezones': [],
    'events': [],
}
for tz in cal.walk('VTIMEZONE'):
    tzid = str(tz['TZID'])
    zones[tzid] = tz.to_tz()
    obs = []
    for c in tz.subcomponents:
        obs.append({
            'kind': c.name,
            'dtstart': c['DTSTART'].dt.strftime('%Y%m%dT%H%M%S'),
            'from': text(c['TZOFFSETFROM'].to_ical()),
            'to': text(c['TZOFFSETTO'].to_ical()),
            'name': str(c.get('TZNAME', '')),
        })
    out['timezones'].append({'tzid': tzid, 'observances': obs})


def utc(prop):
    tzid = prop.params['TZID']
    naive = prop.dt.replace(tzinfo=None)
    return zones[tzid].localize(naive).astimezone(pytz.utc).strftime('%Y-%m-%dT%H:%M:%SZ'), tzid


for ev in cal.walk('VEVENT'):
    start, tzid = utc(ev['DTSTART'])
    end, _ = utc(ev['DTEND'])
    out['events'].append({
        'uid': str(ev['UID']),
        'summary': str(ev['SUMMARY']),
        'description': str(ev.get('DESCRIPTION', '')),
        'status': str(ev.get('STATUS', '')),
        'dtstamp': ev['DTSTAMP'].dt.strftime('%Y-%m-%dT%H:%M:%SZ'),
        'tzid': tzid,
        'start': start,
        'end': end,
        'properties': sorted(ev.keys()),
    })
json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
