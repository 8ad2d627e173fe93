# zs_embed_migrations(<target> <namespace> <variable> <dir>)
# Compiles every <dir>/NNNN_name.sql into the target as a
# std::vector<zs::Migration> named <namespace>::<variable>, so a service
# binary carries its schema and needs no files at run time.
function(zs_embed_migrations target ns variable dir)
  file(GLOB sql_files CONFIGURE_DEPENDS "${dir}/[0-9][0-9][0-9][0-9]_*.sql")
  list(SORT sql_files)
  set(out "${CMAKE_CURRENT_BINARY_DIR}/${variable}_migrations.cc")
  set(body "// Generated from ${dir} by cmake/EmbedMigrations.cmake.\n#include \"common/db/migrations.h\"\nnamespace ${ns} {\nextern const std::vector<zs::Migration> ${variable};\nconst std::vector<zs::Migration> ${variable} = {\n")
  foreach(f ${sql_files})
    get_filename_component(name ${f} NAME)
    string(SUBSTRING ${name} 0 4 version)
    math(EXPR version "${version}")
    # Two branches each adding "their" next migration meet here: one
    # version, one file, or a database would skip one of them.
    if(version IN_LIST seen_versions)
      message(FATAL_ERROR "${dir}: two migrations are numbered ${version}; renumber one")
    endif()
    list(APPEND seen_versions ${version})
    file(READ ${f} sql)
    # An edited migration is embedded again (its text is read here, at
    # configure time).
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${f})
    string(APPEND body "  {${version}, \"${name}\", R\"zs_sql(${sql})zs_sql\"},\n")
  endforeach()
  string(APPEND body "};\n}  // namespace ${ns}\n")
  file(GENERATE OUTPUT ${out} CONTENT "${body}")
  target_sources(${target} PRIVATE ${out})
endfunction()
