package io.sreagent.k8s.analysis;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Validates CronJob schedules in the standard five-field syntax (plus the {@code @daily}-style macros Kubernetes accepts). */
final class CronSchedule {

    private static final Set<String> MACROS = Set.of("@yearly", "@annually", "@monthly", "@weekly", "@daily",
            "@midnight", "@hourly");
    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
            "oct", "nov", "dec");
    private static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");
    private static final int[][] RANGES = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 7}};
    private static final String[] FIELDS = {"minute", "hour", "day of month", "month", "day of week"};

    private CronSchedule() {
    }

    /** Null when {@code schedule} is valid, else what is wrong with it. */
    static String validate(String schedule) {
        if (schedule == null || schedule.isBlank()) {
            return "empty schedule";
        }
        String s = schedule.trim();
        if (s.startsWith("TZ=") || s.startsWith("CRON_TZ=")) {
            int sp = s.indexOf(' ');
            if (sp < 0) {
                return "time zone without a schedule";
            }
            s = s.substring(sp + 1).trim();
        }
        if (s.startsWith("@")) {
            return MACROS.contains(s.toLowerCase(Locale.ROOT)) ? null : "unknown descriptor " + s;
        }
        String[] f = s.split("\\s+");
        if (f.length != 5) {
            return "expected exactly 5 fields, found " + f.length + ": " + s;
        }
        for (int i = 0; i < 5; i++) {
            String err = field(f[i], i);
            if (err != null) {
                return FIELDS[i] + " field '" + f[i] + "': " + err;
            }
        }
        return null;
    }

    private static String field(String f, int idx) {
        for (String part : f.split(",", -1)) {
            if (part.isEmpty()) {
                return "empty list element";
            }
            String range = part;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                try {
                    if (Integer.parseInt(part.substring(slash + 1)) <= 0) {
                        return "step must be positive";
                    }
                } catch (NumberFormatException e) {
                    return "bad step " + part.substring(slash + 1);
                }
            }
            if (range.equals("*") || range.equals("?")) {
                continue;
            }
            String[] ends = range.split("-", -1);
            if (ends.length > 2) {
                return "bad range " + range;
            }
            int lo = value(ends[0], idx);
            int hi = ends.length == 2 ? value(ends[1], idx) : lo;
            if (lo == Integer.MIN_VALUE || hi == Integer.MIN_VALUE) {
                return "not a number or name: " + range;
            }
            if (lo < RANGES[idx][0] || hi > RANGES[idx][1] || lo > hi) {
                return "out of range " + RANGES[idx][0] + "-" + RANGES[idx][1] + ": " + range;
            }
        }
        return null;
    }

    private static int value(String v, int idx) {
        String l = v.toLowerCase(Locale.ROOT);
        if (idx == 3 && MONTHS.contains(l)) {
            return MONTHS.indexOf(l) + 1;
        }
        if (idx == 4 && DAYS.contains(l)) {
            return DAYS.indexOf(l);
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return Integer.MIN_VALUE;
        }
    }
}
