package dev.purser.commands;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The kinds of a command whose first argument picks what it does ({@code import focus},
 * {@code import aws-ce}, ...), each taking its own subset of the command's other arguments.
 *
 * <p>The parser checks every invocation against its kind on every face: an argument the kind
 * does not take is a BAD_ARGUMENT that names the kind and what it takes, and an argument the
 * kind requires must be given. A handler therefore never checks by hand which options go with
 * which kind. Arguments stay declared once on the {@link CommandSpec}; a kind only names them.
 *
 * @param selector the argument whose value is the kind's name
 * @param kinds    every kind, in the order help lists them
 */
public record ArgumentKinds(String selector, List<Kind> kinds) {

    /**
     * One kind.
     *
     * @param name     the selector's value that picks it
     * @param summary  one line for help and the MCP schema ("a FOCUS CSV export")
     * @param accepts  the names of the other arguments it takes
     * @param requires those of {@code accepts} it cannot run without
     */
    public record Kind(String name, String summary, List<String> accepts, List<String> requires) {
        public Kind {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(summary, "summary");
            accepts = List.copyOf(accepts);
            requires = List.copyOf(requires);
            if (name.isBlank()) {
                throw new IllegalArgumentException("a kind needs a name");
            }
            for (String r : requires) {
                if (!accepts.contains(r)) {
                    throw new IllegalArgumentException("kind " + name + " requires " + r + " but does not accept it");
                }
            }
        }
    }

    public ArgumentKinds {
        Objects.requireNonNull(selector, "selector");
        kinds = List.copyOf(kinds);
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("argument " + selector + " selects no kinds");
        }
        Set<String> names = new HashSet<>();
        for (Kind k : kinds) {
            if (!names.add(k.name())) {
                throw new IllegalArgumentException("kind " + k.name() + " is declared twice");
            }
            if (k.accepts().contains(selector)) {
                throw new IllegalArgumentException("kind " + k.name() + " lists its own selector " + selector);
            }
        }
    }

    /** The kind of that name. */
    public Optional<Kind> kind(String name) {
        return kinds.stream().filter(k -> k.name().equals(name)).findFirst();
    }

    /** The names of the kinds that take {@code argument}, in declaration order. */
    public List<String> kindsTaking(String argument) {
        List<String> taking = new ArrayList<>();
        for (Kind k : kinds) {
            if (k.accepts().contains(argument)) {
                taking.add(k.name());
            }
        }
        return taking;
    }

    /** The names of the kinds that cannot run without {@code argument}. */
    public List<String> kindsRequiring(String argument) {
        List<String> requiring = new ArrayList<>();
        for (Kind k : kinds) {
            if (k.requires().contains(argument)) {
                requiring.add(k.name());
            }
        }
        return requiring;
    }
}
