package dev.purser.commands;

import dev.purser.core.error.PurserException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits what a chat user typed into tokens the way a shell would, minus the surprises:
 * whitespace separates, {@code "double"} and {@code 'single'} quotes group words (the quotes
 * are dropped), and there are no escapes or variables. Chat clients turn typed quotes into
 * typographic ones, so {@code “…”} and {@code ‘…’} count as quotes too.
 */
public final class ChatLine {

    private ChatLine() {
    }

    /**
     * @throws PurserException BAD_ARGUMENT when a quote is left open
     */
    public static List<String> split(String line) {
        List<String> tokens = new ArrayList<>();
        if (line == null) {
            return tokens;
        }
        StringBuilder current = new StringBuilder();
        boolean inToken = false;
        char closing = 0;
        int openedAt = -1;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (closing != 0) {
                if (c == closing || (closing == '"' && c == '”') || (closing == '\'' && c == '’')) {
                    closing = 0;
                } else {
                    current.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (inToken) {
                    tokens.add(current.toString());
                    current.setLength(0);
                    inToken = false;
                }
            } else if (c == '"' || c == '“' || c == '”') {
                closing = '"';
                openedAt = i;
                inToken = true;
            } else if (c == '\'' || c == '‘') {
                closing = '\'';
                openedAt = i;
                inToken = true;
            } else {
                current.append(c);
                inToken = true;
            }
        }
        if (closing != 0) {
            throw PurserException.badArgument("the quote opened at character " + (openedAt + 1)
                    + " is never closed; close it with " + closing);
        }
        if (inToken) {
            tokens.add(current.toString());
        }
        return tokens;
    }
}
