# The Python package systec (python/systec, pure Python over libsystec):
# installed for Debian's /usr/bin/python3 under the install prefix, with
# systec/_installed.py recording where the library is, relative to the
# package. Included from the top CMakeLists.txt; tests/CMakeLists.txt runs its
# tests with SYSTEC_PYTHON.
set(SYSTEC_PYTHON "/usr/bin/python3" CACHE FILEPATH
    "Python interpreter for the systec package (tests and install dir)")
option(SYSTEC_INSTALL_PYTHON "Install the Python package systec" ON)

if(SYSTEC_INSTALL_PYTHON AND NOT DEFINED SYSTEC_PYTHON_INSTALL_DIR)
  # lib/pythonX.Y/dist-packages for Debian's interpreter, site-packages elsewhere
  execute_process(
    COMMAND ${SYSTEC_PYTHON} -c
      "import sys, sysconfig; p = sysconfig.get_paths()['purelib']; print('lib/python%d.%d/%s' % (sys.version_info[0], sys.version_info[1], 'dist-packages' if 'dist-packages' in p else 'site-packages'))"
    OUTPUT_VARIABLE _systec_pydir RESULT_VARIABLE _systec_pyrc
    OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(_systec_pyrc EQUAL 0)
    set(SYSTEC_PYTHON_INSTALL_DIR "${_systec_pydir}" CACHE PATH
        "Where the Python package is installed, relative to the prefix")
  else()
    message(STATUS "python: ${SYSTEC_PYTHON} does not run; the Python package is not installed")
  endif()
endif()

if(SYSTEC_INSTALL_PYTHON AND DEFINED SYSTEC_PYTHON_INSTALL_DIR)
  install(DIRECTORY ${CMAKE_CURRENT_LIST_DIR}/systec DESTINATION ${SYSTEC_PYTHON_INSTALL_DIR}
          PATTERN __pycache__ EXCLUDE)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
    set(_systec_libdir "${CMAKE_INSTALL_LIBDIR}")
  else()  # relocatable: relative to the package's own directory
    file(RELATIVE_PATH _systec_libdir "/prefix/${SYSTEC_PYTHON_INSTALL_DIR}/systec"
         "/prefix/${CMAKE_INSTALL_LIBDIR}")
  endif()
  file(GENERATE OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/python/_installed.py CONTENT
       "# Written by the CMake install: the library, relative to this package.\nLIBRARY = \"${_systec_libdir}/$<TARGET_SONAME_FILE_NAME:systec>\"\n")
  install(FILES ${CMAKE_CURRENT_BINARY_DIR}/python/_installed.py
          DESTINATION ${SYSTEC_PYTHON_INSTALL_DIR}/systec)
endif()
