package io.temas.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.shared.ChannelType;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContactPolicyTests {

    private static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");
    private static final ContactRules.Rule SMS = new ContactRules.Rule(ChannelType.SMS, LocalTime.of(21, 0), LocalTime.of(9, 0), 4, 7);

    private static ContactFacts facts(String localTime, Boolean consent, boolean requireConsent, List<String> dnc, int contacts,
                                      Boolean running, boolean answered, Purpose purpose) {
        ZonedDateTime now = ZonedDateTime.of(2026, 12, 1, 0, 0, 0, 0, ISTANBUL).with(LocalTime.parse(localTime));
        return new ContactFacts(ChannelType.SMS, purpose, now, consent, requireConsent, dnc, contacts, SMS, running, answered);
    }

    private static ContactFacts ordinary() {
        return facts("14:00", null, false, List.of(), 0, true, false, Purpose.COMMERCIAL);
    }

    private static ContactDecision decide(ContactFacts facts) {
        return ContactPolicies.decide(ContactPolicy.all(), facts);
    }

    @Test
    void anOrdinaryCommercialContactIsAllowed() {
        assertThat(decide(ordinary())).isInstanceOf(ContactDecision.Allowed.class);
    }

    @Test
    void aWithdrawnConsentRefusesCommercialButNotServiceMessages() {
        assertThat(decide(facts("14:00", false, false, List.of(), 0, true, false, Purpose.COMMERCIAL)))
                .isEqualTo(new ContactDecision.Refused("consent", "consent to commercial sms was withdrawn", null));
        assertThat(decide(facts("14:00", false, false, List.of(), 0, null, false, Purpose.SERVICE))).isInstanceOf(ContactDecision.Allowed.class);
    }

    @Test
    void missingConsentRefusesOnlyWhenConsentIsRequired() {
        assertThat(decide(facts("14:00", null, true, List.of(), 0, true, false, Purpose.COMMERCIAL)))
                .extracting(d -> ((ContactDecision.Refused) d).policy()).isEqualTo("consent-missing");
        assertThat(decide(facts("14:00", true, true, List.of(), 0, true, false, Purpose.COMMERCIAL))).isInstanceOf(ContactDecision.Allowed.class);
    }

    @Test
    void doNotContactRefusesEveryPurposeWithItsReason() {
        ContactDecision decision = decide(facts("14:00", true, false, List.of("asked on the phone"), 0, null, false, Purpose.SERVICE));
        assertThat(decision).isEqualTo(new ContactDecision.Refused("do-not-contact", "do not contact on sms: asked on the phone", null));
    }

    @Test
    void theFrequencyCapRefusesTheContactThatWouldExceedIt() {
        assertThat(decide(facts("14:00", null, false, List.of(), 3, true, false, Purpose.COMMERCIAL))).isInstanceOf(ContactDecision.Allowed.class);
        assertThat(decide(facts("14:00", null, false, List.of(), 4, true, false, Purpose.COMMERCIAL)))
                .extracting(d -> ((ContactDecision.Refused) d).policy()).isEqualTo("frequency-cap");
    }

    @Test
    void quietHoursAcrossMidnightHoldUntilTheyEnd() {
        ContactDecision late = decide(facts("22:30", null, false, List.of(), 0, true, false, Purpose.COMMERCIAL));
        assertThat(late).isInstanceOf(ContactDecision.Refused.class);
        ContactDecision.Refused refused = (ContactDecision.Refused) late;
        assertThat(refused.policy()).isEqualTo("quiet-hours");
        assertThat(refused.retryAt()).isEqualTo(Instant.parse("2026-12-02T06:00:00Z"));
        ContactDecision early = decide(facts("08:59", null, false, List.of(), 0, true, false, Purpose.COMMERCIAL));
        assertThat(((ContactDecision.Refused) early).retryAt()).isEqualTo(Instant.parse("2026-12-01T06:00:00Z"));
        assertThat(decide(facts("09:00", null, false, List.of(), 0, true, false, Purpose.COMMERCIAL))).isInstanceOf(ContactDecision.Allowed.class);
        assertThat(decide(facts("20:59", null, false, List.of(), 0, true, false, Purpose.COMMERCIAL))).isInstanceOf(ContactDecision.Allowed.class);
    }

    @Test
    void aCampaignAnsweredOrNotRunningRefusesItsContacts() {
        assertThat(decide(facts("14:00", null, false, List.of(), 0, true, true, Purpose.COMMERCIAL)))
                .extracting(d -> ((ContactDecision.Refused) d).policy()).isEqualTo("campaign-answered");
        assertThat(decide(facts("14:00", null, false, List.of(), 0, false, false, Purpose.COMMERCIAL)))
                .extracting(d -> ((ContactDecision.Refused) d).policy()).isEqualTo("campaign-running");
    }

    @Test
    void aPermanentRefusalWinsOverQuietHours() {
        ContactDecision decision = decide(facts("23:00", false, false, List.of(), 0, true, false, Purpose.COMMERCIAL));
        assertThat(((ContactDecision.Refused) decision).policy()).isEqualTo("consent");
    }
}
