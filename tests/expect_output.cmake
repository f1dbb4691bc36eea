# Runs CMD (a ;-list) and fails unless it exits 0 and its standard output
# matches every regular expression in EXPECT (a ;-list). Use:
#   cmake -DCMD="prog;arg;..." -DEXPECT="re1;re2" -P expect_output.cmake
# (PASS_REGULAR_EXPRESSION alone would ignore the exit status.)
execute_process(COMMAND ${CMD} OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
message("${out}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "exit status ${rc}; stderr:\n${err}")
endif()
foreach(re IN LISTS EXPECT)
  if(NOT out MATCHES "${re}")
    message(FATAL_ERROR "standard output does not match '${re}'")
  endif()
endforeach()
