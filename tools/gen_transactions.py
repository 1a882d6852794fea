#!/usr/bin/env python3
"""Generates realistic synthetic shipment records with planted risk cases.

Usage:
  tools/gen_transactions.py [--rows N] [--seed S] [--buyers N] --out FILE.csv
                            [--manifest FILE.csv]
                            [--mt700 FILE.txt --mt700-manifest FILE.csv]
                            [--mt103 FILE.txt --mt103-manifest FILE.csv]

Writes a shipments CSV whose headers are the logical field names of
`chokepoint check --shipments` (ref, date, declarant, shipper, consignee,
notify_party with their _country/_address/_phone/_email/_registration_id/
_incorporated columns, origin, dispatch, destination, transit, hs_code,
description, value, currency, quantity, unit), one goods line per row, and a
manifest (ref, case, expected_rules, expected_decision, note) that is the
ground truth the tests compare the engine's alerts with.

Everything is derived from the seed (Python's random.Random), so the same
arguments always give the same files. Standard library only.

Rows fall into three groups:
  - planted cases (each once per 10,000 rows, at least once): a listed
    consignee written in Cyrillic (a real entity of the bundled OFAC SDN list:
    us_ofac_sdn 37524 JOINT STOCK COMPANY RADIOZAVOD), an FPGA routed via
    Kyrgyzstan to a company founded in 2023, goods consigned "to the order
    of" a bank under a letter of credit, goods described only by a part
    number (XC7A100T-2FGG484I), a freight forwarder and a mail centre as
    consignee, a free-mail address with a foreign phone code, an overpriced
    car, a customer's first CHPL shipment after 2022-02-24 and a spike
    against a customer's pre-2022 CHPL baseline (the last two with their
    pre-2022 history rows, case "history");
  - "control": clean records designed to raise no alert (ordinary goods to
    any country; CHPL goods only to GECC countries; matching phone codes,
    company e-mail domains, plausible prices);
  - "background": legitimate-looking CHPL exports to non-GECC countries,
    which the rules are expected to send to review (not asserted).
With --mt700, a handful of SWIFT MT700 letters of credit are written too:
two planted ones whose bills of lading are consigned to the issuing bank
(46A "made out to the order of issuing bank", and 47A naming the bank) and
controls consigned to the applicant or to the shipper's order.
With --mt103, four SWIFT MT103 payments: one to a listed Russian company
written in Cyrillic (us_ofac_sdn 35348 RADIOAVTOMATIKA LLC), one paying for an
FPGA to the Kyrgyz company founded in 2023, and two controls.
Buyers are drawn from a fixed pool (--buyers, default rows/4 capped at 3000),
so parties repeat across rows as they do in a real export book.
"""
import argparse
import csv
import datetime
import math
import random
import sys

CUTOFF = "2022-02-24"

COUNTRIES = {
    # code: (calling code, tld, legal forms, cities, streets)
    "DE": ("49", "de", ["GmbH", "AG", "GmbH & Co. KG"], ["Stuttgart", "Hamburg", "Munich", "Dresden"], ["Industriestr.", "Hauptstr.", "Am Hafen"]),
    "NL": ("31", "nl", ["B.V.", "N.V."], ["Eindhoven", "Rotterdam", "Utrecht"], ["Havenweg", "Kanaalstraat"]),
    "FR": ("33", "fr", ["SAS", "SA", "SARL"], ["Lyon", "Toulouse", "Grenoble"], ["rue de l'Industrie", "avenue Foch"]),
    "IT": ("39", "it", ["S.r.l.", "S.p.A."], ["Milan", "Turin", "Bologna"], ["Via Roma", "Via Industriale"]),
    "US": ("1", "com", ["Inc.", "LLC", "Corp."], ["San Jose", "Austin", "Boston", "Phoenix"], ["Technology Dr", "Main St", "Commerce Blvd"]),
    "GB": ("44", "co.uk", ["Ltd", "PLC"], ["Cambridge", "Bristol", "Leeds"], ["High Street", "Station Road"]),
    "JP": ("81", "co.jp", ["Co., Ltd.", "K.K."], ["Osaka", "Nagoya", "Yokohama"], ["Chome", "Kita-ku"]),
    "KR": ("82", "co.kr", ["Co., Ltd."], ["Suwon", "Incheon", "Busan"], ["Teheran-ro", "Gongdan-ro"]),
    "CH": ("41", "ch", ["AG", "SA", "GmbH"], ["Zurich", "Basel", "Lausanne"], ["Bahnhofstrasse", "Industriestrasse"]),
    "PL": ("48", "pl", ["Sp. z o.o.", "S.A."], ["Wroclaw", "Gdansk", "Poznan"], ["ul. Przemyslowa", "ul. Dluga"]),
    "SE": ("46", "se", ["AB"], ["Gothenburg", "Malmo"], ["Industrigatan", "Storgatan"]),
    "ES": ("34", "es", ["S.L.", "S.A."], ["Valencia", "Bilbao"], ["Calle Mayor", "Poligono Industrial"]),
    "CA": ("1", "ca", ["Inc.", "Ltd."], ["Toronto", "Montreal"], ["King St", "Rue Sherbrooke"]),
    "AU": ("61", "com.au", ["Pty Ltd"], ["Melbourne", "Brisbane"], ["Collins St", "Industrial Ave"]),
    "TW": ("886", "com.tw", ["Co., Ltd."], ["Hsinchu", "Taichung"], ["Science Park Rd", "Zhongshan Rd"]),
    "CN": ("86", "com.cn", ["Co., Ltd."], ["Shenzhen", "Suzhou", "Ningbo"], ["Keji Road", "Binhai Avenue"]),
    "SG": ("65", "com.sg", ["Pte. Ltd."], ["Singapore"], ["Ubi Avenue", "Jurong Port Road"]),
    "IN": ("91", "in", ["Pvt. Ltd.", "Ltd."], ["Pune", "Bengaluru", "Chennai"], ["MIDC Road", "Industrial Estate"]),
    "BR": ("55", "com.br", ["Ltda.", "S.A."], ["Sao Paulo", "Curitiba"], ["Rua Industrial", "Avenida Paulista"]),
    "MX": ("52", "com.mx", ["S.A. de C.V."], ["Monterrey", "Queretaro"], ["Av. Industrias", "Calle Reforma"]),
    "ZA": ("27", "co.za", ["(Pty) Ltd"], ["Johannesburg", "Durban"], ["Main Reef Road", "Voortrekker Rd"]),
    "TR": ("90", "com.tr", ["A.S.", "Ltd. Sti."], ["Istanbul", "Izmir", "Bursa"], ["Organize Sanayi", "Ataturk Cad."]),
    "AE": ("971", "ae", ["LLC", "FZE", "FZCO"], ["Dubai", "Sharjah"], ["Jebel Ali Free Zone", "Sheikh Zayed Road"]),
    "KZ": ("7", "kz", ["LLP", "JSC"], ["Almaty", "Astana"], ["Abay Ave", "Dostyk St"]),
    "KG": ("996", "kg", ["LLC", "OJSC"], ["Bishkek", "Osh"], ["Chui Ave", "Manas St"]),
    "AM": ("374", "am", ["LLC", "CJSC"], ["Yerevan", "Gyumri"], ["Tigran Mets Ave", "Arshakunyats Ave"]),
    "UZ": ("998", "uz", ["LLC", "JSC"], ["Tashkent", "Samarkand"], ["Amir Temur St", "Navoi St"]),
    "AZ": ("994", "az", ["LLC", "OJSC"], ["Baku", "Ganja"], ["Neftchilar Ave", "Nizami St"]),
    "EG": ("20", "com.eg", ["S.A.E.", "LLC"], ["Cairo", "Alexandria"], ["Corniche El Nil", "Industrial Zone"]),
    "TH": ("66", "co.th", ["Co., Ltd."], ["Bangkok", "Chonburi"], ["Sukhumvit Rd", "Rama IV Rd"]),
    "VN": ("84", "com.vn", ["Co., Ltd.", "JSC"], ["Hanoi", "Da Nang"], ["Le Loi St", "Tran Hung Dao St"]),
    "CL": ("56", "cl", ["S.A.", "SpA"], ["Santiago", "Valparaiso"], ["Av. Providencia", "Calle Prat"]),
    "MA": ("212", "ma", ["SARL", "S.A."], ["Casablanca", "Tangier"], ["Boulevard Zerktouni", "Zone Franche"]),
    "NZ": ("64", "co.nz", ["Ltd"], ["Auckland", "Christchurch"], ["Queen St", "Great South Rd"]),
}
GECC = set("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO CH AU CA JP KR TW NZ US GB".split())
# FIN-2022-Alert003 footnote 21 and the other named transshipment countries
# (as in data/rules/default_rules.json).
TRANSSHIPMENT = set("AM BR CN CY GE HK IN IL KZ KG MO MX NI RS SG ZA TW TJ TR AE UZ".split())
EXPORTERS = ["DE", "NL", "FR", "IT", "US", "GB", "JP", "KR", "CH", "TW", "SE", "PL"]
BUYER_COUNTRIES = ["DE", "NL", "FR", "IT", "US", "GB", "PL", "ES", "SE", "CA", "AU", "JP", "KR", "CH", "NZ",
                   "CN", "SG", "IN", "BR", "MX", "ZA", "TR", "AE", "KZ", "AM", "UZ", "EG", "TH", "VN", "CL", "MA", "TW"]

STEMS = ["Rheintal", "Nordlicht", "Bergmann", "Westfield", "Clearwater", "Hollis", "Ashford", "Brennan",
         "Castell", "Donau", "Elbtal", "Fjordvik", "Greystone", "Hartwell", "Ivanhoe", "Juniper", "Kestrel",
         "Lindqvist", "Marlow", "Newbury", "Oakridge", "Pemberton", "Quayside", "Redwood", "Sandberg",
         "Thornbury", "Upland", "Valdera", "Wexford", "Yarrow", "Zeller", "Brightwater", "Copperfield",
         "Dunmore", "Eastgate", "Fairhaven", "Glenwood", "Harbourne", "Kingsley", "Larchmont", "Millbrook",
         "Northcote", "Ormond", "Pinehurst", "Riverton", "Silverdale", "Tamworth", "Westbrook", "Whitby",
         "Aurelio", "Bellavista", "Corvino", "Montefiore", "Sakura", "Hanbit", "Daesung", "Minato",
         "Kaiyuan", "Huaxin", "Taihe", "Anatolia", "Bosphorus", "Marmara", "Zagros", "Oasis", "Nilufar",
         "Samarqand", "Altyn", "Ararat", "Sevan", "Medina", "Atlas", "Andes", "Pampas", "Cordillera",
         "Zambezi", "Kalahari", "Mekong", "Chao Phraya", "Ganga", "Deccan", "Malabar", "Cauvery"]
TRADES = ["Machinery", "Engineering", "Industrial Supply", "Components", "Automation", "Electronics",
          "Instruments", "Tools", "Technik", "Systems", "Trading", "Distribution", "Manufacturing",
          "Hydraulics", "Solutions", "Equipment", "Textiles", "Foods", "Furniture", "Motors"]
BROKERS = ["Customs Clearance Services", "Zollagentur", "Customs Brokerage", "Douane Services"]

# (hs_code as declared, description, unit, typical USD unit price, CHPL?)
ORDINARY = [
    ("8413.70", "Centrifugal water pumps", "u", 850, False),
    ("9401.39", "Swivel office chairs, adjustable height, steel frame", "u", 140, False),
    ("8516.71", "Espresso coffee machines for household use", "u", 420, False),
    ("6203.42", "Men's cotton trousers", "u", 18, False),
    ("4011.10", "New pneumatic radial tyres for passenger cars", "u", 75, False),
    ("2204.21", "Red wine in bottles 0.75 l", "u", 9, False),
    ("8712.00", "Bicycles, aluminium frame", "u", 310, False),
    ("8450.11", "Fully automatic washing machines, 8 kg", "u", 390, False),
    ("9403.60", "Wooden living-room furniture", "u", 260, False),
    ("3923.30", "Plastic bottles for beverages", "u", 0.12, False),
    ("7318.15", "Steel bolts with nuts", "u", 0.35, False),
    ("8481.80", "Industrial ball valves, stainless steel", "u", 95, False),
    ("8418.10", "Combined refrigerator-freezers", "u", 520, False),
    ("6403.99", "Leather shoes", "u", 45, False),
    ("8703.23", "Passenger cars, petrol engine 1500-3000 cc", "u", 7900, False),
    ("8703.22", "Passenger cars, petrol engine 1000-1500 cc", "u", 5100, False),
    ("3304.99", "Skin care preparations", "u", 6, False),
    ("8528.72", "Colour television receivers 55 inch", "u", 380, False),
]
CHPL = [
    ("8542.31", "Microcontrollers STM32F407VGT6", "u", 9.5, True),
    ("8542.32", "SRAM memory ICs", "u", 4.2, True),
    ("8542.39", "FPGA integrated circuits", "u", 180, True),
    ("8532.24", "Multilayer ceramic capacitors (MLCC), reels", "u", 0.02, True),
    ("8482.10", "Deep groove ball bearings 6204-2RS", "u", 2.1, True),
    ("8526.91", "GNSS receiver modules", "u", 35, True),
    ("8517.62", "Wireless transceiver modules", "u", 22, True),
    ("9030.20", "Digital oscilloscopes", "u", 2400, True),
    ("8457.10", "CNC vertical machining centres", "u", 145000, True),
]


class Gen:
    def __init__(self, seed, buyers):
        self.r = random.Random(seed)
        self.used_names = set()
        self.exporters = [self.company(self.r.choice(EXPORTERS)) for _ in range(80)]
        self.brokers = [self.broker(c) for c in EXPORTERS for _ in range(2)]
        self.buyers = [self.company(self.r.choice(BUYER_COUNTRIES)) for _ in range(buyers)]

    def name(self, country):
        for _ in range(1000):
            n = "%s %s %s" % (self.r.choice(STEMS), self.r.choice(TRADES), self.r.choice(COUNTRIES[country][2]))
            if n not in self.used_names:
                self.used_names.add(n)
                return n
        return n + " " + str(len(self.used_names))

    def phone(self, country):
        return "+%s %d %07d" % (COUNTRIES[country][0], self.r.randint(10, 99), self.r.randint(0, 9999999))

    def address(self, country):
        c = COUNTRIES[country]
        return "%s %d, %s" % (self.r.choice(c[4]), self.r.randint(1, 250), self.r.choice(c[3]))

    def company(self, country, name=None, incorporated=None):
        name = name or self.name(country)
        words = [w for w in name.replace(".", "").replace(",", "").split() if w.isalpha()][:2]
        domain = "-".join(w.lower() for w in words) + "." + COUNTRIES[country][1]
        if incorporated is None:
            year = self.r.randint(1965, 2021)
            if country in GECC and self.r.random() < 0.1:
                year = self.r.randint(2022, 2025)
            incorporated = "%04d-%02d-%02d" % (year, self.r.randint(1, 12), self.r.randint(1, 28))
        return {"name": name, "country": country, "address": self.address(country), "phone": self.phone(country),
                "email": "sales@" + domain, "registration_id": "%s%08d" % (country, self.r.randint(0, 99999999)),
                "incorporated": incorporated}

    def broker(self, country):
        n = "%s %s %s" % (self.r.choice(STEMS), self.r.choice(BROKERS), COUNTRIES[country][2][0])
        return {"name": n, "country": country, "address": self.address(country), "phone": self.phone(country),
                "email": "", "registration_id": "", "incorporated": ""}

    def date(self, lo="2020-01-01", hi="2026-10-31"):
        d0 = datetime.date.fromisoformat(lo)
        d1 = datetime.date.fromisoformat(hi)
        return (d0 + datetime.timedelta(days=self.r.randint(0, (d1 - d0).days))).isoformat()

    def price(self, typical):
        return typical * math.exp(self.r.gauss(0, 0.3))


FIELDS = ["ref", "date"]
for role in ["declarant", "shipper", "consignee", "notify_party"]:
    FIELDS += [role] + [role + s for s in ["_country", "_address", "_phone", "_email", "_registration_id", "_incorporated"]]
FIELDS += ["origin", "dispatch", "destination", "transit", "hs_code", "description", "value", "currency", "quantity", "unit"]


def row(g, ref, date, shipper, consignee, goods, qty, notify=None, origin=None, dispatch=None, destination=None,
        transit="", unit_price=None, declarant=None, hs_override=None):
    hs, desc, unit, typical, _ = goods
    price = unit_price if unit_price is not None else g.price(typical)
    rec = {"ref": ref, "date": date}
    declarant = declarant or g.r.choice([b for b in g.brokers if b["country"] == shipper["country"]] or g.brokers)
    for role, p in [("declarant", declarant), ("shipper", shipper), ("consignee", consignee), ("notify_party", notify)]:
        p = p or {}
        rec[role] = p.get("name", "")
        for s in ["country", "address", "phone", "email", "registration_id", "incorporated"]:
            rec[role + "_" + s] = p.get(s, "") if p else ""
    rec["origin"] = origin or shipper["country"]
    rec["dispatch"] = dispatch or shipper["country"]
    rec["destination"] = destination or consignee["country"]
    rec["transit"] = transit
    rec["hs_code"] = hs if hs_override is None else hs_override
    rec["description"] = desc
    rec["quantity"] = str(qty)
    rec["value"] = "%.2f" % (price * qty)
    rec["currency"] = "USD"
    rec["unit"] = unit
    return rec


def planted(g, n):
    """The planted cases: (rows, manifest entries)."""
    rows, man = [], []
    sfx = "-%d" % n
    exp_de = g.company("DE", "Rheinland Mikrosysteme GmbH" if n == 0 else None)

    def add(rec, case, rules, decision="", note=""):
        rows.append(rec)
        man.append({"ref": rec["ref"], "case": case, "expected_rules": ";".join(rules),
                    "expected_decision": decision, "note": note})

    # 1. A listed consignee written in Cyrillic (us_ofac_sdn 37524).
    listed = g.company("KZ", "Акционерное общество «Радиозавод»", "2004-01-14")
    listed.update(country="RU", address="ул. Володарского 2, Пенза", phone="+7 8412 123456", email="")
    add(row(g, "PL-CYR" + sfx, g.date("2023-01-01", "2026-10-31"), exp_de, listed, ORDINARY[0], 40),
        "listed_consignee_cyrillic", ["LIST-MATCH", "ROUTE-RU-BY-DESTINATION"], "block",
        "us_ofac_sdn:37524 JOINT STOCK COMPANY RADIOZAVOD")
    # 2. An FPGA routed via Kyrgyzstan to a company founded in 2023.
    kg = g.company("KG", "Ala-Too Smart Components LLC", "2023-04-18")
    us = g.company("US")
    add(row(g, "PL-FPGA" + sfx, g.date("2023-06-01", "2026-10-31"), us, kg,
            ("8542.39", "FPGA XC7K325T-2FFG900I field programmable gate arrays", "u", 950, True), 120,
            origin="US", dispatch="DE", destination="KG", transit="KZ"),
        "fpga_via_kyrgyzstan_new_company", ["GOODS-CHPL", "ROUTE-TRANSSHIPMENT", "RF-NEW-COMPANY-NON-GECC"], "review")
    # 3. Goods consigned to the order of the L/C issuing bank.
    buyer = g.company("AM")
    bank = {"name": "TO THE ORDER OF ARARAT INVESTMENT BANK CJSC", "country": "AM", "address": "Yerevan",
            "phone": "", "email": "", "registration_id": "", "incorporated": ""}
    add(row(g, "PL-LC" + sfx, g.date("2023-01-01", "2026-10-31"), g.company("IT"), bank, ORDINARY[11], 300,
            notify=buyer),
        "lc_consigned_to_bank", ["RF-LC-ISSUING-BANK", "RF-CONSIGNEE-BANK"], "review")
    # 4. Goods described only by a part number.
    tr = g.company("TR")
    add(row(g, "PL-PN" + sfx, g.date("2023-01-01", "2026-10-31"), g.company("NL"), tr,
            ("", "XC7A100T-2FGG484I", "u", 160, True), 250),
        "part_number_only", ["GOODS-CHPL", "ROUTE-TRANSSHIPMENT"], "review", "goods described only by part number")
    # 5. Free-mail address and a Russian phone code for a UAE consignee.
    ae = g.company("AE")
    ae.update(email="gulf.components.trade@mail.ru", phone="+7 495 5550199")
    add(row(g, "PL-MAIL" + sfx, g.date("2023-01-01", "2026-10-31"), g.company("FR"), ae, ORDINARY[2], 60),
        "freemail_phone", ["RF-FREEMAIL", "RF-PHONE-COUNTRY"])
    # 6. A freight forwarder as consignee.
    fw = g.company("UZ", "Silk Road Freight Forwarding LLC")
    add(row(g, "PL-FWD" + sfx, g.date("2023-01-01", "2026-10-31"), g.company("DE"), fw, CHPL[4], 5000),
        "forwarder_consignee", ["RF-CONSIGNEE-FORWARDER", "GOODS-CHPL", "ROUTE-TRANSSHIPMENT"], "review")
    # 7. A mail centre as consignee.
    mc = g.company("AE", "Desert Parcel Mail Centre FZE")
    mc["address"] = "PO Box 48211, Dubai"
    add(row(g, "PL-MC" + sfx, g.date("2023-01-01", "2026-10-31"), g.company("GB"), mc, ORDINARY[7], 20),
        "mail_centre_consignee", ["RF-CONSIGNEE-MAILCENTRE"])
    # 8. An overpriced car (norm from the rules file, UN Comtrade 870322).
    am = g.company("AM")
    add(row(g, "PL-PRICE" + sfx, g.date("2023-01-01", "2026-10-31"), g.company("DE"), am, ORDINARY[15], 4,
            unit_price=31500),
        "overpriced", ["RF-UNIT-PRICE-HIGH"], "", "5,100 USD cars declared at 31,500 USD each")
    # 9. First CHPL shipment after 2022-02-24 to a customer with pre-2022 history.
    az = g.company("AZ", None, "2011-09-02")
    shipper = g.company("DE")
    for k, d in enumerate(["2019-05-14", "2020-08-03", "2021-06-21"]):
        add(row(g, "PL-FIRST-H%d%s" % (k, sfx), d, shipper, az, ORDINARY[4], 400), "history", [])
    add(row(g, "PL-FIRST" + sfx, g.date("2023-01-01", "2026-10-31"), shipper, az, CHPL[0], 3000),
        "first_chpl", ["RF-FIRST-CHPL", "GOODS-CHPL"], "", "tyres before 2022, microcontrollers after")
    # 10. A spike against the customer's own pre-2022 CHPL baseline.
    eg = g.company("EG", None, "2005-03-30")
    shipper = g.company("JP")
    for k, d in enumerate(["2019-03-11", "2020-04-09", "2021-05-17"]):
        add(row(g, "PL-SPIKE-H%d%s" % (k, sfx), d, shipper, eg, CHPL[3], 1000000, unit_price=0.02), "history", [])
    add(row(g, "PL-SPIKE" + sfx, "2024-02-12", shipper, eg, CHPL[3], 9000000, unit_price=0.02),
        "chpl_spike", ["RF-CHPL-SPIKE", "GOODS-CHPL"], "", "MLCC 20,000 USD a year before 2022, 180,000 USD in 2024")
    return rows, man


MT700_BANKS = [("ARIVAM22", "ARARAT INVESTMENT BANK CJSC", "YEREVAN, ARMENIA", "AM"),
               ("KGSOKG22", "SILK VALLEY COMMERCIAL BANK OJSC", "BISHKEK, KYRGYZSTAN", "KG"),
               ("GULFAEAD", "GULF TRADE FINANCE BANK PJSC", "DUBAI, UNITED ARAB EMIRATES", "AE"),
               ("MAPLCAT2", "MAPLE COMMERCE BANK", "TORONTO, CANADA", "CA")]


def mt700(g, n, bank, applicant, beneficiary, goods, amount, docs, extra47=""):
    bic, bank_name, bank_city, country = bank
    lines = ["{1:F01%sAXXX0000000000}{2:O7001200260301%sAXXX00000000002603011200N}{4:" % (bic, bic),
             ":27:1/1", ":40A:IRREVOCABLE", ":20:LC26%05d" % n, ":31C:260301", ":40E:UCP LATEST VERSION",
             ":31D:260530%s" % bank_city.split(",")[0],
             ":51D:%s" % bank_name, bank_city,
             ":50:%s" % applicant["name"].upper(), applicant["address"].upper(),
             ":59:%s" % beneficiary["name"].upper(), beneficiary["address"].upper(),
             ":32B:USD%d,00" % amount, ":41D:ANY BANK BY NEGOTIATION",
             ":44E:HAMBURG, GERMANY", ":44F:%s" % bank_city, ":45A:+%s" % goods,
             ":46A:+SIGNED COMMERCIAL INVOICE IN 3 ORIGINALS", "+PACKING LIST IN 2 COPIES"] + ["+" + d for d in docs]
    if extra47:
        lines.append(":47A:+" + extra47)
    lines.append(":71D:ALL BANKING CHARGES OUTSIDE THE COUNTRY OF THE ISSUING BANK ARE FOR BENEFICIARY")
    lines.append("-}")
    return "\n".join(lines) + "\n", "LC26%05d" % n


def write_mt700(g, path, manifest_path):
    out, man = [], []
    de = g.company("DE", "Rheinland Mikrosysteme GmbH")
    cases = [
        (MT700_BANKS[0], g.company("AM", "Ararat Machinery LLC"), "2,000 PCS INDUSTRIAL BALL VALVES, HS 8481.80",
         ["FULL SET OF CLEAN ON BOARD BILLS OF LADING MADE OUT TO THE ORDER OF ISSUING BANK MARKED FREIGHT PREPAID NOTIFY APPLICANT"],
         "", "lc_consigned_to_issuing_bank", "RF-LC-ISSUING-BANK"),
        (MT700_BANKS[1], g.company("KG"), "500 PCS MICROCONTROLLERS STM32F407VGT6, HS 8542.31",
         ["FULL SET OF CLEAN ON BOARD AIR WAYBILLS"],
         "GOODS TO BE CONSIGNED TO SILK VALLEY COMMERCIAL BANK OJSC, BISHKEK", "lc_consigned_to_issuing_bank_47a",
         "RF-LC-ISSUING-BANK;GOODS-CHPL"),
        (MT700_BANKS[2], g.company("AE"), "120 SETS ESPRESSO COFFEE MACHINES, HS 8516.71",
         ["FULL SET OF CLEAN ON BOARD BILLS OF LADING MADE OUT TO THE ORDER OF SHIPPER AND BLANK ENDORSED NOTIFY APPLICANT"],
         "", "control", ""),
        (MT700_BANKS[3], g.company("CA"), "300 PCS SWIVEL OFFICE CHAIRS, HS 9401.39",
         ["FULL SET OF CLEAN ON BOARD BILLS OF LADING CONSIGNED TO APPLICANT"], "", "control", ""),
    ]
    for n, (bank, applicant, goods, docs, extra, case, rules) in enumerate(cases, 1):
        text, ref = mt700(g, n, bank, applicant, de, goods, g.r.randint(50, 400) * 1000, docs, extra)
        out.append(text)
        man.append({"ref": ref, "case": case, "expected_rules": rules, "expected_decision": "", "note": ""})
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("".join(out))
    with open(manifest_path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=["ref", "case", "expected_rules", "expected_decision", "note"],
                           lineterminator="\n")
        w.writeheader()
        w.writerows(man)


def mt103(n, sender, receiver, ordering, beneficiary, ben_bank, amount, remittance):
    lines = ["{1:F01%sAXXX0000000000}{2:I103%sXXXXN}{4:" % (sender, receiver),
             ":20:PAY26%05d" % n, ":23B:CRED", ":32A:260315USD%d,00" % amount,
             ":50K:/DE44500105175407324931", ordering["name"].upper(), ordering["address"].upper(),
             ":57A:%s" % ben_bank,
             ":59:/%s%014d" % (beneficiary["country"], n), beneficiary["name"], beneficiary["address"],
             ":70:%s" % remittance, ":71A:SHA", "-}"]
    return "\n".join(lines) + "\n", "PAY26%05d" % n


def write_mt103(g, path, manifest_path):
    de = g.company("DE", "Rheinland Mikrosysteme GmbH")
    listed = {"name": "ООО «Радиоавтоматика»", "country": "RU", "address": "Москва, Большая Декабрьская ул. 10"}
    kg = g.company("KG", "Ala-Too Smart Components LLC", "2023-04-18")
    cases = [
        (listed, "SABRRUMM", "INVOICE 2026-114 INDUSTRIAL PUMPS", "listed_beneficiary_cyrillic",
         "LIST-MATCH;ROUTE-RU-BY-DESTINATION", "us_ofac_sdn:35348 RADIOAVTOMATIKA LLC"),
        (kg, "KGSOKG22", "PAYMENT FOR FPGA XC7A100T-2FGG484I HS 8542.39 INV 77", "fpga_payment_kyrgyzstan",
         "GOODS-CHPL;ROUTE-TRANSSHIPMENT", ""),
        (g.company("FR"), "BNPAFRPP", "INVOICE 2026-0311 OFFICE FURNITURE", "control", "", ""),
        (g.company("JP"), "MHCBJPJT", "INV 5532 SPARE PARTS FOR PACKAGING MACHINES", "control", "", ""),
    ]
    out, man = [], []
    for n, (ben, bank, remit, case, rules, note) in enumerate(cases, 1):
        text, ref = mt103(n, "DEUTDEFF", bank + "X", de, ben, bank, g.r.randint(20, 300) * 1000, remit)
        out.append(text)
        man.append({"ref": ref, "case": case, "expected_rules": rules, "expected_decision": "", "note": note})
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("".join(out))
    with open(manifest_path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=["ref", "case", "expected_rules", "expected_decision", "note"],
                           lineterminator="\n")
        w.writeheader()
        w.writerows(man)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=200)
    ap.add_argument("--seed", type=int, default=20261129)
    ap.add_argument("--buyers", type=int, default=0, help="distinct buyers (default rows/4, at most 3000)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--manifest")
    ap.add_argument("--mt700", help="also write SWIFT MT700 letters of credit here")
    ap.add_argument("--mt700-manifest")
    ap.add_argument("--mt103", help="also write SWIFT MT103 payments here")
    ap.add_argument("--mt103-manifest")
    args = ap.parse_args()
    buyers = args.buyers or max(20, min(3000, args.rows // 4))
    g = Gen(args.seed, buyers)
    rows, man = [], []
    blocks = max(1, args.rows // 10000)
    for n in range(blocks):
        r, m = planted(g, n)
        rows += r
        man += m
    i = 0
    while len(rows) < args.rows:
        i += 1
        ref = "SHP-%07d" % i
        buyer = g.r.choice(g.buyers)
        shipper = g.r.choice(g.exporters)
        # CHPL goods are a clean control only for GECC buyers outside the
        # transshipment list (Taiwan is both).
        gecc = buyer["country"] in GECC and buyer["country"] not in TRANSSHIPMENT
        if g.r.random() < 0.2:
            goods = g.r.choice(CHPL)
            case = "control" if gecc else "background"
        else:
            goods = g.r.choice(ORDINARY)
            case = "control"
        qty = max(1, int(g.r.lognormvariate(3, 1.2))) if goods[3] > 1000 else max(1, int(g.r.lognormvariate(6, 1.5)))
        if goods[3] > 10000:
            qty = g.r.randint(1, 3)
        notify = buyer if g.r.random() < 0.5 else None
        origin = shipper["country"] if g.r.random() < 0.8 else g.r.choice(EXPORTERS)
        rows.append(row(g, ref, g.date(), shipper, buyer, goods, qty, notify=notify, origin=origin))
        man.append({"ref": ref, "case": case, "expected_rules": "", "expected_decision": "", "note": ""})
    # Shuffle so planted rows are not all at the top, keeping the history rows' dates as they are.
    order = list(range(len(rows)))
    g.r.shuffle(order)
    rows = [rows[k] for k in order]
    man = [man[k] for k in order]
    with open(args.out, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=FIELDS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    if args.manifest:
        with open(args.manifest, "w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=["ref", "case", "expected_rules", "expected_decision", "note"],
                               lineterminator="\n")
            w.writeheader()
            w.writerows(man)
    if args.mt700:
        write_mt700(Gen(args.seed + 1, 4), args.mt700,
                    args.mt700_manifest or args.mt700 + ".manifest.csv")
    if args.mt103:
        write_mt103(Gen(args.seed + 2, 4), args.mt103, args.mt103_manifest or args.mt103 + ".manifest.csv")


if __name__ == "__main__":
    sys.exit(main())
