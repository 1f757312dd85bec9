package dev.purser.core.analysis.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.purser.core.analysis.rightsizing.RightsizingRules;
import dev.purser.core.analysis.waste.WasteSettings;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AnalysisRulesTest {

    private static final String SOURCE = "PURSER_RULES_FILE rules.properties";

    @Test
    void parse_emptyFile_isTheDefaults() {
        AnalysisRules rules = AnalysisRules.parse("# nothing changed\n", SOURCE);

        assertThat(rules.rightsizing()).isEqualTo(RightsizingRules.defaults());
        assertThat(rules.waste()).isEqualTo(WasteSettings.defaults());
    }

    @Test
    void parse_defaultsWrittenOut_roundTripToTheDefaults() {
        String all = AnalysisRules.defaultsAsProperties().entrySet().stream()
                .map(e -> e.getKey() + " = " + e.getValue()).collect(Collectors.joining("\n"));

        AnalysisRules rules = AnalysisRules.parse(all, SOURCE);

        assertThat(rules).isEqualTo(AnalysisRules.defaults());
    }

    @Test
    void parse_overrides_changeOnlyThoseKeys() {
        AnalysisRules rules = AnalysisRules.parse("""
                rightsizing.cpu_p95_target = 0.60
                rightsizing.allow_single_node_for_critical = true
                rightsizing.min_monthly_saving = 5.00
                rightsizing.host_overhead_mib = 1024
                waste.snapshot_retention_days = 30
                """, SOURCE);

        assertThat(rules.rightsizing().cpuP95Target()).isEqualTo(0.60);
        assertThat(rules.rightsizing().allowSingleNodeForCritical()).isTrue();
        assertThat(rules.rightsizing().minMonthlySaving()).isEqualByComparingTo(new BigDecimal("5.00"));
        assertThat(rules.rightsizing().hostOverheadBytes()).isEqualTo(1024L * 1024 * 1024);
        assertThat(rules.rightsizing().cpuP99Target()).isEqualTo(RightsizingRules.defaults().cpuP99Target());
        assertThat(rules.waste().snapshotRetention()).isEqualTo(Duration.ofDays(30));
        assertThat(rules.waste().idleCpuPercent()).isEqualTo(WasteSettings.defaults().idleCpuPercent());
    }

    @Test
    void parse_unknownKey_isRefusedNamingItAndTheKnownOnes() {
        assertThatThrownBy(() -> AnalysisRules.parse("rightsizing.cpu_p95_targt = 0.6\n", SOURCE))
                .isInstanceOfSatisfying(PurserException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
                    assertThat(e.getMessage()).contains(SOURCE, "unknown key rightsizing.cpu_p95_targt",
                            "rightsizing.cpu_p95_target");
                });
    }

    @Test
    void parse_badValues_areRefusedNamingTheKey() {
        assertThatThrownBy(() -> AnalysisRules.parse("rightsizing.memory_headroom = lots\n", SOURCE))
                .isInstanceOfSatisfying(PurserException.class, e -> assertThat(e.getMessage())
                        .contains("rightsizing.memory_headroom = 'lots' is not a number"));
        assertThatThrownBy(() -> AnalysisRules.parse("rightsizing.allow_family_change = yes\n", SOURCE))
                .isInstanceOfSatisfying(PurserException.class, e -> assertThat(e.getMessage())
                        .contains("true or false"));
        assertThatThrownBy(() -> AnalysisRules.parse("waste.bill_days = 3.5\n", SOURCE))
                .isInstanceOfSatisfying(PurserException.class, e -> assertThat(e.getMessage())
                        .contains("a whole number"));
        assertThatThrownBy(() -> AnalysisRules.parse("rightsizing.idle_cpu_p95 = NaN\n", SOURCE))
                .isInstanceOfSatisfying(PurserException.class, e -> assertThat(e.getMessage())
                        .contains("finite"));
    }

    @Test
    void parse_valueOutOfRange_isRefusedWithTheRulesReason() {
        assertThatThrownBy(() -> AnalysisRules.parse("rightsizing.memory_headroom = 0.9\n", SOURCE))
                .isInstanceOfSatisfying(PurserException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
                    assertThat(e.getMessage()).contains(SOURCE, "memoryHeadroom must be at least 1");
                });
        assertThatThrownBy(() -> AnalysisRules.parse("rightsizing.cpu_p95_target = 0.95\n", SOURCE))
                .isInstanceOfSatisfying(PurserException.class, e -> assertThat(e.getMessage())
                        .contains("cpuP95Target must not exceed cpuP99Target"));
    }

    @Test
    void deployExample_listsEveryKeyWithItsDefault() throws java.io.IOException {
        java.nio.file.Path example = java.nio.file.Path.of("..", "deploy", "rules.properties.example");
        java.util.Properties p = new java.util.Properties();
        try (java.io.Reader r = java.nio.file.Files.newBufferedReader(example)) {
            p.load(r);
        }

        assertThat(p.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(
                AnalysisRules.defaultsAsProperties().keySet());
        assertThat(AnalysisRules.parse(java.nio.file.Files.readString(example), example.toString()))
                .isEqualTo(AnalysisRules.defaults());
    }
}
