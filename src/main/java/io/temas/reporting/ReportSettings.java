package io.temas.reporting;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The reports' pre-aggregated figures.
 *
 * @param interval  pause between two runs of the aggregation job: figures are at most this old (plus one run)
 * @param chunkHours touched hours (of surveys, reply ratings, chat sessions, article views) built again per statement; bounds the
 *                  work of one statement after a bulk load
 * @param maxDays   the longest date range one report covers
 * @param zone      the zone the day rows are cut in; a reader whose days start at other instants is served from the hour rows.
 *                  Every node should name the same one: the job builds all day rows again when it differs from the built one
 */
@ConfigurationProperties("temas.reports")
public record ReportSettings(
        @DefaultValue("1m") Duration interval,
        @DefaultValue("744") int chunkHours,
        @DefaultValue("366") int maxDays,
        @DefaultValue("Europe/Istanbul") ZoneId zone) {
}
