package dev.purser.core.cloud;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Cloud clients are made when a pull first runs, not when Purser starts: a missing token or
 * region then fails that pull with its own message, and {@code purser help} never needs one.
 */
public final class Lazy {

    private Lazy() {
    }

    /** A supplier that makes its value on the first {@code get()} and returns that one ever after. */
    public static <T> Supplier<T> once(Supplier<T> make) {
        Objects.requireNonNull(make, "make");
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = make.get();
                }
                return value;
            }
        };
    }
}
