package io.temas.console;

import io.temas.campaigns.Audience;
import io.temas.campaigns.Campaign;
import io.temas.campaigns.CampaignMessages;
import io.temas.campaigns.Campaigns;
import io.temas.campaigns.Purpose;
import io.temas.shared.ChannelType;
import io.temas.shared.InvalidInput;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The campaign screens' forms as typed, and their translation to the campaign module's values:
 * every value a person can get wrong is refused with a message key the page says in the reader's
 * language.
 */
final class CampaignForms {

    /** The channels a campaign message can go by (the sends the campaign module makes). */
    static final List<String> SEND_CHANNELS = List.of("sms", "email");

    /** The channels a campaign is offered on in the form: its sends' and the dialer's. */
    static final List<String> CAMPAIGN_CHANNELS = List.of("sms", "email", "voice");

    /** The languages the audience form offers. */
    static final List<String> LANGUAGES = List.of("tr", "az", "en");

    private CampaignForms() {
    }

    /** A campaign as typed: dates as {@code datetime-local} values in the reader's zone, the message per channel. */
    record CampaignForm(String name, String code, String offer, String terms, List<String> channels, String smsKeyword, String startsAt,
                        String endsAt, String status, String smsText, String emailSubject, String emailText, String emailLink) {

        static CampaignForm empty() {
            return new CampaignForm("", "", "", "", List.of("sms"), "", "", "", "draft", "", "", "", "");
        }

        static CampaignForm of(Campaign c, List<CampaignMessages.Message> messages, ZoneId zone) {
            CampaignMessages.Message sms = messages.stream().filter(m -> ChannelType.SMS.equals(m.channel())).findFirst().orElse(null);
            CampaignMessages.Message email = messages.stream().filter(m -> ChannelType.EMAIL.equals(m.channel())).findFirst().orElse(null);
            return new CampaignForm(c.name(), c.code(), c.offer(), c.terms(), c.channels().stream().map(ChannelType::code).toList(),
                    c.smsKeyword(), local(c.startsAt(), zone), local(c.endsAt(), zone), c.status().code(),
                    sms == null ? "" : sms.text(), email == null ? "" : email.subject(), email == null ? "" : email.text(),
                    email == null ? "" : email.link());
        }

        public boolean has(String channel) {
            return channels != null && channels.contains(channel);
        }

        Campaigns.Draft draft(ZoneId zone) {
            String n = AdminForms.required(name, "campaigns.error.name");
            String c = AdminForms.required(code, "campaigns.error.code");
            Instant from = instant(startsAt, zone);
            Instant to = instant(endsAt, zone);
            if (from != null && to != null && !to.isAfter(from)) {
                throw new ConsoleRefusal("campaigns.error.dates");
            }
            Campaign.Status s;
            try {
                s = status == null || status.isBlank() ? Campaign.Status.DRAFT : Campaign.Status.of(status);
            } catch (InvalidInput e) {
                throw new ConsoleRefusal("campaigns.error.status");
            }
            List<ChannelType> types = new ArrayList<>();
            for (String channel : channels == null ? List.<String>of() : channels) {
                try {
                    types.add(ChannelType.of(channel));
                } catch (RuntimeException e) {
                    throw new ConsoleRefusal("campaigns.error.channel");
                }
            }
            return new Campaigns.Draft(n, c, AdminForms.blankToNull(offer), AdminForms.blankToNull(terms), types.stream().distinct().toList(),
                    AdminForms.blankToNull(smsKeyword), from, to, s, List.of());
        }

        List<CampaignMessages.Message> messages() {
            if (emailText != null && emailText.contains("{link}") && (emailLink == null || emailLink.isBlank())) {
                throw new ConsoleRefusal("campaigns.error.link");
            }
            if (emailLink != null && !emailLink.isBlank() && !emailLink.strip().matches("(?i)https?://\\S+")) {
                throw new ConsoleRefusal("campaigns.error.link");
            }
            return List.of(new CampaignMessages.Message(ChannelType.SMS, null, smsText, null),
                    new CampaignMessages.Message(ChannelType.EMAIL, emailSubject, emailText, emailLink));
        }
    }

    /** The audience rules as typed: lists comma- or line-separated, VIP as any, yes or no, day counts as text. */
    record AudienceForm(String segments, String excludeSegments, String vip, List<String> languages, String consentChannel,
                        String consentPurpose, String notContactedDays, String noComplaintDays, String customers) {

        static AudienceForm empty() {
            return new AudienceForm("", "", "", List.of(), "", "commercial", "", "", "");
        }

        static AudienceForm ofCustomers(List<UUID> ids) {
            return new AudienceForm("", "", "", List.of(), "", "commercial", "", "", ids.stream().map(UUID::toString)
                    .collect(Collectors.joining("\n")));
        }

        static AudienceForm of(Audience a) {
            return a == null ? empty() : new AudienceForm(String.join(", ", a.segments()), String.join(", ", a.excludeSegments()),
                    a.vip() == null ? "" : a.vip() ? "yes" : "no", a.languages(),
                    a.consentChannel() == null ? "" : a.consentChannel().code(),
                    a.consentPurpose() == null ? "commercial" : a.consentPurpose().code(),
                    a.notContactedDays() == null ? "" : a.notContactedDays().toString(),
                    a.noComplaintDays() == null ? "" : a.noComplaintDays().toString(),
                    a.customerIds().stream().map(UUID::toString).collect(Collectors.joining("\n")));
        }

        public boolean speaks(String language) {
            return languages != null && languages.contains(language);
        }

        /** The rules; {@link Audience#EVERYONE} when none is given. */
        Audience audience() {
            Integer notContacted = days(notContactedDays);
            Integer noComplaint = days(noComplaintDays);
            ChannelType consent;
            try {
                consent = consentChannel == null || consentChannel.isBlank() ? null : ChannelType.of(consentChannel);
            } catch (RuntimeException e) {
                throw new ConsoleRefusal("campaigns.error.channel");
            }
            Purpose purpose;
            try {
                purpose = consentPurpose == null || consentPurpose.isBlank() ? null : Purpose.of(consentPurpose);
            } catch (InvalidInput e) {
                throw new ConsoleRefusal("campaigns.error.purpose");
            }
            Boolean v = switch (vip == null ? "" : vip) {
                case "yes" -> Boolean.TRUE;
                case "no" -> Boolean.FALSE;
                case "" -> null;
                default -> throw new ConsoleRefusal("campaigns.error.vip");
            };
            List<String> spoken = languages == null ? List.of() : languages.stream().filter(s -> !s.isBlank()).distinct().toList();
            return new Audience(AdminForms.list(segments), AdminForms.list(excludeSegments), v, spoken, consent,
                    consent == null ? null : purpose, notContacted, noComplaint, customerIds(customers));
        }
    }

    /** Customer ids as another screen hands them over: separated by commas, blanks or lines. */
    static List<UUID> customerIds(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        Set<UUID> ids = new java.util.LinkedHashSet<>();
        for (String part : Arrays.stream(text.split("[,;\\s]+")).filter(s -> !s.isBlank()).toList()) {
            try {
                ids.add(UUID.fromString(part.strip()));
            } catch (IllegalArgumentException e) {
                throw new ConsoleRefusal("campaigns.error.customerId");
            }
        }
        return List.copyOf(ids);
    }

    private static Integer days(String value) {
        Integer days = AdminForms.number(value, "campaigns.error.days");
        if (days != null && (days < 0 || days > 3650)) {
            throw new ConsoleRefusal("campaigns.error.days");
        }
        return days;
    }

    static Instant instant(String value, ZoneId zone) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.strip()).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new ConsoleRefusal("campaigns.error.date");
        }
    }

    static String local(Instant at, ZoneId zone) {
        return at == null ? "" : LocalDateTime.ofInstant(at, zone).truncatedTo(ChronoUnit.MINUTES).toString();
    }
}
