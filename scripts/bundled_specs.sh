# Source specs of the bundled lists (data/lists), for scripts. Keep in step
# with cmake/BundledLists.cmake.
L=data/lists
BUNDLED_SPECS="ofac_sdn:$L/us_ofac_sdn.csv.xz,$L/us_ofac_add.csv.xz,$L/us_ofac_alt.csv.xz,$L/us_ofac_sdn_comments.csv.xz
ofac_cons:$L/us_ofac_cons_prim.csv.xz,$L/us_ofac_cons_add.csv.xz,$L/us_ofac_cons_alt.csv.xz,$L/us_ofac_cons_comments.csv.xz
csl:$L/us_trade_csl_sample.csv.xz
un:$L/un_sc_consolidated.xml.xz
ofsi:$L/gb_ofsi_conlist.csv.xz"
