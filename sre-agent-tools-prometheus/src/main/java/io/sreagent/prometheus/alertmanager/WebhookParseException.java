package io.sreagent.prometheus.alertmanager;

/** An Alertmanager webhook body that cannot be read: says which field was wrong, with the value. */
public final class WebhookParseException extends Exception {

    private final String field;

    /** A failure at {@code field} (a JSON path such as {@code alerts[0].startsAt}). */
    public WebhookParseException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The JSON path of the offending field ({@code $} for the whole body). */
    public String field() {
        return field;
    }
}
