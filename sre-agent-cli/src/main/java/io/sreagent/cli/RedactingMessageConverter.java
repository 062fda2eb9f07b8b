package io.sreagent.cli;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import io.sreagent.core.redaction.Redactor;

/**
 * The log message, and the message of its exception if any, redacted and on one line with control characters
 * escaped: a log line is output like any other, and may quote a trigger, a tool's answer or an error from a backend.
 * Used by logback.xml as {@code %redacted}.
 */
public final class RedactingMessageConverter extends ClassicConverter {

    private final Redactor redactor = new Redactor();

    @Override
    public String convert(ILoggingEvent event) {
        StringBuilder sb = new StringBuilder(String.valueOf(event.getFormattedMessage()));
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            sb.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
        }
        return Report.oneLine(String.valueOf(redactor.redact(sb.toString())), 2000);
    }
}
