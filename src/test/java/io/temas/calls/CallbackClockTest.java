package io.temas.calls;

import io.temas.support.HandClock;
import io.temas.support.TemasIntegrationTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

/**
 * The application on a clock the test moves by hand, so a callback's time comes when the test says;
 * the offering job runs only when a test calls it, and calls are placed through a PBX that notes
 * what it was asked. Test classes with this annotation share one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@TemasIntegrationTest
@Import(CallbackClockTest.Configuration.class)
@TestPropertySource(properties = {"temas.callbacks.sweep=1h", "temas.calls.pbx=" + CallbackClockTest.PBX,
        "temas.callbacks.portal-entry-point=" + CallbackClockTest.PORTAL_NUMBER})
@interface CallbackClockTest {

    String PBX = "test-pbx";

    /** The number the help centre books callbacks for in these tests; a test that books on the portal sets it up. */
    String PORTAL_NUMBER = "+908509990000";

    /** Monday 7 December 2026, 08:00 in Istanbul: an hour before the call centre opens. */
    Instant START = Instant.parse("2026-12-07T05:00:00Z");

    @TestConfiguration(proxyBeanMethods = false)
    class Configuration {

        @Bean
        @Primary
        HandClock handClock() {
            return new HandClock(START);
        }

        @Bean
        DialledPbx dialledPbx() {
            return new DialledPbx();
        }
    }

    /** A PBX that places every call it is asked to and remembers them. */
    class DialledPbx implements Pbx {

        final List<Dial> dials = new CopyOnWriteArrayList<>();

        @Override
        public String code() {
            return PBX;
        }

        @Override
        public boolean ready() {
            return true;
        }

        @Override
        public String dial(Dial dial) {
            dials.add(dial);
            return "pbx-" + dial.callId();
        }
    }
}
