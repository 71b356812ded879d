package io.temas.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The zones of the day rows as an operator writes them. */
class ReportSettingsTests {

    @Test
    void zonesAreReadFromACommaSeparatedListOnceEachAndNoneFromAnEmptyValue() {
        assertThat(bind(Map.of()).zones()).containsExactly(ZoneId.of("Europe/Istanbul"));
        assertThat(bind(Map.of("temas.reports.zones", "Europe/Istanbul, Asia/Baku,Europe/Istanbul")).zones())
                .containsExactly(ZoneId.of("Europe/Istanbul"), ZoneId.of("Asia/Baku"));
        assertThat(bind(Map.of("temas.reports.zones", "")).zones()).isEmpty();
    }

    private static ReportSettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("temas.reports", ReportSettings.class);
    }
}
