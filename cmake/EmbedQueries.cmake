# zs_embed_queries(<target> <namespace> <dir> HEADERS <proto header>...)
#
# Compiles every <dir>/<name>.sql into the target as a `const zs::Query
# k<Name>` in <namespace>, declared in a generated header named after <dir>'s
# parent (services/lead/queries -> "services/lead/queries.h"). The file name
# is the statement's name: queries/lead.create.sql is prepared as
# "lead.create", starts with the comment /* lead.create */ (so
# pg_stat_statements and the server log name it), and is `kLeadCreate` in
# C++. kAll lists them all (tests/db/queries_test.cc prepares each against
# the migrated schema, so a misspelt column fails a test, not a call).
#
# Enum values: SQL never holds a bare enum number. It names the proto value,
# {{zhaoshang.lead.v1.LEAD_STATUS_MERGED}}, and the generated code splices in
# `static_cast<int>(::zhaoshang::lead::v1::LEAD_STATUS_MERGED)`: the C++
# compiler resolves the name against the generated protobuf headers (listed
# after HEADERS), so a misspelt or removed value fails the build, and a
# renumbered one changes the SQL with it. The text is assembled once, when
# the program starts.
function(zs_embed_queries target ns dir)
  cmake_parse_arguments(ARG "" "" "HEADERS" ${ARGN})
  file(GLOB sql_files CONFIGURE_DEPENDS "${dir}/*.sql")
  list(SORT sql_files)
  get_filename_component(parent ${dir} DIRECTORY)
  file(RELATIVE_PATH parent_rel ${PROJECT_SOURCE_DIR} ${parent})
  set(gen_dir "${PROJECT_BINARY_DIR}/generated")
  set(header_name "${parent_rel}/queries.h")
  set(header "// Generated from ${parent_rel}/queries by cmake/EmbedQueries.cmake: one constant\n// per statement, named after its file.\n#pragma once\n\n#include <vector>\n\n#include \"common/db/query.h\"\n\nnamespace ${ns} {\n\n")
  set(source "// Generated from ${parent_rel}/queries by cmake/EmbedQueries.cmake.\n#include \"${header_name}\"\n\n#include \"absl/strings/str_cat.h\"\n")
  foreach(h ${ARG_HEADERS})
    string(APPEND source "#include \"${h}\"\n")
  endforeach()
  string(APPEND source "\nnamespace ${ns} {\n\n")
  foreach(f ${sql_files})
    get_filename_component(file_name ${f} NAME)
    string(REGEX REPLACE "\\.sql$" "" name ${file_name})
    if(NOT name MATCHES "^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+$")
      message(FATAL_ERROR "${f}: a query file is named <area>.<verb>[_<what>].sql in lower case")
    endif()
    # lead.list_overdue -> kLeadListOverdue
    string(REPLACE "." "_" words ${name})
    string(REPLACE "_" ";" words ${words})
    set(identifier "k")
    foreach(word ${words})
      string(SUBSTRING ${word} 0 1 first)
      string(SUBSTRING ${word} 1 -1 rest)
      string(TOUPPER ${first} first)
      string(APPEND identifier "${first}${rest}")
    endforeach()
    if(identifier IN_LIST seen_identifiers)
      message(FATAL_ERROR "${f}: two queries are both ${identifier} in C++; rename one")
    endif()
    list(APPEND seen_identifiers ${identifier})

    file(READ ${f} sql)
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${f})
    # The text, split at each {{enum value}} into raw strings and casts.
    set(parts "R\"zs_sql(/* ${name} */\n")
    while(TRUE)
      string(FIND "${sql}" "{{" open)
      if(open EQUAL -1)
        break()
      endif()
      string(SUBSTRING "${sql}" 0 ${open} before)
      math(EXPR after_open "${open} + 2")
      string(SUBSTRING "${sql}" ${after_open} -1 sql)
      string(FIND "${sql}" "}}" close)
      if(close EQUAL -1)
        message(FATAL_ERROR "${f}: {{ without }}")
      endif()
      string(SUBSTRING "${sql}" 0 ${close} value)
      math(EXPR after_close "${close} + 2")
      string(SUBSTRING "${sql}" ${after_close} -1 sql)
      if(NOT value MATCHES "^zhaoshang\\.[A-Za-z0-9_.]+$")
        message(FATAL_ERROR "${f}: {{${value}}} is not a proto enum value such as {{zhaoshang.lead.v1.LEAD_STATUS_NEW}}")
      endif()
      string(REPLACE "." "::" cpp_value ${value})
      string(APPEND parts "${before})zs_sql\",\n    static_cast<int>(::${cpp_value}), R\"zs_sql(")
    endwhile()
    string(APPEND parts "${sql})zs_sql\"")
    string(APPEND header "// ${parent_rel}/queries/${file_name}\nextern const zs::Query ${identifier};\n")
    string(APPEND source "const zs::Query ${identifier}{\"${name}\", absl::StrCat(${parts})};\n\n")
  endforeach()
  list(TRANSFORM seen_identifiers PREPEND "&" OUTPUT_VARIABLE addresses)
  list(JOIN addresses ", " addresses)
  string(APPEND header "\n// Every statement above.\nextern const std::vector<const zs::Query*> kAll;\n")
  string(APPEND header "\n}  // namespace ${ns}\n")
  string(APPEND source "const std::vector<const zs::Query*> kAll = {${addresses}};\n\n")
  string(APPEND source "}  // namespace ${ns}\n")
  file(GENERATE OUTPUT "${gen_dir}/${header_name}" CONTENT "${header}")
  file(GENERATE OUTPUT "${gen_dir}/${parent_rel}/queries.cc" CONTENT "${source}")
  target_sources(${target} PRIVATE "${gen_dir}/${parent_rel}/queries.cc")
  # Only the library itself runs its statements.
  target_include_directories(${target} PRIVATE ${gen_dir})
endfunction()
