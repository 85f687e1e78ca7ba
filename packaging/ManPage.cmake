# Writes a man page from a program's own --help, so the two never disagree.
#   cmake -DPROGRAM=path -DNAME=fkscope-cli -DVERSION=0.1.0 -DSUMMARY="..." [-DCOMMANDS=ON]
#         [-DSEE_ALSO=fkscope] -DOUTPUT=fkscope-cli.1 -P ManPage.cmake
# The help text goes in verbatim (.nf). With COMMANDS, every command that --help lists under
# "Commands:" gets a section with its own "NAME COMMAND --help", so a new one needs no edit here.

function(help_of output)
    execute_process(COMMAND ${PROGRAM} ${ARGN} --help
                    OUTPUT_VARIABLE text RESULT_VARIABLE status
                    ENCODING UTF-8)
    if(NOT status EQUAL 0)
        message(FATAL_ERROR "${PROGRAM} ${ARGN} --help failed: ${status}")
    endif()
    # QCommandLineParser names the program by the path it was started with.
    string(REPLACE "Usage: ${PROGRAM}" "Usage: ${NAME}" text "${text}")
    set(${output} "${text}" PARENT_SCOPE)
endfunction()

# roff: a backslash is \e, a '-' is \- (so options copy and paste as ASCII), and a line may
# not start with '.' or '\''.
function(roff output text)
    string(REPLACE "\\" "\\e" text "${text}")
    string(REPLACE "-" "\\-" text "${text}")
    string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
    set(${output} "${text}" PARENT_SCOPE)
endfunction()

function(verbatim output text)
    roff(text "${text}")
    set(${output} ".nf\n${text}\n.fi\n" PARENT_SCOPE)
endfunction()

string(TOUPPER "${NAME}" title)
string(REPLACE "-" "\\-" name_roff "${NAME}")
set(page ".TH ${title} 1 \"\" \"fkscope ${VERSION}\" \"User Commands\"\n")
string(APPEND page ".SH NAME\n${name_roff} \\- ${SUMMARY}\n")
help_of(help)
string(APPEND page ".SH SYNOPSIS AND OPTIONS\n")
verbatim(block "${help}")
string(APPEND page "${block}")
if(COMMANDS)
    string(REGEX MATCH "Commands:\n(  [a-z-]+[^\n]*\n)+" block "${help}")
    string(REGEX MATCHALL "\n  [a-z-]+" names "${block}")
    string(REGEX REPLACE "\n  " "" names "${names}")
    if(NOT names)
        message(FATAL_ERROR "${PROGRAM} --help lists no commands")
    endif()
    string(APPEND page ".SH COMMANDS\n")
    foreach(command IN LISTS names)
        help_of(help ${command})
        string(APPEND page ".SS ${command}\n")
        verbatim(block "${help}")
        string(APPEND page "${block}")
    endforeach()
endif()
string(APPEND page ".SH ENVIRONMENT\n"
    "Connection settings that --db leaves unset come from libpq: the PG* variables "
    "(PGHOST, PGPORT, PGUSER, PGDATABASE, PGSERVICE, PGPASSFILE), the connection service file "
    "and ~/.pgpass.\n")
if(SEE_ALSO)
    string(APPEND page ".SH SEE ALSO\n.BR ${SEE_ALSO} (1),\n.BR psql (1)\n")
endif()
file(WRITE ${OUTPUT} "${page}")
