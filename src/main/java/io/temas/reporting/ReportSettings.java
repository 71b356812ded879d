package io.temas.reporting;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The reports' pre-aggregated figures.
 *
 * @param interval  pause between two runs of the aggregation job: figures are at most this old (plus one run)
 * @param chunkHours touched hours (of surveys, reply ratings, chat sessions, article views) built again per statement; bounds the
 *                  work of one statement after a bulk load
 * @param maxDays   the longest date range one report covers
 * @param zones     the zones day rows are kept in; a reader whose days are none of theirs is served from the hour rows. Every
 *                  node should name the same: the job builds a zone's days whole when it is added, and drops those of one no
 *                  longer named
 */
@ConfigurationProperties("temas.reports")
public record ReportSettings(
        @DefaultValue("1m") Duration interval,
        @DefaultValue("744") int chunkHours,
        @DefaultValue("366") int maxDays,
        @DefaultValue("Europe/Istanbul") List<ZoneId> zones) {

    public ReportSettings {
        zones = zones == null ? List.of() : List.copyOf(new java.util.LinkedHashSet<>(zones));
    }
}
