package io.temas.channels.whatsapp;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * WhatsApp's customer-service window: a business may write freely to a customer for 24 hours after
 * the customer's last message to that business number; after that only an approved template. The
 * last inbound message per (our number, customer's number) is kept here as webhooks arrive.
 */
@Service
public class CustomerServiceWindows {

    /** How long a customer's message opens the window for. */
    public static final Duration LENGTH = Duration.ofHours(24);

    /** The window towards one customer: when they last wrote, when it closes, whether it is open now. */
    public record Window(Instant lastInbound, Instant closesAt, boolean open) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    CustomerServiceWindows(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * The window from our number {@code business} (any of ours when null) to the customer's number;
     * empty when the customer never wrote on WhatsApp.
     */
    public Optional<Window> of(String business, String customer) {
        return jdbc.sql("""
                        select max(last_inbound_at) from whatsapp_windows
                        where customer_number = ? and (?::text is null or business_number = ?)""")
                .params(customer, business, business).query(Timestamp.class).list().stream().filter(java.util.Objects::nonNull).findFirst()
                .map(Timestamp::toInstant)
                .map(last -> new Window(last, last.plus(LENGTH), clock.instant().isBefore(last.plus(LENGTH))));
    }

    /**
     * Records a customer's message; an older one arriving late does not move the window back, and a
     * time in the future counts as now (it would keep the window open for good).
     */
    void opened(String business, String customer, Instant at) {
        jdbc.sql("""
                        insert into whatsapp_windows (business_number, customer_number, last_inbound_at) values (?, ?, ?)
                        on conflict (business_number, customer_number)
                        do update set last_inbound_at = greatest(whatsapp_windows.last_inbound_at, excluded.last_inbound_at)""")
                .params(business, customer, Timestamp.from(io.temas.channels.PayloadTimes.notAfterNow(at, clock))).update();
    }
}
