package dev.hark.nlu.template;

/** A template line that does not parse; the message names the origin, line and column. */
public final class TemplateSyntaxException extends Exception {
    private final int column;

    public TemplateSyntaxException(String origin, int column, String problem) {
        super(origin + ":" + column + ": " + problem);
        this.column = column;
    }

    /** 1-based column of the fault in the template line. */
    public int column() {
        return column;
    }
}
