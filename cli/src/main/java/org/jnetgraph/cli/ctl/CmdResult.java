package org.jnetgraph.cli.ctl;

/**
 * What an ngctl command returned (ngctl's {@code CMDRTN_*}), and the exit status each becomes.
 *
 * <p>Threading: immutable; any thread.
 */
enum CmdResult {
    /** The command worked. */
    OK(CtlCommand.EX_OK),
    /** Wrong arguments: the command's usage line is printed. */
    USAGE(CtlCommand.EX_USAGE),
    /** The command failed and said why. */
    ERROR(CtlCommand.EX_OSERR),
    /** {@code quit}: stop reading commands; exits 0. */
    QUIT(CtlCommand.EX_OK);

    private final int exitStatus;

    CmdResult(int exitStatus) {
        this.exitStatus = exitStatus;
    }

    /** The process exit status ngctl gives for this result. */
    int exitStatus() {
        return exitStatus;
    }
}
