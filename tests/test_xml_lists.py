"""Black-box test of the ofac_xml and eu_fsf readers through the CLI.

Imports the hand-made fixtures with `lists import` and compares the entity,
name and schema counts in `lists info --json` with counts taken independently
from the fixtures with xml.etree.ElementTree. Standard library only.
"""

import json
import os
import subprocess
import tempfile
import unittest
import xml.etree.ElementTree as ET

BIN = os.environ.get("CHOKEPOINT_BIN", "chokepoint")
SRC = os.environ.get(
    "CHOKEPOINT_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..")
)
OFAC = os.path.join(SRC, "tests/fixtures/ofac_advanced/sdn_advanced_sample.xml")
EU = os.path.join(SRC, "tests/fixtures/eu_fsf/eu_fsf_sample.xml")


def local(tag):
    return tag.rsplit("}", 1)[-1]


def children(node, name):
    return [c for c in node if local(c.tag) == name]


def child(node, name):
    found = children(node, name)
    return found[0] if found else None


def ofac_expected():
    """Entities, distinct (name, kind) pairs and schemas from the fixture."""
    root = ET.parse(OFAC).getroot()
    refs = child(root, "ReferenceValueSets")

    def ref_text(kind, id_):
        for values in refs:
            for v in values:
                if local(v.tag) == kind and v.get("ID") == id_:
                    return (v.text or "").strip()
        raise KeyError((kind, id_))

    def party_type(sub_id):
        for values in refs:
            for v in values:
                if local(v.tag) == "PartySubType" and v.get("ID") == sub_id:
                    text = (v.text or "").strip()
                    if text == "Unknown":
                        return ref_text("PartyType", v.get("PartyTypeID"))
                    return text
        raise KeyError(sub_id)

    entities, names, schemas = 0, 0, {}
    ids_by_identity = {}
    for doc in child(root, "IDRegDocuments"):
        ids_by_identity.setdefault(doc.get("IdentityID"), []).append(
            ref_text("IDRegDocType", doc.get("IDRegDocTypeID"))
        )
    for party in children(child(root, "DistinctParties"), "DistinctParty"):
        entities += 1
        profile = child(party, "Profile")
        kind = party_type(profile.get("PartySubTypeID"))
        seen = set()
        primary_name = None
        doc_types = []
        for identity in children(profile, "Identity"):
            doc_types += ids_by_identity.get(identity.get("ID"), [])
            for alias in children(identity, "Alias"):
                alias_type = ref_text("AliasType", alias.get("AliasTypeID"))
                for i, dn in enumerate(children(alias, "DocumentedName")):
                    text = " ".join(
                        (v.text or "").strip() for v in dn.iter() if local(v.tag) == "NamePartValue"
                    )
                    if alias.get("Primary") == "true":
                        name_kind = "primary" if i == 0 else "strong"
                        if i == 0:
                            primary_name = text
                    elif alias_type == "F.K.A.":
                        name_kind = "former"
                    elif alias.get("LowQuality") == "true":
                        name_kind = "weak"
                    else:
                        name_kind = "strong"
                    # Word order may differ from the reader's; the set of
                    # words identifies the name.
                    seen.add((frozenset(text.split()), name_kind))
        names += len(seen)
        if kind == "Individual":
            schema = "Person"
        elif kind in ("Vessel", "Aircraft"):
            schema = kind
        else:
            legal = {"LTD.", "LTD", "CO.,", "CO.", "LLC", "JSC", "OOO"}
            company_docs = {"Registration Number", "Tax ID No.", "Unified Social Credit Code (USCC)"}
            words = set(primary_name.upper().split())
            schema = "Company" if (words & legal or set(doc_types) & company_docs) else "Organization"
        schemas[schema] = schemas.get(schema, 0) + 1
    return entities, names, schemas


def eu_expected():
    root = ET.parse(EU).getroot()
    entities, names, schemas = 0, 0, {}
    for se in children(root, "sanctionEntity"):
        entities += 1
        aliases = [a for a in children(se, "nameAlias") if a.get("wholeName")]
        # One alias becomes primary, the others keep strong or weak: the
        # number of names is the number of distinct (name, strength) pairs.
        names += len({(a.get("wholeName"), a.get("strong")) for a in aliases})
        code = child(se, "subjectType").get("code")
        if code == "person":
            schema = "Person"
        else:
            first = aliases[0].get("wholeName").upper().split()
            codes = {i.get("identificationTypeCode") for i in children(se, "identification")}
            legal = {"JSC", "LLC", "LTD", "OOO", "AO"}
            schema = "Company" if (set(first) & legal or codes & {"regnumber", "fiscalcode"}) else "Organization"
        schemas[schema] = schemas.get(schema, 0) + 1
    return entities, names, schemas, root.get("generationDate")[:10]


class XmlListsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        snap = os.path.join(cls.tmp.name, "test.snap")
        subprocess.run(
            [BIN, "lists", "import", "--quiet", "--out", snap, "ofac_xml:" + OFAC, "eu_fsf:" + EU],
            check=True,
        )
        info = subprocess.run(
            [BIN, "lists", "info", "--snapshot", snap, "--json"],
            check=True,
            capture_output=True,
            text=True,
        )
        cls.info = json.loads(info.stdout)
        cls.sources = {s["format"]: s for s in cls.info["sources"]}

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_ofac_counts(self):
        entities, names, schemas = ofac_expected()
        src = self.sources["ofac_xml"]
        self.assertEqual(src["source"], "us_ofac_sdn")
        self.assertEqual(src["entities"], entities)
        self.assertEqual(src["names"], names)
        self.assertEqual(src["schemas"], schemas)
        self.assertEqual(src["problems"], 0)
        root = ET.parse(OFAC).getroot()
        date = child(root, "DateOfIssue")
        y, m, d = (int(child(date, k).text) for k in ("Year", "Month", "Day"))
        self.assertEqual(src["list_date"], "%04d-%02d-%02d" % (y, m, d))

    def test_eu_counts(self):
        entities, names, schemas, date = eu_expected()
        src = self.sources["eu_fsf"]
        self.assertEqual(src["entities"], entities)
        self.assertEqual(src["names"], names)
        self.assertEqual(src["schemas"], schemas)
        self.assertEqual(src["list_date"], date)

    def test_total(self):
        self.assertEqual(self.info["entities"], ofac_expected()[0] + eu_expected()[0])

    def test_truncated_file_fails_naming_it(self):
        with open(OFAC, encoding="utf-8") as f:
            data = f.read()
        path = os.path.join(self.tmp.name, "cut.xml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(data[: len(data) // 2])
        r = subprocess.run(
            [BIN, "lists", "import", "--quiet", "--out", os.path.join(self.tmp.name, "x.snap"),
             "ofac_xml:" + path],
            capture_output=True,
            text=True,
        )
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("cut.xml:", r.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.tmp.name, "x.snap")))


if __name__ == "__main__":
    unittest.main()
