package dev.purser.bot.discord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hand-written fakes of Discord interactions at the handler's port ({@link DiscordInteraction}):
 * each records what the handler did with it, in order, and the messages it sent.
 */
final class FakeInteractions {

    private FakeInteractions() {
    }

    /** What the handler did: {@code defer}, {@code ephemeral}, {@code edit}, {@code replaceEphemeral}. */
    abstract static class Recording implements DiscordInteraction {
        final List<String> calls = new ArrayList<>();
        final List<DiscordMessage> messages = new ArrayList<>();
        /** The user's roles in the guild; empty as in a direct message unless a test sets them. */
        final List<String> guildRoles = new ArrayList<>();
        private final String id;
        private final String userId;
        private final String userName;

        Recording(String id, String userId, String userName) {
            this.id = id;
            this.userId = userId;
            this.userName = userName;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String userId() {
            return userId;
        }

        @Override
        public String userName() {
            return userName;
        }

        @Override
        public Optional<String> channelId() {
            return Optional.of("900000000000000001");
        }

        @Override
        public List<String> guildRoleIds() {
            return guildRoles;
        }

        @Override
        public void deferReply() {
            check(calls.isEmpty(), "deferred after answering");
            calls.add("defer");
        }

        @Override
        public void replyEphemeral(DiscordMessage message) {
            check(calls.isEmpty(), "replied after answering");
            calls.add("ephemeral");
            messages.add(message);
        }

        @Override
        public void editReply(DiscordMessage message) {
            check(calls.contains("defer"), "edited a reply never deferred");
            calls.add("edit");
            messages.add(message);
        }

        /** The id Discord gives the answer's message when asked to report it: the interaction's id with 14 for 13. */
        @Override
        public void editReply(DiscordMessage message, java.util.function.Consumer<String> posted) {
            editReply(message);
            posted.accept("14" + id.substring(2));
        }

        @Override
        public void replaceWithEphemeral(DiscordMessage message) {
            check(calls.contains("defer"), "replaced a reply never deferred");
            calls.add("replaceEphemeral");
            messages.add(message);
        }

        DiscordMessage last() {
            return messages.get(messages.size() - 1);
        }

        // Discord refuses a second initial response and a hook edit before any response; so does the fake.
        private static void check(boolean ok, String what) {
            if (!ok) {
                throw new IllegalStateException(what);
            }
        }
    }

    static final class Slash extends Recording implements DiscordInteraction.Slash {
        private final String subcommand;
        private final Map<String, Object> options;

        Slash(String userId, String subcommand, Map<String, Object> options) {
            super("1300000000000000001", userId, "user" + userId.substring(userId.length() - 2));
            this.subcommand = subcommand;
            this.options = new LinkedHashMap<>(options);
        }

        @Override
        public String subcommand() {
            return subcommand;
        }

        @Override
        public Map<String, Object> options() {
            return options;
        }
    }

    static final class Click extends Recording implements DiscordInteraction.ButtonClick {
        private final String customId;

        Click(String userId, String customId) {
            super("1300000000000000002", userId, "user" + userId.substring(userId.length() - 2));
            this.customId = customId;
        }

        @Override
        public String customId() {
            return customId;
        }

        /** Clicked on the first answer's message (see {@link Recording#editReply(DiscordMessage, java.util.function.Consumer)}). */
        @Override
        public Optional<String> messageId() {
            return Optional.of("1400000000000000001");
        }
    }

    static final class Autocomplete implements DiscordInteraction.Autocomplete {
        private final String userId;
        private final String subcommand;
        private final String option;
        private final String typed;
        List<String> suggested;

        Autocomplete(String userId, String subcommand, String option, String typed) {
            this.userId = userId;
            this.subcommand = subcommand;
            this.option = option;
            this.typed = typed;
        }

        @Override
        public String userId() {
            return userId;
        }

        @Override
        public String userName() {
            return "someone";
        }

        @Override
        public List<String> guildRoleIds() {
            return List.of();
        }

        @Override
        public String subcommand() {
            return subcommand;
        }

        @Override
        public String option() {
            return option;
        }

        @Override
        public String typed() {
            return typed;
        }

        @Override
        public void suggest(List<String> values) {
            if (suggested != null) {
                throw new IllegalStateException("suggested twice");
            }
            suggested = List.copyOf(values);
        }
    }
}
