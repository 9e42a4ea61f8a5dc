package dev.hark.nlu.dataset;

import java.util.List;

/**
 * A dataset or template file that cannot be loaded. {@link #problems()} lists every fault found, each
 * naming the file and the place: a JSON path ({@code $.intents.setTimer.utterances[2].data[1].entity}),
 * a line and column for malformed JSON or templates. The message is the first fault and a count of the rest.
 */
public final class DatasetException extends Exception {
    private final List<String> problems;

    public DatasetException(List<String> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    public DatasetException(String problem) {
        this(List.of(problem));
    }

    /** All faults, one line each. */
    public List<String> problems() {
        return problems;
    }

    private static String summary(List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("no problems");
        }
        return problems.size() == 1 ? problems.get(0)
                : problems.get(0) + " (and " + (problems.size() - 1) + " more problem" + (problems.size() > 2 ? "s" : "") + ")";
    }
}
