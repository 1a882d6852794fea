# The bundled public lists (data/lists) and the default snapshot built from
# them at build time by the bootstrap CLI. The same source specs are used by
# the README's first command and by tests.
set(L ${CMAKE_SOURCE_DIR}/data/lists)
set(CHOKEPOINT_BUNDLED_SPECS
  "ofac_sdn:${L}/us_ofac_sdn.csv.xz,${L}/us_ofac_add.csv.xz,${L}/us_ofac_alt.csv.xz,${L}/us_ofac_sdn_comments.csv.xz"
  "ofac_cons:${L}/us_ofac_cons_prim.csv.xz,${L}/us_ofac_cons_add.csv.xz,${L}/us_ofac_cons_alt.csv.xz,${L}/us_ofac_cons_comments.csv.xz"
  "csl:${L}/us_trade_csl_sample.csv.xz"
  "un:${L}/un_sc_consolidated.xml.xz"
  "ofsi:${L}/gb_ofsi_conlist.csv.xz")
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
