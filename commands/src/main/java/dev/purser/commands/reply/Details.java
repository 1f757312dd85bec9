package dev.purser.commands.reply;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Named values that belong together, such as a configuration ({@code size}, {@code vcpus},
 * {@code memory_bytes}) or a pair of reservations. Machines read an object of the fields; people
 * see the label when there is one, else the fields in order.
 *
 * @param label the one-line name people see ({@code s-2vcpu-4gb x 2 nodes}), when there is one
 */
public record Details(Optional<String> label, List<Field> fields) {

    public Details {
        Objects.requireNonNull(label, "label");
        fields = List.copyOf(fields);
        Set<String> keys = new HashSet<>();
        for (Field f : fields) {
            if (!keys.add(f.key()) || f.key().equals("label")) {
                throw new IllegalArgumentException("details field key repeated or reserved: " + f.key());
            }
        }
    }

    /** @param key snake_case, unique within its details */
    public record Field(String key, Value value) {
        public Field {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }
}
