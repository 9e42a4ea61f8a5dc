package dev.hark.skills.builtin;

import java.time.Duration;

/** Writes a duration as words to be spoken: "1 hour and 5 minutes", "2 minutes and 30 seconds". */
final class SpokenDuration {
    private SpokenDuration() {
    }

    /** The duration rounded up to whole seconds, largest two non-zero units first. */
    static String of(Duration d) {
        long total = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        if (total <= 0) {
            return "0 seconds";
        }
        long[] amounts = {total / 86400, total % 86400 / 3600, total % 3600 / 60, total % 60};
        String[] units = {"day", "hour", "minute", "second"};
        StringBuilder sb = new StringBuilder();
        int parts = 0;
        for (int i = 0; i < amounts.length && parts < 2; i++) {
            if (amounts[i] == 0) {
                if (parts > 0) {
                    break; // "1 hour and 5 seconds" reads worse than "1 hour"
                }
                continue;
            }
            if (parts > 0) {
                sb.append(" and ");
            }
            sb.append(amounts[i]).append(' ').append(units[i]).append(amounts[i] == 1 ? "" : "s");
            parts++;
        }
        return sb.toString();
    }
}
