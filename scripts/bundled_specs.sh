# Source specs of the bundled lists (data/lists), for scripts. Keep in step
# with cmake/BundledLists.cmake.
L=data/lists
BUNDLED_SPECS="ofac_sdn:$L/us_ofac_sdn_2024-05-03.csv.xz,$L/us_ofac_add_2025-12-24.csv.xz,$L/us_ofac_alt_2025-12-24.csv.xz,$L/us_ofac_sdn_comments_2025-12-24.csv.xz
ofac_cons:$L/us_ofac_cons_prim_2025-12-19.csv.xz,$L/us_ofac_cons_add_2025-12-19.csv.xz,$L/us_ofac_cons_alt_2025-12-19.csv.xz,$L/us_ofac_cons_comments_2025-12-19.csv.xz
csl:$L/us_trade_csl_sample_2023-11-30.csv.xz
un:$L/un_sc_consolidated_2026-02.xml.xz
ofsi:$L/gb_ofsi_conlist_2025-04-10.csv.xz"
