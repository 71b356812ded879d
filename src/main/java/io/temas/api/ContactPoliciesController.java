package io.temas.api;

import io.swagger.v3.oas.annotations.Operation;
import io.temas.campaigns.Consents;
import io.temas.campaigns.ContactRules;
import io.temas.campaigns.Purpose;
import io.temas.channels.Channels;
import io.temas.customers.CustomerId;
import io.temas.customers.Customers;
import io.temas.shared.InvalidInput;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Contact policies: consents, do-not-contact entries and the per-channel rules (quiet hours, frequency caps). */
@RestController
class ContactPoliciesController {

    record ConsentRequest(String channel, String purpose, Boolean granted, String source, String address, Instant recordedAt) {
    }

    record DoNotContactRequest(String channel, String reason, Instant expiresAt) {
    }

    record RuleRequest(LocalTime quietFrom, LocalTime quietTo, Integer cap, Integer capWindowDays) {
    }

    private final Consents consents;
    private final ContactRules rules;
    private final Customers customers;
    private final Clock clock;
    private final Channels channels;

    ContactPoliciesController(Consents consents, ContactRules rules, Customers customers, Clock clock, Channels channels) {
        this.consents = consents;
        this.rules = rules;
        this.customers = customers;
        this.clock = clock;
        this.channels = channels;
    }

    @Operation(summary = "Record a consent or its withdrawal, with its source and date")
    @PostMapping("/api/v1/customers/{id}/consents")
    @ResponseStatus(HttpStatus.CREATED)
    Consents.Consent consent(@PathVariable UUID id, @RequestBody ConsentRequest r) {
        CustomerId customer = customers.current(new CustomerId(id)).id();
        if (r.granted() == null) {
            throw new InvalidInput("granted", "granted is required");
        }
        return consents.record(customer, r.address(), channels.type(r.channel()), Purpose.of(r.purpose() == null ? "" : r.purpose()),
                r.granted(), r.source(), r.recordedAt() == null ? clock.instant() : r.recordedAt());
    }

    @GetMapping("/api/v1/customers/{id}/consents")
    Map<String, Object> consents(@PathVariable UUID id) {
        CustomerId customer = customers.current(new CustomerId(id)).id();
        return Map.of("consents", consents.of(customer), "doNotContact", consents.doNotContactOf(customer));
    }

    @Operation(summary = "Put a customer on do-not-contact for a channel (or every channel) with a reason and an optional expiry")
    @PostMapping("/api/v1/customers/{id}/do-not-contact")
    @ResponseStatus(HttpStatus.CREATED)
    Consents.DoNotContact doNotContact(@PathVariable UUID id, @RequestBody DoNotContactRequest r) {
        CustomerId customer = customers.current(new CustomerId(id)).id();
        return consents.doNotContact(customer, r.channel() == null ? null : channels.type(r.channel()), r.reason(), r.expiresAt(),
                clock.instant());
    }

    @GetMapping("/api/v1/contact-rules")
    List<ContactRules.Rule> rules() {
        return rules.all();
    }

    @Operation(summary = "Set a channel's quiet hours (local time) and frequency cap; nulls turn them off")
    @PutMapping("/api/v1/contact-rules/{channel}")
    ContactRules.Rule rule(@PathVariable String channel, @RequestBody RuleRequest r) {
        return rules.save(new ContactRules.Rule(channels.type(channel), r.quietFrom(), r.quietTo(), r.cap(),
                r.capWindowDays() == null ? 7 : r.capWindowDays()));
    }
}
