package dev.pyconcurrent.futures;

import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;

/** Captures what the library logs on {@code dev.pyconcurrent.futures} (CPython's tests capture stderr). */
final class LogCapture implements AutoCloseable {
    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.pyconcurrent.futures");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    LogCapture() {
        appender.start();
        logger.addAppender(appender);
    }

    /** @return every captured event as "LEVEL message | ThrowableClass: message" lines */
    String text() {
        synchronized (appender.list) {
            return appender.list.stream().map(LogCapture::describe).collect(Collectors.joining("\n"));
        }
    }

    List<ILoggingEvent> events() {
        synchronized (appender.list) {
            return List.copyOf(appender.list);
        }
    }

    private static String describe(ILoggingEvent e) {
        IThrowableProxy t = e.getThrowableProxy();
        return e.getLevel() + " " + e.getFormattedMessage()
                + (t == null ? "" : " | " + t.getClassName() + ": " + t.getMessage());
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
