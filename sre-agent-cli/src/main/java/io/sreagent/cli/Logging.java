package io.sreagent.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** The command line's log level: WARN by default (see logback.xml), raised by {@code -v}. */
final class Logging {

    private Logging() {
    }

    /** Sets the root level for {@code count} times {@code -v}: 0 leaves the configured level, 1 INFO, 2+ DEBUG. */
    static void verbosity(int count) {
        if (count <= 0 || !(LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root)) {
            return;
        }
        root.setLevel(count == 1 ? Level.INFO : Level.DEBUG);
        java.util.logging.Logger.getLogger("io.fabric8.mockwebserver")
                .setLevel(count == 1 ? java.util.logging.Level.INFO : java.util.logging.Level.FINE);
    }
}
