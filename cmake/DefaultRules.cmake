# The bundled default rules (data/rules/default_rules.json) compiled into the
# library as a raw string literal, so the binary works without the file.
# CMake re-runs when the JSON changes; the generated file is only rewritten
# when its content changes.
set(CHOKEPOINT_RULES_JSON ${CMAKE_SOURCE_DIR}/data/rules/default_rules.json)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${CHOKEPOINT_RULES_JSON})
file(READ ${CHOKEPOINT_RULES_JSON} CHOKEPOINT_RULES_TEXT)
file(WRITE ${CMAKE_BINARY_DIR}/generated/default_rules.inc.tmp
     "R\"chokepoint_rules(${CHOKEPOINT_RULES_TEXT})chokepoint_rules\"\n")
configure_file(${CMAKE_BINARY_DIR}/generated/default_rules.inc.tmp
               ${CMAKE_BINARY_DIR}/generated/risk/default_rules.inc COPYONLY)
target_include_directories(chokepoint_core PRIVATE ${CMAKE_BINARY_DIR}/generated)
