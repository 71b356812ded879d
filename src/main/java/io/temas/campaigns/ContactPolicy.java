package io.temas.campaigns;

import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;

/** One named contact rule. A supervisor reads the name and the reason of whichever refused. */
interface ContactPolicy {

    String name();

    ContactDecision decide(ContactFacts facts);

    /** The policies in the order they are asked; the first refusal wins. */
    static List<ContactPolicy> all() {
        return List.of(new CampaignRunning(), new CampaignAnswered(), new DoNotContact(), new Consent(), new FrequencyCap(),
                new QuietHours());
    }

    /** The policies whose refusal does not pass with the hour, the campaign's state or the contacts counted: a refused contact leaves a call list. */
    static List<ContactPolicy> lasting() {
        return List.of(new DoNotContact(), new Consent());
    }

    private static ContactDecision refuse(ContactPolicy policy, String reason) {
        return new ContactDecision.Refused(policy.name(), reason, null);
    }

    /** A campaign contact only while the campaign runs. */
    record CampaignRunning() implements ContactPolicy {
        public String name() {
            return "campaign-running";
        }

        public ContactDecision decide(ContactFacts f) {
            return Boolean.FALSE.equals(f.campaignRunning()) ? refuse(this, "the campaign is not running") : ContactDecision.ALLOWED;
        }
    }

    /** Someone who answered a campaign on any channel is not contacted for it again. */
    record CampaignAnswered() implements ContactPolicy {
        public String name() {
            return "campaign-answered";
        }

        public ContactDecision decide(ContactFacts f) {
            return f.campaignRunning() != null && f.campaignAnswered()
                    ? refuse(this, "the customer already responded to the campaign") : ContactDecision.ALLOWED;
        }
    }

    /** Do-not-contact entries in force for the channel, for every purpose. */
    record DoNotContact() implements ContactPolicy {
        public String name() {
            return "do-not-contact";
        }

        public ContactDecision decide(ContactFacts f) {
            return f.doNotContact().isEmpty() ? ContactDecision.ALLOWED
                    : refuse(this, "do not contact on " + f.channel().code() + ": " + String.join("; ", f.doNotContact()));
        }
    }

    /**
     * Commercial contact needs consent on the channel: never after a withdrawal ({@code consent}), and only with a
     * recorded one when required ({@code consent-missing}: told apart, as a supervisor acts on it differently).
     */
    record Consent() implements ContactPolicy {

        public String name() {
            return "consent";
        }

        public ContactDecision decide(ContactFacts f) {
            if (f.purpose() != Purpose.COMMERCIAL) {
                return ContactDecision.ALLOWED;
            }
            if (Boolean.FALSE.equals(f.consent())) {
                return refuse(this, "consent to commercial " + f.channel().code() + " was withdrawn");
            }
            if (f.requireConsent() && f.consent() == null) {
                return new ContactDecision.Refused("consent-missing", "no consent to commercial " + f.channel().code() + " is recorded", null);
            }
            return ContactDecision.ALLOWED;
        }
    }

    /** At most so many commercial contacts per channel within a window of days. */
    record FrequencyCap() implements ContactPolicy {
        public String name() {
            return "frequency-cap";
        }

        public ContactDecision decide(ContactFacts f) {
            Integer cap = f.rule().cap();
            if (f.purpose() != Purpose.COMMERCIAL || cap == null || f.contactsInWindow() < cap) {
                return ContactDecision.ALLOWED;
            }
            return refuse(this, f.contactsInWindow() + " commercial " + f.channel().code() + " contacts in the last "
                    + f.rule().capWindowDays() + " days (cap " + cap + ")");
        }
    }

    /** No commercial contact in the channel's quiet hours; the refusal passes when they end. */
    record QuietHours() implements ContactPolicy {
        public String name() {
            return "quiet-hours";
        }

        public ContactDecision decide(ContactFacts f) {
            LocalTime from = f.rule().quietFrom();
            LocalTime to = f.rule().quietTo();
            if (f.purpose() != Purpose.COMMERCIAL || from == null || to == null || from.equals(to)) {
                return ContactDecision.ALLOWED;
            }
            LocalTime t = f.localTime();
            boolean quiet = from.isBefore(to) ? !t.isBefore(from) && t.isBefore(to) : !t.isBefore(from) || t.isBefore(to);
            if (!quiet) {
                return ContactDecision.ALLOWED;
            }
            ZonedDateTime end = f.now().with(to);
            if (!end.isAfter(f.now())) {
                end = end.plusDays(1);
            }
            return new ContactDecision.Refused(name(), "quiet hours " + from + "–" + to + " (" + f.now().getZone() + ")",
                    end.toInstant());
        }
    }
}
