package dev.purser.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentStringsTest {

    private final RecentStrings recent = new RecentStrings(2);

    private String cell(int column, String line, int start, int length) {
        return recent.of(column, line.toCharArray(), start, length);
    }

    @Test
    void sameTextAgain_isTheSameInstance() {
        String first = cell(0, "x,Amazon EC2,y", 2, 10);
        String again = cell(0, "Amazon EC2", 0, 10);

        assertThat(first).isEqualTo("Amazon EC2");
        assertThat(again).isSameAs(first);
    }

    @Test
    void differentTextOfTheSameShape_isItsOwnValue() {
        // same length, first, middle and last character: the same slot, so the texts are compared
        String a = cell(0, "abXcd", 0, 5);
        String b = cell(0, "abYcd", 0, 5);

        assertThat(a).isEqualTo("abXcd");
        assertThat(b).isEqualTo("abYcd");
        assertThat(cell(0, "abYcd", 0, 5)).isSameAs(b);
    }

    @Test
    void columnsDoNotShareInstances() {
        String service = cell(0, "Droplets", 0, 8);
        String other = cell(1, "Droplets", 0, 8);

        assertThat(other).isEqualTo(service).isNotSameAs(service);
    }

    @Test
    void longText_isNotKept() {
        String text = "r".repeat(RecentStrings.MAX_CACHED + 1);

        String first = cell(0, text, 0, text.length());
        String again = cell(0, text, 0, text.length());

        assertThat(again).isEqualTo(first).isNotSameAs(first);
    }
}
