# Installing Hearth: the library, the public headers (include/hearth/), a CMake package
# (HearthConfig.cmake, its version file and the exported target Hearth::hearth) and hearth.pc.
include(CMakePackageConfigHelpers)

set(hearth_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/Hearth)
set_target_properties(hearth_engine PROPERTIES EXPORT_NAME hearth)
set_target_properties(hearth_storage PROPERTIES EXPORT_NAME storage)
set_target_properties(hearth_schema PROPERTIES EXPORT_NAME schema)

if(HEARTH_SHARED)
  install(TARGETS hearth_engine EXPORT HearthTargets
          LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
          ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
  set(HEARTH_PC_LIBS "-lhearth_engine")
  set(HEARTH_PC_REQUIRES "")
else()
  # A static library brings its own dependencies along: the storage and schema libraries, and
  # SQLiteCpp, SQLite, fmt, OpenSSL's libcrypto and libxcrypt from the system.
  install(TARGETS hearth_engine hearth_storage hearth_schema EXPORT HearthTargets
          ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
  set(HEARTH_PC_LIBS "-lhearth_engine -lhearth_storage -lhearth_schema -lSQLiteCpp -pthread")
  set(HEARTH_PC_REQUIRES "sqlite3 fmt libcrypto libcrypt")
endif()
install(DIRECTORY ${PROJECT_SOURCE_DIR}/engine/include/hearth
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT HearthTargets NAMESPACE Hearth:: DESTINATION ${hearth_cmake_dir})

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/HearthConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/HearthConfig.cmake
                              INSTALL_DESTINATION ${hearth_cmake_dir})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/HearthConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/HearthConfig.cmake
              ${PROJECT_BINARY_DIR}/HearthConfigVersion.cmake
        DESTINATION ${hearth_cmake_dir})

configure_file(${PROJECT_SOURCE_DIR}/cmake/hearth.pc.in ${PROJECT_BINARY_DIR}/hearth.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/hearth.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
