package io.temas.console;

import io.temas.customers.TimelineEntry;
import org.springframework.stereotype.Component;

/**
 * A timeline entry's sentence in the reader's language. An entry recorded with a detail code is
 * said from the bundles with its arguments (dates in the reader's zone); a call is told from the
 * call itself ({@link CallTexts}); an older entry with neither shows its stored English summary.
 * Templates call it as {@code @timelineTexts}.
 */
@Component("timelineTexts")
class TimelineTexts {

    private final ConsoleFormat format;
    private final CallTexts calls;

    TimelineTexts(ConsoleFormat format, CallTexts calls) {
        this.format = format;
        this.calls = calls;
    }

    public String summary(TimelineEntry entry) {
        if (entry.detail() != null) {
            return format.reason(entry.detail(), entry.summary());
        }
        return calls.summary(entry);
    }
}
