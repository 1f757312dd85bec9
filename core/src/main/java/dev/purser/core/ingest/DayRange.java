package dev.purser.core.ingest;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

/**
 * The identity of a day-range load: these accounts on the charge days
 * {@code firstDay..lastDay} (inclusive, UTC).
 */
public record DayRange(Set<String> accounts, LocalDate firstDay, LocalDate lastDay) {
    public DayRange {
        accounts = Set.copyOf(accounts);
        Objects.requireNonNull(firstDay, "firstDay");
        Objects.requireNonNull(lastDay, "lastDay");
        if (accounts.isEmpty()) {
            throw new IllegalArgumentException("a day range needs at least one billing account");
        }
        for (String a : accounts) {
            if (a.isBlank()) {
                throw new IllegalArgumentException("a billing account id is blank");
            }
        }
        if (lastDay.isBefore(firstDay)) {
            throw new IllegalArgumentException("day range ends before it starts: " + firstDay + ".." + lastDay);
        }
    }

    public boolean contains(String account, LocalDate day) {
        return accounts.contains(account) && !day.isBefore(firstDay) && !day.isAfter(lastDay);
    }
}
