# The bundled public lists (data/lists) and the default snapshot built from
# them at build time by the bootstrap CLI. The same source specs are used by
# the README's first command and by tests.
set(L ${CMAKE_SOURCE_DIR}/data/lists)
set(CHOKEPOINT_BUNDLED_SPECS
  "ofac_sdn:${L}/us_ofac_sdn_2024-05-03.csv.xz,${L}/us_ofac_add_2025-12-24.csv.xz,${L}/us_ofac_alt_2025-12-24.csv.xz,${L}/us_ofac_sdn_comments_2025-12-24.csv.xz"
  "ofac_cons:${L}/us_ofac_cons_prim_2025-12-19.csv.xz,${L}/us_ofac_cons_add_2025-12-19.csv.xz,${L}/us_ofac_cons_alt_2025-12-19.csv.xz,${L}/us_ofac_cons_comments_2025-12-19.csv.xz"
  "csl:${L}/us_trade_csl_sample_2023-11-30.csv.xz"
  "un:${L}/un_sc_consolidated_2026-02.xml.xz"
  "ofsi:${L}/gb_ofsi_conlist_2025-04-10.csv.xz")
file(GLOB CHOKEPOINT_BUNDLED_FILES ${L}/*.xz)
set(CHOKEPOINT_DEFAULT_SNAPSHOT ${CMAKE_BINARY_DIR}/default.snap)
add_custom_command(
  OUTPUT ${CHOKEPOINT_DEFAULT_SNAPSHOT}
  COMMAND chokepoint_bootstrap lists import --quiet --out ${CHOKEPOINT_DEFAULT_SNAPSHOT}
          --created 2026-01-01T00:00:00Z ${CHOKEPOINT_BUNDLED_SPECS}
  DEPENDS chokepoint_bootstrap ${CHOKEPOINT_BUNDLED_FILES}
  COMMENT "Importing the bundled lists into the default snapshot"
  VERBATIM)
add_custom_target(default_snapshot DEPENDS ${CHOKEPOINT_DEFAULT_SNAPSHOT})
