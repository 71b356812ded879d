package io.temas.campaigns;

import io.temas.shared.ReasonCode;
import io.temas.channels.Channels;
import io.temas.channels.InboundMessage;
import io.temas.channels.OutboundMessage;
import io.temas.channels.Outbox;
import io.temas.customers.CustomerId;
import io.temas.customers.CustomerTimeline;
import io.temas.customers.Customers;
import io.temas.inbound.InboundAttribution;
import io.temas.platform.AfterCommit;
import io.temas.shared.ChannelType;
import io.temas.shared.Ids;
import io.temas.shared.Language;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The pipeline's campaign step. A message is a campaign response when it came in on a campaign's
 * entry point (its own or a routing entry point that names the campaign), starts with the
 * campaign's SMS keyword, or quotes the campaign's code. The response is recorded with its
 * channel, medium and entry point, and the customer is suppressed for that campaign on every
 * channel, all in the pipeline's transaction; a known customer's answer is suppressed already as it
 * arrives, before it queues behind other messages ({@link #ahead}). A message whose first word (after a keyword, if
 * any) is one of its channel's opt-out words (SMS: {@code RET}, {@code IPTAL}, {@code STOP})
 * withdraws consent to commercial messages on that channel.
 */
@Component
class Attribution implements InboundAttribution {

    private static final int MIN_QUOTED_CODE = 4;
    private static final int EARLY_KEPT = 100_000;

    private final Campaigns campaigns;
    private final Suppression suppression;
    private final Consents consents;
    private final Customers customers;
    private final Outbox outbox;
    private final MessageSource messages;
    private final Ids ids;
    private final ApplicationEventPublisher events;
    private final Channels channels;
    private final TransactionTemplate transactions;
    private final Clock clock;
    /** What suppressions on arrival removed, by message, until the response's own step reports it; bounded, oldest out. */
    private final Map<String, Suppression.Removed> early = java.util.Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Suppression.Removed> eldest) {
            return size() > EARLY_KEPT;
        }
    });

    Attribution(Campaigns campaigns, Suppression suppression, Consents consents, Customers customers, Outbox outbox,
                MessageSource messages, Ids ids, ApplicationEventPublisher events, Channels channels,
                TransactionTemplate transactions, Clock clock) {
        this.campaigns = campaigns;
        this.suppression = suppression;
        this.consents = consents;
        this.customers = customers;
        this.outbox = outbox;
        this.messages = messages;
        this.ids = ids;
        this.events = events;
        this.channels = channels;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** A campaign found for a message, and how. */
    record Match(Campaign campaign, String medium, String entryPoint, ResponseKind kind) {
    }

    @Override
    public List<CustomerTimeline.Entry> attribute(Context context) {
        InboundMessage message = context.message();
        if (message.automation().isAutomated()) {
            return List.of();
        }
        List<String> words = ResponseWords.words(message.text());
        List<CustomerTimeline.Entry> record = new ArrayList<>();
        Optional<Match> match = match(context, words);
        Set<String> optOutWords = channels.of(message.channel()).optOutWords();
        boolean optOut = !optOutWords.isEmpty() && (optOutWords.contains(first(words))
                || match.filter(m -> m.kind() == ResponseKind.OPTED_OUT).isPresent());
        if (optOut) {
            optOut(context, record);
        }
        match.ifPresent(m -> respond(context, m, record));
        return record;
    }

    Optional<Match> match(Context context, List<String> words) {
        return match(context.message(), context.entryPointCampaign(), context.entryPointMedium(), words);
    }

    private Optional<Match> match(InboundMessage message, String entryPointCampaign, String entryPointMedium, List<String> words) {
        String first = first(words);
        String second = words.size() > 1 ? words.get(1) : null;
        Optional<Campaign> byKeyword = campaigns.byKeyword(first);
        if (byKeyword.isPresent()) {
            return Optional.of(new Match(byKeyword.get(), medium(byKeyword.get(), message.entryPoint(), message.channel()),
                    byKeyword.get().smsKeyword(), kind(second)));
        }
        Optional<Campaign> byEntryPoint = Optional.ofNullable(entryPointCampaign).flatMap(campaigns::byCode)
                .or(() -> campaigns.byEntryPoint(message.entryPoint()));
        if (byEntryPoint.isPresent()) {
            String medium = entryPointCampaign != null && entryPointMedium != null ? entryPointMedium
                    : medium(byEntryPoint.get(), message.entryPoint(), message.channel());
            return Optional.of(new Match(byEntryPoint.get(), medium, message.entryPoint(), kind(first)));
        }
        Map<String, Campaign> codes = campaigns.codes();
        for (int i = 0; i < words.size(); i++) {
            // Short codes would match ordinary words; only distinctive ones count when quoted in free text.
            Campaign quoted = words.get(i).length() >= MIN_QUOTED_CODE ? codes.get(words.get(i)) : null;
            if (quoted != null) {
                return Optional.of(new Match(quoted, message.channel().code(), quoted.code(),
                        kind(i + 1 < words.size() ? words.get(i + 1) : first)));
            }
        }
        return Optional.empty();
    }

    /**
     * A campaign answer takes its sender off the campaign's pending contacts as it arrives, before it queues behind other
     * messages: a burst of answers must not leave a dialer calling, or the outbox sending to, someone who already said
     * yes or no. Only a known customer can have pending contacts; anyone else waits for the pipeline like any message.
     * What this removed is reported by the response's own step, which runs the same suppression again in the
     * pipeline's transaction and finds nothing left.
     */
    @Override
    public void ahead(Arrival arrival) {
        InboundMessage message = arrival.message();
        Optional<Match> match = match(message, arrival.entryPointCampaign(), arrival.entryPointMedium(), ResponseWords.words(message.text()));
        if (match.isEmpty()) {
            return;
        }
        Optional<UUID> customer = message.sender().identifiers().stream()
                .flatMap(i -> customers.findByIdentifier(i.value()).stream()).map(c -> c.id().value()).findFirst();
        if (customer.isEmpty()) {
            return;
        }
        Match m = match.get();
        Suppression.Removed removed = transactions.execute(tx -> suppression.suppress(m.campaign().id(), customer.get(),
                reason(m, message), clock.instant()));
        if (removed != null && (removed.callListEntries() > 0 || removed.messages() > 0)) {
            early.put(earlyKey(message), removed);
        }
    }

    private static String reason(Match m, InboundMessage message) {
        return "responded " + m.kind().code() + " by " + message.channel().code();
    }

    private static String earlyKey(InboundMessage message) {
        return message.channel().code() + "\u0000" + message.externalId();
    }

    private void respond(Context context, Match m, List<CustomerTimeline.Entry> record) {
        InboundMessage message = context.message();
        UUID id = ids.next();
        UUID customerId = context.customer().value();
        // The response is written by the suppression's statement.
        Suppression.Removed removed = suppression.suppress(m.campaign().id(), customerId, reason(m, message), context.now(), """
                        insert into campaign_responses (id, campaign_id, customer_id, kind, channel, medium, entry_point, message_id,
                        conversation_id, occurred_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                new Object[] {id, m.campaign().id(), customerId, m.kind().code(), message.channel().code(), m.medium(), m.entryPoint(),
                        context.messageId(), context.conversationId(), Timestamp.from(message.receivedAt())});
        String key = earlyKey(message);
        Suppression.Removed before = early.get(key);
        if (before != null) {
            // Taken off already when the answer arrived: report that, and forget it once this transaction holds the response.
            removed = new Suppression.Removed(removed.callListEntries() + before.callListEntries(), removed.messages() + before.messages());
            AfterCommit.run(() -> early.remove(key));
        }
        events.publishEvent(new CampaignResponded(id, m.campaign().id(), m.campaign().code(), customerId, m.kind(), message.channel(),
                m.medium(), m.entryPoint(), message.receivedAt()));
        record.add(new CustomerTimeline.Entry(context.now(), "campaign.responded", message.channel().code(),
                "Campaign " + m.campaign().code() + " (" + m.campaign().name() + "): " + m.kind().code() + " via " + m.medium()
                        + " at " + m.entryPoint() + "; removed from " + removed.callListEntries() + " call list(s), "
                        + removed.messages() + " queued message(s) withdrawn",
                context.conversationId(), context.messageId(),
                ReasonCode.of("timeline.campaign.responded.detail", m.campaign().code(), m.campaign().name(),
                        ReasonCode.key("response." + m.kind().code()), medium(m.medium(), message.channel()), m.entryPoint(), removed.callListEntries(), removed.messages())));
    }

    private void optOut(Context context, List<CustomerTimeline.Entry> record) {
        InboundMessage message = context.message();
        String address = message.sender().replyAddress();
        String word = first(ResponseWords.words(message.text()));
        ChannelType channel = message.channel();
        consents.record(context.customer(), address, channel, Purpose.COMMERCIAL, false,
                channel.code() + " reply '" + message.text().strip().toUpperCase(Locale.forLanguageTag("tr")) + "' to " + message.entryPoint(),
                message.receivedAt());
        events.publishEvent(new CustomerOptedOut(context.customer().value(), channel, address, channel.code() + ":" + word,
                message.receivedAt()));
        record.add(new CustomerTimeline.Entry(context.now(), "consent.withdrawn", channel.code(),
                "Opted out of commercial " + channel.code() + " by replying " + message.text().strip(), context.conversationId(),
                context.messageId(), ReasonCode.of("timeline.consent.withdrawn.detail", ReasonCode.key("channel." + channel.code()),
                        message.text().strip())));
        if (address != null) {
            Language language = customers.find(context.customer()).flatMap(c -> c.preferredLanguage()).orElse(Language.DEFAULT);
            String text = messages.getMessage("campaigns.optout.confirmation", null, Locale.forLanguageTag(language.code()));
            outbox.enqueue(new OutboundMessage(channel, message.entryPoint(), address, null, text,
                    Map.of("X-Temas-Kind", "opt-out-confirmation"), context.conversationId(), null));
        }
    }

    /** A medium that is the channel itself (no entry point named one) is said as the reader names the channel. */
    static String medium(String medium, ChannelType channel) {
        return channel.code().equals(medium) ? ReasonCode.key("channel." + medium) : String.valueOf(medium);
    }

    private static String medium(Campaign campaign, String address, ChannelType channel) {
        return campaign.entryPoints().stream().filter(e -> address != null && e.address().equals(
                        io.temas.routing.EntryPointAddresses.normalise(address)))
                .map(Campaign.EntryPoint::medium).filter(m -> m != null && !m.isBlank()).findFirst().orElse(channel.code());
    }

    private static ResponseKind kind(String word) {
        ResponseKind kind = ResponseWords.kindOf(word);
        return kind == null ? ResponseKind.INTERESTED : kind;
    }

    private static String first(List<String> words) {
        return words.isEmpty() ? null : words.getFirst();
    }

}
