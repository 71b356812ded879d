package io.temas.inbound;

import io.temas.shared.Language;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The wait every acknowledgement states in words ({@link AckTemplates#waitText}), for eight waits in turn between
 * 3 minutes and 3 days in Turkish, Azerbaijani and English: {@link #waitText} as the pipeline asks it (the words kept),
 * {@link #waitTextFormatted} filling the bundle's message format each time, as before they were kept.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class AckTemplatesBenchmarks {

    private static final Duration[] WAITS = {Duration.ofMinutes(3), Duration.ofMinutes(17), Duration.ofMinutes(45),
            Duration.ofMinutes(119), Duration.ofHours(3), Duration.ofHours(20), Duration.ofDays(2), Duration.ofDays(3)};
    private static final Language[] LANGUAGES = {Language.TR, Language.AZ, Language.EN};

    private final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    private final AckTemplates templates;
    private int next;

    public AckTemplatesBenchmarks() {
        messages.setBasename("i18n/messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        templates = new AckTemplates(messages);
    }

    @Benchmark
    public String waitText() {
        int i = next++ & Integer.MAX_VALUE;
        return templates.waitText(LANGUAGES[i % 3], WAITS[i & 7]);
    }

    @Benchmark
    public String waitTextFormatted() {
        int i = next++ & Integer.MAX_VALUE;
        Duration wait = WAITS[i & 7];
        long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
        String key = minutes < 120 ? "wait.minutes" : minutes < 48 * 60 ? "wait.hours" : "wait.days";
        long count = minutes < 120 ? minutes : minutes < 48 * 60 ? (minutes + 59) / 60 : ((minutes + 59) / 60 + 23) / 24;
        return messages.getMessage(key, new Object[] {count}, LANGUAGES[i % 3].locale());
    }
}
