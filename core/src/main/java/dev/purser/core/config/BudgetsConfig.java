package dev.purser.core.config;

import dev.purser.core.analysis.budgets.Budget;
import dev.purser.core.analysis.budgets.BudgetDefinitions;
import dev.purser.core.error.PurserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Budgets created at start-up when the store does not have them yet (after that, {@code budget
 * set} is the source of truth). They may come from a definitions file (the
 * {@link BudgetDefinitions} line format, kept so existing files keep working) and from the list here.
 *
 * @param file        a budget definitions file, or null
 * @param definitions budgets written in {@code purser.yaml}
 */
public record BudgetsConfig(Path file, List<BudgetConfig> definitions) {

    public BudgetsConfig {
        definitions = Check.list(definitions);
        Set<String> names = new HashSet<>();
        for (BudgetConfig b : definitions) {
            if (!names.add(b.name())) {
                throw new SettingException("definitions", "budget " + b.name() + " is defined twice");
            }
        }
    }

    public static BudgetsConfig defaults() {
        return new BudgetsConfig(null, List.of());
    }

    public BudgetsConfig withFile(Path newFile) {
        return new BudgetsConfig(newFile, definitions);
    }

    /**
     * Every budget of the file and the list.
     *
     * @throws PurserException BAD_ARGUMENT when the file cannot be read or has a bad line, or a
     *                         budget is defined in both
     */
    public List<Budget> resolve() {
        List<Budget> budgets = new ArrayList<>();
        if (file != null) {
            try {
                budgets.addAll(BudgetDefinitions.parse(Files.readString(file)));
            } catch (IOException e) {
                throw PurserException.badArgument("cannot read budgets file " + file + " (budgets.file or PURSER_BUDGETS_FILE): " + e.getMessage());
            }
        }
        Set<String> names = new HashSet<>();
        budgets.forEach(b -> names.add(b.name()));
        for (BudgetConfig b : definitions) {
            if (!names.add(b.name())) {
                throw PurserException.badArgument("budget " + b.name() + " is defined both in " + file
                        + " and in purser.yaml");
            }
            budgets.add(b.toBudget());
        }
        return List.copyOf(budgets);
    }
}
