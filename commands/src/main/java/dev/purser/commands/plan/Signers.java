package dev.purser.commands.plan;

import dev.purser.commands.CommandContext;
import dev.purser.commands.Principal;
import dev.purser.commands.Role;
import dev.purser.core.error.PurserException;
import dev.purser.core.plan.Signer;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Who is signing, from the request's principal and face; and plan references as typed. */
final class Signers {

    private static final Pattern PLAN = Pattern.compile("(?i)(?:plan[-:#]?)?(\\d{1,12})(?:@(\\d{1,6}))?");

    private Signers() {
    }

    /**
     * The signer a typed command stands for: its principal (the shell's is the OS user, mapped
     * through identities), the face as the platform, and the conversation as where it was given.
     */
    static Signer of(CommandContext context) {
        Principal p = context.principal();
        Set<String> roles = p.roles().stream().map(r -> r.name().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        Optional<String> where = context.conversation().map(c -> c.platform() + ":" + c.channel()
                + c.thread().map(t -> "/" + t).orElse(""));
        return new Signer(context.face(), p.id(), p.displayName(), p.id(), roles, p.human(), where);
    }

    static boolean has(CommandContext context, Role role) {
        return context.principal().has(role);
    }

    /** A plan as typed: {@code 7}, {@code plan-7}, or {@code 7@2} for revision 2. */
    record Ref(long id, OptionalInt revision) {
        static Ref parse(String text) {
            Matcher m = PLAN.matcher(text == null ? "" : text.trim());
            if (!m.matches()) {
                throw PurserException.badArgument("'" + text + "' is not a plan; give its number, such as 7, or 7@2 "
                        + "for revision 2");
            }
            return new Ref(Long.parseLong(m.group(1)), m.group(2) == null ? OptionalInt.empty()
                    : OptionalInt.of(Integer.parseInt(m.group(2))));
        }
    }
}
