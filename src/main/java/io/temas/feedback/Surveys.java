package io.temas.feedback;

import io.temas.campaigns.Consents;
import io.temas.campaigns.Purpose;
import io.temas.channels.OutboundMessage;
import io.temas.channels.Outbox;
import io.temas.chat.ChatRated;
import io.temas.conversations.ConversationResolved;
import io.temas.conversations.Conversations;
import io.temas.routing.ReplyOptions;
import io.temas.shared.ChannelType;
import io.temas.shared.Ids;
import io.temas.shared.InvalidInput;
import io.temas.shared.Language;
import io.temas.shared.TextInput;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Surveys after resolution. When a conversation is resolved, its customer is asked once, on the
 * channel they used, in the resolving transaction: five one-click links by e-mail, a one-digit
 * answer by SMS, the chat's own inline rating in a chat; a web form's customer by e-mail or SMS to
 * the address the form left (the survey is then of that channel). Nobody is asked twice within the quiet
 * period, nor while on do-not-contact for the channel, with service messages refused, or after
 * pressing "do not ask me again". An answer is recorded once: by a conditional update that only
 * a survey without an answer passes, so two presses at once record one answer.
 */
@Service
public class Surveys {

    /** A comment's longest length, in characters. */
    static final int COMMENT_LIMIT = 2_000;

    private static final Logger log = LoggerFactory.getLogger(Surveys.class);

    /** One survey as its page and the reports see it. */
    public record Survey(UUID id, UUID conversationId, UUID customerId, UUID queueId, UUID agentId, ChannelType channel,
                         Language language, UUID outboxId, Instant sentAt, Instant answeredAt, Integer csat, Integer ces, String comment) {

        public boolean answered() {
            return answeredAt != null;
        }
    }

    /** What became of an answer: recorded, or the survey had one already (nothing changed). */
    public enum Outcome {
        RECORDED, ALREADY_ANSWERED
    }

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final Conversations conversations;
    private final Consents consents;
    private final SurveyPolicy policy;
    private final SurveyLinks links;
    private final SurveySettings settings;
    private final MessageSource messages;
    private final Ids ids;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final ReplyOptions replies;

    Surveys(JdbcClient jdbc, Outbox outbox, Conversations conversations, Consents consents, SurveyPolicy policy, SurveyLinks links,
            SurveySettings settings, MessageSource messages, Ids ids, Clock clock, ApplicationEventPublisher events, ReplyOptions replies) {
        this.replies = replies;
        this.events = events;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.conversations = conversations;
        this.consents = consents;
        this.policy = policy;
        this.links = links;
        this.settings = settings;
        this.messages = messages;
        this.ids = ids;
        this.clock = clock;
    }

    /** A resolution, in the resolving transaction: queues the survey when the customer may be asked. */
    @EventListener
    void on(ConversationResolved resolved) {
        SurveyPolicy.Current current = policy.current();
        ChannelType channel = resolved.channel();
        if (!current.surveys(channel)) {
            return;
        }
        UUID customer = resolved.customerId();
        // One decision per customer at a time: two resolutions at once do not both pass the quiet period.
        jdbc.sql("select pg_advisory_xact_lock(?)").param(lockKey(customer)).query((rs, n) -> 1).list();
        Instant now = clock.instant();
        if (exists("select exists (select 1 from surveys where conversation_id = ?)", resolved.conversationId())
                || exists("select exists (select 1 from survey_opt_outs where customer_id = ?)", customer)
                || jdbc.sql("select exists (select 1 from surveys where customer_id = ? and sent_at > ?)")
                .params(customer, Timestamp.from(now.minus(current.quietPeriod()))).query(Boolean.class).single()) {
            return;
        }
        Optional<String> recipient = conversations.lastSender(resolved.conversationId(), channel);
        if (!ChannelType.CHAT.equals(channel) && recipient.isEmpty()) {
            return;
        }
        // A web form has no way back of its own: the survey goes as the team's answers do, by e-mail or SMS to the
        // address the form left, from one of our entry points of that channel; none, no survey.
        String from = resolved.entryPoint();
        if (ChannelType.WEBFORM.equals(channel)) {
            Optional<ReplyOptions.Chosen> back = replies.reachBack(conversations.get(resolved.conversationId()), recipient.get());
            if (back.isEmpty()) {
                return;
            }
            channel = back.get().channel();
            from = back.get().sender();
            recipient = Optional.of(back.get().recipient());
        }
        if (!consents.doNotContactReasons(customer, channel, now).isEmpty()
                || Boolean.FALSE.equals(consents.state(customer, recipient.orElse(null), channel, Purpose.SERVICE))) {
            return;
        }
        Language language = resolved.language() == null ? Language.DEFAULT : resolved.language();
        UUID id = ids.next();
        UUID outboxId = null;
        if (!ChannelType.CHAT.equals(channel)) {
            outboxId = outbox.enqueue(message(id, resolved, channel, from, language, recipient.get()));
        }
        jdbc.sql("""
                        insert into surveys (id, conversation_id, customer_id, queue_id, agent_id, channel, language, outbox_id, sent_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, resolved.conversationId(), customer, resolved.queueId(), resolved.agentId(), channel.code(), language.code(),
                        outboxId, Timestamp.from(now))
                .update();
    }

    /** The survey message on {@code channel} from the entry point {@code from}: the conversation's own, or a web form's way back. */
    private OutboundMessage message(UUID surveyId, ConversationResolved resolved, ChannelType channel, String from, Language language,
                                    String recipient) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Temas-Kind", "survey");
        headers.put("X-Temas-Reference", resolved.reference());
        if (ChannelType.SMS.equals(channel)) {
            return new OutboundMessage(channel, from, recipient, null,
                    text(language, "survey.sms.text", resolved.reference()), headers, resolved.conversationId(), null);
        }
        headers.put("Auto-Submitted", "auto-generated");
        String link = settings.base() + "/survey/s/" + links.token(SurveyLinks.Kind.SURVEY, surveyId) + "?score=";
        StringBuilder body = new StringBuilder(text(language, "survey.mail.intro", resolved.reference())).append("\n\n");
        for (int score = 1; score <= 5; score++) {
            body.append(text(language, "survey.mail.score." + score)).append(":\n").append(link).append(score).append("\n\n");
        }
        body.append(text(language, "survey.mail.note"));
        return new OutboundMessage(channel, from, recipient,
                text(language, "survey.mail.subject", resolved.reference()), body.toString(), headers, resolved.conversationId(), null);
    }

    /** The survey a link names; empty when the link is forged, malformed or names nothing. */
    public Optional<Survey> byToken(String token) {
        return links.verify(SurveyLinks.Kind.SURVEY, token).flatMap(this::find);
    }

    public Optional<Survey> find(UUID id) {
        return jdbc.sql("select * from surveys where id = ?").param(id).query((rs, n) -> survey(rs)).optional();
    }

    public Optional<Survey> ofConversation(UUID conversationId) {
        return jdbc.sql("select * from surveys where conversation_id = ?").param(conversationId).query((rs, n) -> survey(rs)).optional();
    }

    /**
     * Records a customer's answer from the survey page, once: a second answer (or a second press at
     * the same moment) changes nothing. {@code doNotAsk} keeps the customer from every later survey.
     *
     * @throws InvalidInput for a score out of range, or a comment too long or with control characters
     */
    @Transactional
    public Outcome answer(UUID surveyId, Integer csat, Integer ces, String comment, boolean doNotAsk) {
        if (csat == null || csat < 1 || csat > 5) {
            throw new InvalidInput("csat", "satisfaction is a whole number from 1 to 5");
        }
        if (ces != null && (ces < 1 || ces > 7)) {
            throw new InvalidInput("ces", "effort is a whole number from 1 to 7");
        }
        String clean = comment == null || comment.isBlank() ? null : TextInput.check("comment", comment.strip(), true);
        if (clean != null && clean.length() > COMMENT_LIMIT) {
            throw new InvalidInput("comment", "the comment is longer than " + COMMENT_LIMIT + " characters");
        }
        Instant now = clock.instant();
        Optional<UUID> answered = jdbc.sql("""
                        update surveys set answered_at = ?, csat = ?, ces = ?, comment = ? where id = ? and answered_at is null
                        returning customer_id""")
                .params(Timestamp.from(now), csat, ces, clean, surveyId).query(UUID.class).optional();
        if (answered.isEmpty()) {
            return Outcome.ALREADY_ANSWERED;
        }
        events.publishEvent(new SurveyAnswered(answered.get()));
        if (doNotAsk) {
            jdbc.sql("""
                            insert into survey_opt_outs (customer_id, opted_out_at) select customer_id, ? from surveys where id = ?
                            on conflict (customer_id) do nothing""").params(Timestamp.from(now), surveyId).update();
        }
        return Outcome.RECORDED;
    }

    /** Whether the customer asked never to be surveyed again. */
    public boolean optedOut(UUID customerId) {
        return exists("select exists (select 1 from survey_opt_outs where customer_id = ?)", customerId);
    }

    /**
     * A text from the customer on SMS: when it is one digit from 1 to 5 and their SMS survey is
     * unanswered and within the answer window, it is the satisfaction answer. Answers whether it was.
     */
    @Transactional
    public boolean smsReply(UUID customerId, String text) {
        if (text == null) {
            return false;
        }
        String digit = text.strip();
        if (digit.length() != 1 || digit.charAt(0) < '1' || digit.charAt(0) > '5') {
            return false;
        }
        Instant now = clock.instant();
        Instant since = now.minus(policy.current().smsWindow());
        boolean answered = jdbc.sql("""
                        update surveys set answered_at = ?, csat = ? where id = (
                        select id from surveys where customer_id = ? and channel = 'sms' and answered_at is null and sent_at >= ?
                        order by sent_at desc limit 1) and answered_at is null""")
                .params(Timestamp.from(now), digit.charAt(0) - '0', customerId, Timestamp.from(since))
                .update() == 1;
        if (answered) {
            events.publishEvent(new SurveyAnswered(customerId));
        }
        return answered;
    }

    /** A chat's inline rating, in the transaction that stores it: the chat's survey answer (the first one counts). */
    @EventListener
    void on(ChatRated rated) {
        if (!policy.current().surveys(ChannelType.CHAT)) {
            return;
        }
        int recorded = jdbc.sql("update surveys set answered_at = ?, csat = ?, comment = ? where conversation_id = ? and answered_at is null")
                .params(Timestamp.from(rated.at()), rated.score(), rated.comment(), rated.conversationId()).update();
        var c = conversations.get(rated.conversationId());
        if (recorded == 0) {
            // Rated without a survey row (the chat is not resolved yet, or its customer was surveyed lately): kept all the same.
            jdbc.sql("""
                            insert into surveys (id, conversation_id, customer_id, queue_id, agent_id, channel, language, sent_at, answered_at,
                            csat, comment) values (?, ?, ?, ?, ?, 'chat', ?, ?, ?, ?, ?) on conflict (conversation_id) do nothing""")
                    .params(ids.next(), c.id(), c.customerId(), c.queueId(), c.assigneeId(),
                            c.language() == null ? Language.DEFAULT.code() : c.language().code(), Timestamp.from(rated.at()),
                            Timestamp.from(rated.at()), rated.score(), rated.comment())
                    .update();
        }
        events.publishEvent(new SurveyAnswered(c.customerId()));
        log.debug("Chat of conversation {} rated {}", rated.conversationId(), rated.score());
    }

    String text(Language language, String key, Object... args) {
        return messages.getMessage(key, args, key, language.locale());
    }

    private boolean exists(String sql, UUID id) {
        return jdbc.sql(sql).param(id).query(Boolean.class).single();
    }

    private static long lockKey(UUID customer) {
        // A namespace of its own in the advisory lock space, mixed with the customer.
        return customer.getMostSignificantBits() ^ customer.getLeastSignificantBits() ^ 0x5355525645590000L;
    }

    private static Survey survey(ResultSet rs) throws SQLException {
        return new Survey(rs.getObject("id", UUID.class), rs.getObject("conversation_id", UUID.class), rs.getObject("customer_id", UUID.class),
                rs.getObject("queue_id", UUID.class), rs.getObject("agent_id", UUID.class), ChannelType.of(rs.getString("channel")),
                Language.parse(rs.getString("language")).orElse(Language.DEFAULT), rs.getObject("outbox_id", UUID.class),
                rs.getTimestamp("sent_at").toInstant(), rs.getTimestamp("answered_at") == null ? null : rs.getTimestamp("answered_at").toInstant(),
                (Integer) rs.getObject("csat", Integer.class), (Integer) rs.getObject("ces", Integer.class), rs.getString("comment"));
    }
}
