#!/bin/sh
# SPDX-License-Identifier: ISC
#
# Regenerate profiles/demo-data/, the small fictional data set that
# profiles/demo.conf backs up and contrib/demo.sh restores.
#
#   sh contrib/make-demo-data.sh
#
# Everything is derived from fixed seeds, so two runs write the same bytes
# (registry/registry.db is built by the sqlite3 CLI, so it is byte-identical
# for the same SQLite version; its rows are identical for any version).  The
# result is committed: the demo does not need this script, only maintainers
# who change the data set do.  Every name, place and event is invented.
#
# Needs: python3, sqlite3.

set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
out="$top/profiles/demo-data"
tmp="$top/profiles/.demo-data.new"

command -v python3 >/dev/null 2>&1 || { echo "make-demo-data.sh: python3 not found" >&2; exit 1; }
command -v sqlite3 >/dev/null 2>&1 || { echo "make-demo-data.sh: sqlite3 not found" >&2; exit 1; }

rm -rf "$tmp"
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT

python3 - "$tmp" <<'PY'
import hashlib, os, struct, sys, zlib

root = sys.argv[1]

class Rng:
    """splitmix64: tiny, seeded, identical on every Python version."""
    def __init__(self, seed):
        self.s = seed & 0xFFFFFFFFFFFFFFFF
    def next(self):
        self.s = (self.s + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
        z = self.s
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
        return z ^ (z >> 31)
    def below(self, n):
        return self.next() % n
    def pick(self, seq):
        return seq[self.below(len(seq))]

def write(rel, data, mode=0o644):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(path, "wb") as f:
        f.write(data)
    os.chmod(path, mode)

# --- registry/births.csv ----------------------------------------------------
rng = Rng(20260112)
given_f = ["Ada", "Brisa", "Céleste", "Dora", "Elsa", "Fanny", "Gemma", "Hélène",
           "Ines", "Jade", "Lotte", "Maëlle", "Nora", "Odile", "Paloma", "Rosa",
           "Solène", "Tilda", "Ulla", "Vera", "Wanda", "Zoé"]
given_m = ["Albin", "Bruno", "Cyril", "Dario", "Émile", "Félix", "Gaspard", "Hugo",
           "Ivo", "Jonas", "Kilian", "Léon", "Malo", "Noé", "Oskar", "Pablo",
           "Quentin", "Rémi", "Sven", "Théo", "Victor", "Yann"]
given_x = ["Alex", "Camille", "Dominique", "Sacha", "Charlie", "Morgan"]
sur_a = ["Quill", "Bramble", "Fenn", "Thistle", "Marrow", "Puddle", "Wimble",
         "Crumb", "Nettle", "Tumble", "Gossam", "Pimble", "Snorkel", "Dabble",
         "Muddle", "Fizzle", "Wobble", "Clatter", "Binkle", "Sprocket"]
sur_b = ["wick", "ton", "by", "worth", "ford", "feather", "bottom", "hollow",
         "field", "thorpe", "shaw", "combe", "mere", "ridge", "stead"]
places = ["Sampleford", "Exampleton", "Mockbury", "Dummyvale",
          "Placeholder-on-Sea", "Lorem-les-Ipsum", "Fictonville"]
mdays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

def leap(y):
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)

def add_days(y, m, d, n):
    for _ in range(n):
        d += 1
        if d > mdays[m - 1] + (1 if m == 2 and leap(y) else 0):
            d, m = 1, m + 1
            if m > 12:
                m, y = 1, y + 1
    return y, m, d

def surname():
    return rng.pick(sur_a) + rng.pick(sur_b)

rows = ["record_id,surname,given_name,sex,birth_date,birth_place,father,mother,registered_on"]
years = list(range(1950, 2026))
nrows = 6000
for i in range(nrows):
    y = years[(i * len(years)) // nrows]      # sorted by year, like a real register
    m = 1 + rng.below(12)
    d = 1 + rng.below(mdays[m - 1] + (1 if m == 2 and leap(y) else 0))
    sx = rng.below(100)
    sex, first = ("F", rng.pick(given_f)) if sx < 49 else \
                 ("M", rng.pick(given_m)) if sx < 98 else ("X", rng.pick(given_x))
    fam = surname()
    father = rng.pick(given_m) + " " + fam
    mother = rng.pick(given_f) + " " + surname()
    ry, rm, rd = add_days(y, m, d, 1 + rng.below(10))
    rows.append("FICT-%04d-%05d,%s,%s,%s,%04d-%02d-%02d,%s,%s,%s,%04d-%02d-%02d" % (
        y, i + 1, fam, first, sex, y, m, d, rng.pick(places), father, mother, ry, rm, rd))
write("registry/births.csv", "\n".join(rows) + "\n")

write("registry/README.txt", """\
Civil registry of the Town of Sampleford -- FICTIONAL DEMO DATA
===============================================================

births.csv   %d birth records, 1950-2025, one per line, with a header.
registry.db  the same records in an SQLite database (table "births"),
             built from births.csv with the sqlite3 command-line tool.

Every person, parent and place in these files is invented by a seeded
generator (contrib/make-demo-data.sh).  Any resemblance to real people
is a coincidence.  Record ids start with FICT- to make that obvious.

Check the database after a restore with:

    sqlite3 registry.db 'PRAGMA integrity_check'
    sqlite3 registry.db 'SELECT count(*) FROM births'
""" % nrows)

# --- documents: minutes and letters -------------------------------------------
write("documents/procès-verbal 2026.md", """\
# Commune de Sampleford — procès-verbal du conseil municipal

**Séance du lundi 12 janvier 2026, 19 h 00, salle du conseil (fictive)**

Présents : Mme Odile Quillworth (maire), M. Félix Brambleton (1er adjoint),
Mme Solène Thistlecombe, M. Hugo Puddleby, Mme Maëlle Wimbleford,
M. Rémi Nettleshaw, Mme Inès Crumbhollow.
Excusé : M. Yann Fizzlethorpe (pouvoir à Mme Quillworth).
Secrétaire de séance : Mme Solène Thistlecombe.

## 1. Approbation du procès-verbal de la séance du 16 décembre 2025

Adopté à l'unanimité.

## 2. Sauvegarde et continuité des services numériques

Mme la maire rappelle l'audit de novembre 2025 : les sauvegardes de l'état
civil existent, mais aucune restauration n'avait jamais été essayée et le
plan de continuité ne disait pas combien de temps elle prendrait.

Le service informatique présente la nouvelle procédure :

1. sauvegarde quotidienne, signée, du registre d'état civil et des
   délibérations ;
2. restauration d'essai chaque semaine dans un bac à sable, avec contrôle de
   la base de données ;
3. rapport trimestriel transmis au conseil et à l'auditeur.

Objectifs retenus : reprise en moins de 4 heures (RTO), perte de données de
moins de 26 heures (RPO).

*Délibération 2026-001* : le conseil approuve la procédure.
Pour : 8. Contre : 0. Abstention : 0.

## 3. Travaux du réseau d'eau, rue des Exemples

Le devis de l'entreprise (fictive) Sprocketfield & fils est présenté :
48 300 € HT. M. Puddleby demande que les riverains soient informés par
courrier au moins quinze jours avant le début du chantier.

*Délibération 2026-002* : adoptée. Pour : 7. Contre : 0. Abstention : 1.

## 4. Questions diverses

- Horaires d'hiver de la médiathèque : inchangés.
- Le repas des aînés aura lieu le samedi 7 février 2026.

La séance est levée à 20 h 41.

La maire, O. Quillworth — La secrétaire, S. Thistlecombe
""")

def minutes(date, number, items):
    lines = ["# Town of Sampleford — minutes of the council meeting", "",
             "**%s, 7 pm, council chamber (fictional town)**" % date, "",
             "Present: Mayor Odile Quillworth, Félix Brambleton (deputy),",
             "Solène Thistlecombe, Hugo Puddleby, Maëlle Wimbleford,",
             "Rémi Nettleshaw, Inès Crumbhollow, Yann Fizzlethorpe.", ""]
    for n, (title, body, vote) in enumerate(items, 1):
        lines += ["## %d. %s" % (n, title), "", body, ""]
        if vote:
            lines += ["*Resolution %s-%02d*: %s" % (number, n, vote), ""]
    lines += ["The meeting closed at 8.52 pm.", ""]
    return "\n".join(lines)

write("documents/minutes-2025-11-18.md", minutes(
    "Tuesday 18 November 2025", "2025-11", [
    ("Audit of the town's IT services",
     "The auditor's report was presented. Backups of the civil registry and of\n"
     "the council's resolutions are taken every night, but no restore has ever\n"
     "been tested, and the continuity plan does not say how long a restore\n"
     "would take. The auditor asks for evidence of tested restores.", None),
    ("Winter road gritting",
     "Two hundred tonnes of salt have been ordered from the (fictional)\n"
     "Dabbleridge depot. The gritting rota starts on 1 December.",
     "approved, 8 for, 0 against."),
    ("Library opening hours",
     "Opening on Saturday afternoons is extended until the end of March.",
     "approved, 6 for, 1 against, 1 abstention."),
    ]))

write("documents/minutes-2025-12-16.md", minutes(
    "Tuesday 16 December 2025", "2025-12", [
    ("Backup and restore procedure",
     "The IT department proposes signed nightly backups and a weekly test\n"
     "restore into a sandbox, with an evidence report every quarter. A first\n"
     "test restore of the civil registry took 11 minutes.",
     "the council asks for the procedure to be formally adopted in January."),
    ("Budget 2026, first reading",
     "Operating budget: 4 812 000 EUR. Investment budget: 1 245 000 EUR,\n"
     "including the water network works in Example Street.", None),
    ("Any other business",
     "The Christmas market will be held on the town square on 20 December.", None),
    ]))

write("documents/letter-water-works.txt", """\
Town of Sampleford (fictional)
Town Hall, 1 Placeholder Square, Sampleford

                                                   Sampleford, 19 January 2026

To the residents of Example Street

Subject: water network works, 2 March to 10 April 2026

Dear residents,

Following resolution 2026-002 of the town council, the water mains under
Example Street will be replaced from 2 March to 10 April 2026.

During the works, the street will be closed to through traffic between
8 am and 5 pm on weekdays. Access to your home remains possible at all
times. Water will be cut for no more than four hours at a time; you will
be told at least 48 hours in advance by a notice on your door.

For any question, the technical services are available on weekdays from
9 am to 12 noon at the town hall.

Yours faithfully,

Odile Quillworth
Mayor of Sampleford
""")

write("documents/letter-auditor.txt", """\
Town of Sampleford (fictional)
IT department

                                                   Sampleford, 20 January 2026

To: the external auditor, Mockbury Audit & Partners (fictional)

Subject: evidence of tested restores

Dear Madam, dear Sir,

Following your report of November 2025, the town has put in place:

  * nightly, signed backups of the civil registry and of the council's
    documents, kept off site;
  * a weekly test restore into a sandbox, in which every file is re-hashed
    and the registry database is checked with "PRAGMA integrity_check";
  * a record of every backup and test restore, from which a report for
    each quarter is produced.

The first quarterly report will be sent to you in April 2026. Each
snapshot can also be checked without our software, with openssl, zstd
and tar; the commands are attached.

Kind regards,

Rémi Nettleshaw
Head of IT
""")

# --- documents/scans: incompressible stand-ins for scanned pages ---------------
def png_noise(seed, width, height):
    """A valid PNG of random pixels: as incompressible as a real photo or scan."""
    noise = hashlib.shake_256(seed.encode()).digest(width * 3 * height)
    raw = b"".join(b"\x00" + noise[r * width * 3:(r + 1) * width * 3]
                   for r in range(height))
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data +
                struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) +
            chunk(b"IDAT", zlib.compress(raw, 0)) + chunk(b"IEND", b""))

for n in range(1, 4):
    write("documents/scans/archive-box-%02d.png" % n,
          png_noise("restorable demo scan %d" % n, 640, 360))

# --- things the profile excludes -----------------------------------------------
crng = Rng(7)
write("cache/thumbnails.idx",
      "# thumbnail cache, rebuilt on demand: excluded by the profile's \"cache/\"\n"
      + "".join("scans/archive-box-%02d.png %016x\n" % (n, crng.next())
                for n in range(1, 4)))
write("documents/scratch.tmp",
      "editor scratch file: excluded by the profile's \"*.tmp\"\n")

write("README.txt", """\
restorable demo data set -- everything here is FICTIONAL
=========================================================

The files of an invented town hall, "Sampleford", small enough to ship with
the source and varied enough to exercise a backup:

  documents/   council minutes and letters (Markdown and plain text; one
               file name is UTF-8 with a space: "procès-verbal 2026.md";
               latest-minutes.md is a symbolic link to it)
  documents/scans/
               three PNG images of random pixels standing in for scanned
               pages: incompressible, like real photos and scans
  registry/    a civil registry: births.csv and the SQLite database
               registry.db built from it
  cache/, *.tmp
               left out by the profile's exclude list, to show excludes

profiles/demo.conf backs this directory up; contrib/demo.sh runs the whole
demo.  contrib/make-demo-data.sh regenerates it from fixed seeds.
""")
PY

# The symbolic link: restore must bring it back as a link, not as a copy.
ln -s "procès-verbal 2026.md" "$tmp/documents/latest-minutes.md"

# The database, from the CSV, with the stock sqlite3 CLI.
(
	cd "$tmp/registry"
	sqlite3 registry.db <<'SQL'
PRAGMA page_size = 4096;
CREATE TABLE births (
	record_id     TEXT PRIMARY KEY,
	surname       TEXT NOT NULL,
	given_name    TEXT NOT NULL,
	sex           TEXT NOT NULL CHECK (sex IN ('F', 'M', 'X')),
	birth_date    TEXT NOT NULL,
	birth_place   TEXT NOT NULL,
	father        TEXT,
	mother        TEXT,
	registered_on TEXT NOT NULL
);
.import --csv --skip 1 births.csv births
CREATE INDEX births_by_surname ON births (surname, given_name);
CREATE INDEX births_by_date ON births (birth_date);
VACUUM;
SQL
	test "$(sqlite3 registry.db 'PRAGMA integrity_check')" = ok
	chmod 0644 registry.db
)

rm -rf "$out"
mv "$tmp" "$out"
trap - EXIT
echo "make-demo-data.sh: wrote $out ($(du -sh "$out" | cut -f1))"
