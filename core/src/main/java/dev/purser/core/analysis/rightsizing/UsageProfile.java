package dev.purser.core.analysis.rightsizing;

import dev.purser.core.model.UsageSeries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Everything right-sizing needs from a resource's series: CPU and memory statistics, their
 * patterns, and what is missing. Built once per resource.
 */
record UsageProfile(
        Instant from,
        Instant to,
        Optional<UsageStats> cpu,
        Optional<UsageStats> memory,
        List<UsageStats> all,
        PatternAnalysis cpuPattern,
        PatternAnalysis memoryPattern,
        List<String> gaps,
        boolean noData,
        Optional<String> tooGappy,
        boolean shortWindow,
        boolean noticeableGaps) {

    /** The pattern that describes the workload: CPU's, or memory's when CPU is missing. */
    PatternAnalysis pattern() {
        return cpu.isPresent() ? cpuPattern : memoryPattern;
    }

    Evidence evidence() {
        return new Evidence(from, to, all, pattern(), gaps);
    }

    static UsageProfile of(UsageAnalyzer analyzer, RightsizingRules rules, List<UsageSeries> series, Instant from,
            Instant to, double cpuCapacity, double memoryCapacity) {
        UsageStats cpu = null;
        UsageStats memory = null;
        UsageAnalyzer.Extract cpuExtract = null;
        UsageAnalyzer.Extract memoryExtract = null;
        List<UsageStats> all = new ArrayList<>();
        List<String> gaps = new ArrayList<>();
        for (UsageSeries s : series) {
            MetricKind kind = MetricKind.of(s);
            if (kind == MetricKind.OTHER) {
                continue;
            }
            boolean percent = kind == MetricKind.CPU_PERCENT || kind == MetricKind.MEMORY_PERCENT;
            double capacity = kind.isCpu() ? cpuCapacity : memoryCapacity;
            if (percent && Double.isNaN(capacity)) {
                gaps.add(s.metric() + " is a percentage but the resource's capacity is unknown: not used");
                continue;
            }
            if ((kind.isCpu() && cpu != null) || (kind.isMemory() && memory != null)) {
                continue;
            }
            UsageAnalyzer.Extract e = analyzer.extract(s, kind, from, to, capacity);
            if (e.size() == 0) {
                continue;
            }
            UsageStats stats = analyzer.stats(e);
            all.add(stats);
            if (kind.isCpu()) {
                cpu = stats;
                cpuExtract = e;
            } else if (kind.isMemory()) {
                memory = stats;
                memoryExtract = e;
            }
        }
        PatternAnalysis cpuPattern = cpu == null
                ? PatternAnalysis.unknown("no CPU samples in the window")
                : analyzer.pattern(cpuExtract, cpu, from, to, cpuCapacity, true);
        PatternAnalysis memoryPattern = memory == null
                ? PatternAnalysis.unknown("no memory samples in the window")
                : analyzer.pattern(memoryExtract, memory, from, to, memoryCapacity, false);
        boolean noData = all.isEmpty();
        if (noData) {
            gaps.add("no usage data in the window " + from + " .. " + to + ": unknown, not idle");
        }
        if (cpu == null && !noData) {
            gaps.add("no CPU series: CPU kept at the current capacity");
        }
        if (memory == null && !noData) {
            gaps.add("no memory series: memory kept at the current size");
        }
        boolean shortWindow = false;
        boolean noticeable = false;
        String tooGappy = null;
        for (UsageStats m : all) {
            if (m.coveredDays() < rules.minDays()) {
                shortWindow = true;
                gaps.add(String.format(Locale.ROOT, "%s: only %.1f days of data (fewer than %d)", m.metric(),
                        m.coveredDays(), rules.minDays()));
            }
            if (m.missingSamples() > 0) {
                String sentence = String.format(Locale.ROOT,
                        "%s: %d samples missing in %d gaps (%.1f %% of the grid; longest %s)", m.metric(),
                        m.missingSamples(), m.gapCount(), 100 * m.gapFraction(), Formats.duration(m.longestGap()));
                gaps.add(sentence);
                if (m.gapFraction() > rules.maxGapFraction() && tooGappy == null) {
                    tooGappy = sentence + "; more than " + Math.round(100 * rules.maxGapFraction())
                            + " % missing, so no size is guessed";
                } else if (m.gapFraction() > rules.noticeableGapFraction()) {
                    noticeable = true;
                }
            }
        }
        return new UsageProfile(from, to, Optional.ofNullable(cpu), Optional.ofNullable(memory), all, cpuPattern,
                memoryPattern, gaps, noData, Optional.ofNullable(tooGappy), shortWindow, noticeable);
    }

    /** Confidence from coverage and gaps, with the reasons. */
    Assessment confidence(List<String> extra) {
        Level level = Level.HIGH;
        List<String> reasons = new ArrayList<>();
        if (noData || tooGappy.isPresent()) {
            level = Level.LOW;
            reasons.add(noData ? "no usage data" : tooGappy.get());
        }
        if (shortWindow) {
            level = Level.LOW;
            for (UsageStats m : all) {
                reasons.add(String.format(Locale.ROOT, "%s covers %.1f days", m.metric(), m.coveredDays()));
            }
        }
        if (noticeableGaps) {
            level = level.min(Level.MEDIUM);
            reasons.add("gaps in the window (see evidence)");
        }
        if (!noData && (cpu.isEmpty() || memory.isEmpty())) {
            level = level.min(Level.MEDIUM);
            reasons.add(cpu.isEmpty() ? "no CPU series" : "no memory series");
        }
        for (String e : extra) {
            level = level.min(Level.MEDIUM);
            reasons.add(e);
        }
        if (reasons.isEmpty()) {
            UsageStats first = all.get(0);
            reasons.add(String.format(Locale.ROOT, "%.1f days of data, %d samples per metric, no material gaps",
                    first.coveredDays(), first.sampleCount()));
        }
        return new Assessment(level, reasons);
    }
}
