package io.temas.demo;

import io.temas.calls.Extensions;
import io.temas.calls.TelephonySettings;
import io.temas.routing.Agents;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Lets the demo take calls without a telephone system: the demo agents get extensions 101 to 105,
 * and the simulated PBX places calls, unless the telephony settings were saved or
 * {@code temas.calls.pbx} names another. Runs while the telephony settings were never saved.
 */
@Component
@Order(25)
class DemoTelephony implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoTelephony.class);
    private static final Map<String, String> EXTENSIONS = Map.of("ayse", "101", "elif", "102", "mehmet", "103", "zeynep", "104",
            "kenan", "105");

    private final DemoSettings settings;
    private final TelephonySettings telephony;
    private final Extensions extensions;
    private final Agents agents;

    DemoTelephony(DemoSettings settings, TelephonySettings telephony, Extensions extensions, Agents agents) {
        this.settings = settings;
        this.telephony = telephony;
        this.extensions = extensions;
        this.agents = agents;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!settings.demoData() || telephony.saved().isPresent()) {
            return;
        }
        if (extensions.all().isEmpty()) {
            EXTENSIONS.forEach((username, extension) -> agents.findByUsername(username)
                    .ifPresent(agent -> extensions.set(agent.id(), List.of(extension))));
        }
        if (telephony.current().pbx() == null) {
            telephony.choose("simulated", "demo");
            log.info("Demo: calls are placed by the simulated telephone system; ring an extension under Settings → Telephony");
        }
    }
}
