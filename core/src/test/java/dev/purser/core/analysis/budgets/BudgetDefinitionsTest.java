package dev.purser.core.analysis.budgets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.util.List;
import org.junit.jupiter.api.Test;

class BudgetDefinitionsTest {

    @Test
    void parse_linesWithDefaultsAndComments() {
        List<Budget> budgets = BudgetDefinitions.parse("""
                # the team's budgets
                name=livyflow-total;amount=4000 USD;scope=total;account=livyflow;thresholds=50,75,90,100

                name=ec2;amount=1500;scope=service:EC2
                name=prod;amount=300.50;currency=eur;scope=tag:env=prod;thresholds=80 %, 100%
                """);
        assertThat(budgets).extracting(Budget::name).containsExactly("livyflow-total", "ec2", "prod");
        assertThat(budgets.get(0).account()).isEqualTo("livyflow");
        assertThat(budgets.get(0).amount().amount()).isEqualByComparingTo("4000");
        assertThat(budgets.get(1).amount().currency().getCurrencyCode()).isEqualTo("USD");
        assertThat(budgets.get(1).scope()).isEqualTo(BudgetScope.service("EC2"));
        assertThat(budgets.get(1).thresholds()).isEqualTo(Budget.DEFAULT_THRESHOLDS);
        assertThat(budgets.get(2).amount().currency().getCurrencyCode()).isEqualTo("EUR");
        assertThat(budgets.get(2).scope()).isEqualTo(BudgetScope.tag("env", "prod"));
        assertThat(budgets.get(2).thresholds()).containsExactly(80, 100);
    }

    @Test
    void parse_badLines_badArgumentNamingTheLine() {
        for (String bad : List.of("name=a;amount=-5", "name=a;amount=5;thresholds=0", "name=a;amount=5;thresholds=1001",
                "name=a;amount=5 XYZ", "name=a;amount=5;colour=red", "name=a;amount=5;scope=region:nyc3",
                "amount=5", "name=A B;amount=5", "name=a;amount=five")) {
            assertThatThrownBy(() -> BudgetDefinitions.parse("# header\n" + bad), bad)
                    .isInstanceOf(PurserException.class)
                    .satisfies(e -> assertThat(((PurserException) e).code()).isEqualTo(ErrorCode.BAD_ARGUMENT))
                    .hasMessageContaining("line 2");
        }
        assertThatThrownBy(() -> BudgetDefinitions.parse("name=a;amount=5\nname=a;amount=6"))
                .hasMessageContaining("defined twice");
    }

    @Test
    void scope_parseAndText_roundTrip() {
        for (String s : List.of("total", "service:Amazon Elastic Compute Cloud", "tag:env=prod")) {
            assertThat(BudgetScope.parse(s).text()).isEqualTo(s);
        }
        assertThatThrownBy(() -> BudgetScope.parse("tag:env")).isInstanceOf(PurserException.class)
                .hasMessageContaining("tag:<key>=<value>");
    }
}
