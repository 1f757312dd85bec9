package dev.purser.bot.cli;

import dev.purser.commands.reply.Reply;
import dev.purser.core.error.ErrorCode;

/** 0 success, 2 bad usage (the user can fix the command line), 1 any other failure. */
final class ExitCodes {
    static final int OK = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;

    private ExitCodes() {
    }

    static int of(Reply reply) {
        return reply.isError() ? of(reply.error().code()) : OK;
    }

    static int of(ErrorCode code) {
        switch (code) {
            case BAD_ARGUMENT:
            case UNKNOWN_COMMAND:
            case PATH_NOT_ALLOWED:
            case FILE_NOT_FOUND:
                return USAGE;
            case FORBIDDEN:
            case MALFORMED_FILE:
            case CURRENCY_MISMATCH:
            case NOT_FOUND:
            case DATABASE_UNAVAILABLE:
            case DATABASE_ERROR:
            case EXTERNAL_API_ERROR:
            case INTERNAL_ERROR:
                return FAILURE;
        }
        throw new AssertionError(code);
    }
}
