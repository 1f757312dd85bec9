package dev.purser.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.commands.testing.Fixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageTextTest {

    @TempDir
    Path imports;
    CommandRegistry registry;

    @BeforeEach
    void setUp() {
        registry = new Fixtures(imports).registry;
    }

    @Test
    void usage_cost_generatedFromArguments() {
        assertThat(UsageText.usage(registry.find("cost").orElseThrow())).isEqualTo(
                "cost [period] [--by service|service-category|provider|account|sub-account|region|resource|"
                        + "charge-category|tag:<key>] [--top 1..50] [--metric billed|effective|list] "
                        + "[--granularity daily|weekly|monthly] [--account text] [--provider text] [--env text] "
                        + "[--where dimension=value]...");
    }

    @Test
    void usage_import_requiredRepeatableAndFlag() {
        assertThat(UsageText.usage(registry.find("import").orElseThrow()))
                .isEqualTo("import <kind> <file>... [--lenient]");
    }

    @Test
    void usage_kind_onlyItsArgumentsRequiredAsItRequires() {
        CommandSpec imports = registry.find("import").orElseThrow();
        ArgumentKinds.Kind focus = imports.kinds().kind("focus").orElseThrow();

        assertThat(UsageText.usage(imports, focus)).isEqualTo("import focus <file>... [--lenient]");
        assertThat(UsageText.help(imports)).endsWith("Each kind takes only its own arguments:\n"
                + "  focus: <file>... --lenient\n");
    }

    @Test
    void argumentHelp_saysDefaultAndAccepted() {
        ArgumentSpec<?> top = registry.find("cost").orElseThrow().argument("top").orElseThrow();
        assertThat(UsageText.argumentHelp(top)).contains("Default: 10.").contains("from 1 to 50");
        ArgumentSpec<?> kind = registry.find("import").orElseThrow().argument("kind").orElseThrow();
        assertThat(UsageText.argumentHelp(kind)).contains("Required.").contains("Accepts: focus.");
    }
}
