package io.temas.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The embedded server's own settings as an operator writes them: bound, spelled as PostgreSQL spells them, and refused where Temas decides. */
class PostgresSettingsTests {

    @Test
    void dashesStandForUnderscoresAndAnExtensionKeepsItsPrefix() {
        PostgresSettings bound = bind(Map.of(
                "temas.postgres.server.log-min-duration-statement", "250ms",
                "temas.postgres.server.shared-preload-libraries", "pg_stat_statements,auto_explain",
                "temas.postgres.server.pg-stat-statements.track", "all",
                "temas.postgres.server.Auto-Explain.log-min-duration", "1s"));

        assertThat(bound.server()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "log_min_duration_statement", "250ms",
                "shared_preload_libraries", "pg_stat_statements,auto_explain",
                "pg_stat_statements.track", "all",
                "auto_explain.log_min_duration", "1s"));
    }

    @Test
    void withoutAnyTheServerGetsTemasSettingsAlone() {
        assertThat(bind(Map.of("temas.postgres.shared-buffers", "64MB")).server()).isEmpty();
        assertThat(PostgresSettings.DEFAULTS.server()).isEmpty();
    }

    @Test
    void theServerKeepsEightMegabytesFreedUnlessToldOtherwiseAndNeverANegativeAmount() {
        assertThat(bind(Map.of()).heapKept()).isEqualTo(org.springframework.util.unit.DataSize.ofMegabytes(8));
        assertThat(PostgresSettings.DEFAULTS.heapKept()).isEqualTo(org.springframework.util.unit.DataSize.ofMegabytes(8));
        assertThat(bind(Map.of("temas.postgres.heap-kept", "0")).heapKept().toBytes()).isZero();
        assertThatThrownBy(() -> bind(Map.of("temas.postgres.heap-kept", "-1MB"))).isInstanceOf(BindException.class)
                .hasRootCauseMessage("temas.postgres.heap-kept must be 0 (glibc's own defaults) or more, not -1048576B");
    }

    @Test
    void whatTemasDecidesIsRefusedNamingTheSettingToUseInstead() {
        assertThatThrownBy(() -> bind(Map.of("temas.postgres.server.fsync", "off")))
                .isInstanceOf(BindException.class)
                .hasRootCauseMessage("temas.postgres.server.fsync: Temas sets fsync itself; use temas.durable");
        assertThatThrownBy(() -> bind(Map.of("temas.postgres.server.shared-buffers", "1GB")))
                .hasRootCauseMessage("temas.postgres.server.shared-buffers: Temas sets shared_buffers itself; use temas.postgres.shared-buffers");
        assertThatThrownBy(() -> bind(Map.of("temas.postgres.server.listen-addresses", "*")))
                .hasRootCauseMessage("temas.postgres.server.listen-addresses: Temas sets listen_addresses itself");
        for (String owned : PostgresSettings.OWNED.keySet()) {
            assertThatThrownBy(() -> PostgresSettings.DEFAULTS.withServer(Map.of(owned.replace('_', '-'), "x"))).as(owned)
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("Temas sets " + owned + " itself");
        }
    }

    @Test
    void namesAndValuesPostgresqlCouldNotTakeAreRefusedBeforeTheStart() {
        assertThatThrownBy(() -> PostgresSettings.DEFAULTS.withServer(Map.of("work_mem = 1GB --", "x")))
                .hasMessage("temas.postgres.server.work_mem = 1GB -- is not a PostgreSQL setting's name");
        assertThatThrownBy(() -> PostgresSettings.DEFAULTS.withServer(Map.of("a.b.c", "x")))
                .hasMessageContaining("is not a PostgreSQL setting's name");
        assertThatThrownBy(() -> PostgresSettings.DEFAULTS.withServer(Map.of("x".repeat(64), "x")))
                .hasMessageContaining("is not a PostgreSQL setting's name");
        assertThatThrownBy(() -> PostgresSettings.DEFAULTS.withServer(Map.of("application-name", "temas\nfsync=off")))
                .hasMessage("temas.postgres.server.application-name must be one line of at most 1024 characters");
        assertThatThrownBy(() -> PostgresSettings.DEFAULTS.withServer(Map.of("application-name", "temas\u0000")))
                .hasMessageContaining("must be one line");
        assertThatThrownBy(() -> PostgresSettings.DEFAULTS.withServer(Map.of("application-name", "x".repeat(1025))))
                .hasMessageContaining("must be one line");
        assertThatThrownBy(() -> PostgresSettings.DEFAULTS.withServer(Map.of("log-min-duration-statement", "1s", "log_min_duration_statement", "2s")))
                .hasMessageContaining("is given twice");
    }

    private static PostgresSettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("temas.postgres", PostgresSettings.class);
    }

}
