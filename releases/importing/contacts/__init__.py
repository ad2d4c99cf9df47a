"""Press contacts as documents write them: where they are, and who each one is.

Where: under a heading in the languages press offices write ("Press contacts", "Contacts
presse", "Pressekontakt", "Contatti stampa", "Contacto de prensa", "Persvoorlichting",
"お問い合わせ先"); on one line after such a heading ("Contact presse : Name Tél. 01 …"); in
a parenthesis closing the body ("(For more information: Name – Tel.: …; Name – Tel.: …)");
after "-end-"; or before the headline (the NASA layout).

Who: a person (a name, title lines, phones, an e-mail) or an office with no person ("ESA
Media Relations Office", with Tel and Fax lines); written one at a time, several names
sharing a line ("Name/Name" with "202-555-0142/0157"), or as lists (the names, then the
phones, then the e-mails, paired by order). What cannot be paired is kept, and noted for
review with the details it could not place.

The parts, each read alone (parse.py's contacts stage calls them):
- `headings.py`: a contacts heading and the agency it names; sections and end marks around it;
- `inline.py`: a contact on its heading's line, or in a parenthesis closing the body;
- `unheaded.py`: a contact paragraph with no heading; the press site written alone;
- `blocks.py`: one block read (`parse_contact_block`), through `reader.py`, which opens
  contacts line by line and shares out their details;
- `lines.py`: one line read into text, numbers and e-mails (`read_line`), with `details.py`
  (phones, e-mail addresses and their labels);
- `written.py`: what a text line says (people, title, office, organisation), with `names.py`
  (what looks like a person, a title, an office or an organisation).
"""
